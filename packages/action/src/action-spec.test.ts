import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS, renderActionYml, renderSpecTables } from './action-spec.js';

const root = new URL('../../../', import.meta.url);

describe('action.yml and the README agree with the spec', () => {
  it('action.yml is what the spec generates (pnpm --filter @dora/action gen)', () => {
    expect(readFileSync(new URL('action.yml', root), 'utf8')).toBe(renderActionYml());
  });

  it('the README lists every input and output', () => {
    const readme = readFileSync(new URL('packages/action/README.md', root), 'utf8');
    expect(readme).toContain(renderSpecTables());
  });

  it('declares node24, the bundle and every input and output the task names', () => {
    const yml = renderActionYml();
    expect(yml).toContain('  using: node24\n  main: dist/index.js\n');
    expect(INPUTS.map((i) => i.name)).toEqual([
      'github-token',
      'repositories',
      'deployment-source',
      'environment',
      'deploy-workflows',
      'deploy-job',
      'deploy-branch',
      'window',
      'bucket',
      'benchmark',
      'attribution-window',
      'change-failure-rate-mode',
      'hotfix-labels',
      'incident-labels',
      'pagerduty-token',
      'pagerduty-services',
      'pagerduty-service-repositories',
      'pagerduty-api-url',
      'state-backend',
      'state-path',
      'lookback',
      'max-wait',
      'summary',
      'badges-path',
      'report-path',
      'openmetrics-path',
      'github-api-url',
      'github-graphql-url',
    ]);
    expect(OUTPUTS.map((o) => o.name)).toEqual([
      'deployments',
      'deployments-per-week',
      'lead-time-median-seconds',
      'change-failure-rate',
      'recovery-time-median-seconds',
      'time-to-restore-median-seconds',
      'rework-rate',
      'level',
      'deployment-frequency-level',
      'lead-time-level',
      'change-failure-rate-level',
      'recovery-time-level',
      'report-path',
      'api-requests',
    ]);
  });
});
