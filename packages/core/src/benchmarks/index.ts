export type { Assessment, AssessOptions } from './assess.js';
export { assess, DEFAULT_MIN_SAMPLE } from './assess.js';
export { dora2021 } from './dora-2021.js';
export { dora2022 } from './dora-2022.js';
export { dora2023 } from './dora-2023.js';
export { dora2024 } from './dora-2024.js';
export { dora2025 } from './dora-2025.js';
export { overallLevel } from './overall-level.js';
export type {
  BandRow,
  BenchmarkMetric,
  BenchmarkProfile,
  BenchmarkUnit,
  Better,
  Edge,
  IndustryReference,
  LevelsProfile,
  MetricBands,
  Provenance,
  QuickCheckAnswer,
  RatedLevel,
  ScoreMetric,
  ScoreProfile,
} from './profile.js';
export { benchmarkProfiles, DEFAULT_BENCHMARK, resolveBenchmark } from './registry.js';
