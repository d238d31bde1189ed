// Imports the packed @dora/core as a user would and computes one report.
import {
  assess,
  benchmarkProfiles,
  computeDora,
  DEFAULT_BENCHMARK,
  DoraInputError,
  overallLevel,
  resolveBenchmark,
} from '@dora/core';

const fns = { assess, computeDora, DoraInputError, overallLevel, resolveBenchmark };
const missing = Object.entries(fns).filter(([, f]) => typeof f !== 'function');
if (missing.length > 0 || benchmarkProfiles?.length !== 5 || DEFAULT_BENCHMARK !== 'dora-2023') {
  console.error(
    `  missing or wrong exports: ${missing.map(([n]) => n).join(', ') || 'benchmarks'}`,
  );
  process.exit(1);
}
if (assess('leadTime', 7200, 12).level !== 'elite') {
  console.error('  assess(leadTime, 2 h) should be elite under dora-2023');
  process.exit(1);
}
const report = computeDora(
  {
    deployments: [
      {
        id: 'a/b:run:1',
        environment: 'production',
        status: 'success',
        finishedAt: '2024-01-02T00:00:00Z',
      },
    ],
    changes: [],
    incidents: [],
  },
  { window: { from: '2024-01-01T00:00:00Z', to: '2024-01-08T00:00:00Z' } },
);
if (report.deploymentFrequency.deployments !== 1) {
  console.error(`  expected 1 deployment, got ${report.deploymentFrequency.deployments}`);
  process.exit(1);
}
console.log(`  computeDora ok (benchmark ${report.benchmark})`);
