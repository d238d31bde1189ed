/** Citations shared by the profile files. Commits are the snapshots that were read. */
export const DEVLAKE_BENCHMARKS =
  'Apache DevLake, backend/plugins/dora/models/migrationscripts/20240223_add_dora_2023_benchmark.go (dora_benchmarks rows)';
export const DEVLAKE_CFR_DOC = 'Apache DevLake website, docs/Metrics/CFR.md';
export const REPORT_2021_TABLE =
  'DORA 2021 Accelerate State of DevOps report, performance table, as reproduced at https://eduklein.com.br/software-delivery-performance-metrics/';
export const REPORT_2024_TABLE =
  'DORA 2024 Accelerate State of DevOps report, performance table, as reproduced at https://www.dennis-whalen.com/post/measuring-your-teams-software-delivery-performance and rdlf/devops-metrics-interpreter data/benchmarks.json';
export const RECALLED = 'recalled from the report PDF, which could not be read here';
export const QUICK_CHECK =
  'DORA Quick Check, dora-team/dora.dev @fcaf07b svelte/quick-check/src/lib/data-service.ts and data/metrics_question_responses.json';
export const QUICK_CHECK_2025 =
  'DORA Quick Check, dora-team/dora.dev @fcaf07b svelte/quick-check/src/lib/data/editions/2025/industry_metrics.json ("all")';
export const QUICK_CHECK_2024 =
  'DORA Quick Check, dora-team/dora.dev @fcaf07b svelte/quick-check/src/lib/data/editions/2024/industry_metrics.json ("all")';

/** The one rule every levels profile uses to turn a report's table into edges. */
export const GAP_RULE =
  'Each level starts at the limit the report states for it; a value in a gap between two stated bands falls to the worse level (as Apache DevLake does), and a level whose stated limit does not improve on the level above it gets an empty band.';
