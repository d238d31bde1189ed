import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../packages/action/src/action-spec.js';

const root = new URL('../../', import.meta.url);

interface ActionYml {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string }>;
}

/** The cells of every table row of a Markdown text, trimmed. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
}

describe('action.yml and the README agree with action-spec.ts (pnpm --filter @dora/action gen)', () => {
  const yml = parse(readFileSync(new URL('action.yml', root), 'utf8')) as ActionYml;

  it('action.yml runs the bundle on node24 and declares exactly the spec', () => {
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(yml.branding).toEqual({ icon: 'activity', color: 'blue' });
    expect(yml.inputs).toEqual(
      Object.fromEntries(
        INPUTS.map((i) => [
          i.name,
          { description: i.description, required: false, default: i.default },
        ]),
      ),
    );
    expect(yml.outputs).toEqual(
      Object.fromEntries(OUTPUTS.map((o) => [o.name, { description: o.description }])),
    );
  });

  it('the README tables list every input with its default, and every output', () => {
    const rows = tableRows(readFileSync(new URL('packages/action/README.md', root), 'utf8'));
    for (const input of INPUTS) {
      const shown = input.default === '' ? '' : `\`${input.default}\``;
      expect(rows).toContainEqual([`\`${input.name}\``, shown, input.description]);
    }
    for (const output of OUTPUTS) {
      expect(rows).toContainEqual([`\`${output.name}\``, output.description]);
    }
  });

  it('names every input and output the Action promises', () => {
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
