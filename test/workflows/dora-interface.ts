import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from './workflow-model.js';

/** The inputs and outputs the examples may rely on: the Action's interface as agreed by the team. */
export const AGREED_INPUTS: readonly string[] = [
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
];

export const AGREED_OUTPUTS: readonly string[] = [
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
];

export interface ActionInterface {
  /** Where this list comes from, for messages. */
  source: string;
  inputs: ReadonlySet<string>;
  outputs: ReadonlySet<string>;
}

export const AGREED_INTERFACE: ActionInterface = {
  source: 'the agreed interface',
  inputs: new Set(AGREED_INPUTS),
  outputs: new Set(AGREED_OUTPUTS),
};

/** The interface `action.yml` in `repoRoot` declares, or null while the file does not exist yet. */
export function readActionYml(repoRoot: string): ActionInterface | null {
  const path = join(repoRoot, 'action.yml');
  if (!existsSync(path)) return null;
  const root: unknown = parse(readFileSync(path, 'utf8'));
  if (!isRecord(root)) throw new Error(`${path}: not a YAML mapping`);
  return {
    source: 'action.yml',
    inputs: new Set(isRecord(root.inputs) ? Object.keys(root.inputs) : []),
    outputs: new Set(isRecord(root.outputs) ? Object.keys(root.outputs) : []),
  };
}
