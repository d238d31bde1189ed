// Imports the packed @dora/core as a user would and computes one report.
import * as core from '@dora/core';

const required = ['computeDora', 'DoraInputError'];
const missing = required.filter((name) => typeof core[name] !== 'function');
if (missing.length > 0) {
  console.error(`  missing exports: ${missing.join(', ')}`);
  process.exit(1);
}
const report = core.computeDora(
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
console.log(
  `  imported ${Object.keys(core).length} exports; computeDora ok (benchmark ${report.benchmark})`,
);
