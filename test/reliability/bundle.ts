import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ActionRun, runBundledAction } from '../e2e/run-action.js';
import type { ReplayHandle } from '../fakes/replay-server.js';
import { GITHUB_TOKEN, PAGERDUTY_TOKEN, quietWorld } from './world.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE = join(ROOT, 'dist', 'index.js');

/** The Action's inputs for the quiet world, as a workflow would pass them. */
export function bundleInputs(
  replay: ReplayHandle,
  workspace: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const { truth } = quietWorld();
  return {
    'github-token': GITHUB_TOKEN,
    repositories: 'acme/shop',
    'deployment-source': 'workflow-runs',
    'deploy-workflows': 'deploy.yml',
    'incident-labels': 'incident',
    window: 'last-30-days',
    lookback: '6h',
    'state-backend': 'file',
    'state-path': join(workspace, 'state'),
    'badges-path': join(workspace, 'badges'),
    'report-path': join(workspace, 'report.json'),
    'github-api-url': replay.githubApiUrl,
    'github-graphql-url': replay.githubGraphqlUrl,
    'pagerduty-token': PAGERDUTY_TOKEN,
    'pagerduty-api-url': replay.pagerdutyApiUrl,
    'pagerduty-service-repositories': Object.entries(truth.serviceRepositories)
      .map(([service, repos]) => `${service}=${repos.join('|')}`)
      .join(','),
    ...extra,
  };
}

/** The runner's variables for a scheduled run on the default branch, at the world's clock. */
export function runnerEnv(
  workspace: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(workspace, 'tmp'),
    DORA_NOW: quietWorld().scenario.now,
    ...extra,
  };
}

/** The committed bundle run as a runner runs it (this Node, a fresh process, INPUT_* variables). */
export function runBundle(
  workspace: string,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<ActionRun> {
  return runBundledAction({
    node: process.execPath,
    bundle: BUNDLE,
    cwd: workspace,
    inputs,
    env,
    summaryPath: join(workspace, `summary-${name}.md`),
    outputPath: join(workspace, `outputs-${name}.txt`),
  });
}

/**
 * The lines of a run's stdout the runner shows: `::add-mask::` commands register secrets and are
 * consumed by the runner, never printed, so they are the one place a secret may appear.
 */
export function logLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
}
