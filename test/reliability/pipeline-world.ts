import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../packages/action/src/collectors/collect.js';
import { type ActionInputs, parseInputs } from '../../packages/action/src/inputs.js';
import { type Log, type PipelineDeps, runPipeline } from '../../packages/action/src/pipeline.js';
import { renderBadges } from '../../packages/action/src/renderers/badges.js';
import { renderReportJson } from '../../packages/action/src/renderers/report-json.js';
import { renderSummary } from '../../packages/action/src/renderers/summary.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { createFileStore, STATE_FILE_NAME } from '../../packages/action/src/state/file-store.js';
import type { StateStore } from '../../packages/action/src/state/types.js';
import type { ReplayHandle } from '../fakes/replay-server.js';
import type { ScenarioFault } from '../fakes/scenario.js';
import { clientsFor, GITHUB_TOKEN, PAGERDUTY_TOKEN, quietWorld, startReplay } from './world.js';

const made: string[] = [];

export async function tempDir(prefix = 'dora-reliability-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the directories `tempDir` made in this test file. */
export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** The Action's inputs for the quiet world, pointed at a replay. */
export function worldInputs(
  replay: ReplayHandle,
  stateDir: string,
  extra: Record<string, string> = {},
): ActionInputs {
  const { truth } = quietWorld();
  const values: Record<string, string> = {
    'github-token': GITHUB_TOKEN,
    repositories: 'acme/shop',
    'deployment-source': 'workflow-runs',
    'deploy-workflows': 'deploy.yml',
    'incident-labels': 'incident',
    window: 'last-30-days',
    lookback: '6h',
    'state-backend': 'file',
    'state-path': stateDir,
    'github-api-url': replay.githubApiUrl,
    'github-graphql-url': replay.githubGraphqlUrl,
    'pagerduty-token': PAGERDUTY_TOKEN,
    'pagerduty-api-url': replay.pagerdutyApiUrl,
    'pagerduty-service-repositories': Object.entries(truth.serviceRepositories)
      .map(([service, repos]) => `${service}=${repos.join('|')}`)
      .join(','),
    ...extra,
  };
  const parsed = parseInputs((name) => values[name] ?? '');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.inputs;
}

export interface PipelineRun {
  result: RunResult;
  /** Every line the pipeline and the clients logged, prefixed `info:`, `notice:`, `warning:`, `client:`. */
  log: string[];
  summary: string;
  requests: number;
  stateText: string | undefined;
}

function capture(lines: string[]): Log {
  return {
    info: (m) => lines.push(`info: ${m}`),
    notice: (m) => lines.push(`notice: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
  };
}

/**
 * One run of the Action's pipeline with the real collectors and clients against the quiet world's
 * replay (with `faults`), state in `stateDir`. Waits are scaled: one API second lasts `scaleMs`.
 */
export async function runWorldPipeline(options: {
  stateDir: string;
  faults?: ScenarioFault[];
  inputs?: Record<string, string>;
  now?: string;
  scaleMs?: number;
  persist?: PipelineDeps['persist'];
  openStore?: (scope: string) => StateStore;
}): Promise<PipelineRun> {
  const { scenario } = quietWorld();
  const now = options.now ?? scenario.now;
  const replay = await startReplay(scenario, options.faults ?? [], now);
  try {
    const inputs = worldInputs(replay, options.stateDir, options.inputs);
    const clients = clientsFor(replay, {
      maxWaitMs: inputs.maxWaitMs,
      ...(options.scaleMs === undefined ? {} : { scaleMs: options.scaleMs }),
    });
    const log: string[] = [];
    const result = await runPipeline(inputs, {
      now: new Date(now),
      collect,
      github: clients.github,
      pagerduty: clients.pagerduty,
      openStore: options.openStore ?? ((scope) => createFileStore(options.stateDir, scope)),
      persist: options.persist ?? { allowed: true },
      log: capture(log),
      progress: (line) => log.push(`info: ${line}`),
    });
    log.push(...clients.logs.map((line) => `client: ${line}`));
    let stateText: string | undefined;
    try {
      stateText = await readFile(join(options.stateDir, STATE_FILE_NAME), 'utf8');
    } catch {
      stateText = undefined;
    }
    return {
      result,
      log,
      summary: renderSummary(result),
      requests: replay.stats().requests,
      stateText,
    };
  } finally {
    await replay.close();
  }
}

/** Every text a run leaves behind: log lines, summary, JSON report, badges and the state file. */
export function runTexts(run: PipelineRun): string[] {
  return [
    ...run.log,
    run.summary,
    renderReportJson(run.result),
    JSON.stringify(renderBadges(run.result.report)),
    run.stateText ?? '',
  ];
}
