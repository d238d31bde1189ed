// Imports the packed @dora/core as a user would and computes one report.
import { computeDora, DoraInputError } from '@dora/core';

if (typeof computeDora !== 'function' || typeof DoraInputError !== 'function') {
  console.error('  computeDora or DoraInputError is not exported');
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
