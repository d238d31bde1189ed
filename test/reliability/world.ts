import type { DoraData } from '@dora/core';
import { collect } from '../../packages/action/src/collectors/collect.js';
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
} from '../../packages/action/src/collectors/github/client.js';
import {
  createPagerDutyClient,
  type PagerDutyClient,
  type PagerDutyClientOptions,
} from '../../packages/action/src/collectors/pagerduty/client.js';
import type {
  CollectOptions,
  CollectorState,
  CollectResult,
} from '../../packages/action/src/collectors/types.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario, ScenarioFault } from '../fakes/scenario.js';
import {
  type GeneratedScenario,
  type GroundTruth,
  generateScenario,
} from '../scenarios/generate.js';

export const GITHUB_TOKEN = 'ghs_RELIABILITY_github_token_7f3a';
export const PAGERDUTY_TOKEN = 'pd_RELIABILITY_pagerduty_key_9c1e';
export const SECRETS = [GITHUB_TOKEN, PAGERDUTY_TOKEN] as const;

let cached: GeneratedScenario | undefined;

/** The small generated world (3 weeks of acme/shop) every row starts from. Deterministic. */
export function quietWorld(): GeneratedScenario {
  cached ??= generateScenario({ preset: 'quiet', seed: 7 });
  return cached;
}

/** The ids a perfect collector returns for the workflow-runs source (deployments, changes, incidents). */
export function truthIds(truth: GroundTruth): string[] {
  const data = truth.bySource['workflow-runs'];
  if (data === undefined) throw new Error('the scenario has no workflow-runs truth');
  return [
    ...data.deployments.map((d) => d.id),
    ...truth.changes.map((c) => c.id),
    ...truth.incidents.pagerduty.map((i) => i.id),
    ...truth.incidents.issues.map((i) => i.id),
  ];
}

export function dataIds(data: DoraData): string[] {
  return [
    ...data.deployments.map((d) => d.id),
    ...data.changes.map((c) => c.id),
    ...data.incidents.map((i) => i.id),
  ];
}

/**
 * Events lost (expected ids missing) and double-counted (an id more than once, or an id the truth
 * does not have: a count above the truth).
 */
export function compareIds(
  expected: readonly string[],
  got: readonly string[],
): { lost: number; doubled: number } {
  const want = new Set(expected);
  const have = new Set(got);
  const lost = [...want].filter((id) => !have.has(id)).length;
  const duplicates = got.length - have.size;
  const phantoms = [...have].filter((id) => !want.has(id)).length;
  return { lost, doubled: duplicates + phantoms };
}

/** How many times any secret appears in any of the texts. */
export function countLeaks(texts: readonly string[], secrets: readonly string[] = SECRETS): number {
  let leaks = 0;
  for (const text of texts) {
    for (const secret of secrets) leaks += text.split(secret).length - 1;
  }
  return leaks;
}

/** Everything an error shows: message, stack, cause chain and enumerable fields. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '');
      try {
        parts.push(JSON.stringify(current));
      } catch {
        parts.push(String(current));
      }
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}

export interface Replay {
  replay: ReplayHandle;
  close(): Promise<void>;
}

/** The replay of a scenario with faults, at the scenario's clock or another. */
export async function startReplay(
  scenario: Scenario,
  faults: ScenarioFault[] = [],
  now: string = scenario.now,
): Promise<ReplayHandle> {
  return startReplayServer({ scenario: { ...scenario, now, faults } });
}

export interface Clients {
  github: GitHubClient;
  pagerduty: PagerDutyClient;
  /** Every line the clients logged (waits, retries). */
  logs: string[];
}

/**
 * Clients pointed at a replay with the API's seconds shrunk to `scaleMs` ms: a `retry-after: 30`
 * is honoured (and counted against max-wait as 30 s) without sleeping 30 s.
 */
export function clientsFor(
  replay: ReplayHandle,
  options: {
    scaleMs?: number;
    maxWaitMs?: number;
    github?: Partial<GitHubClientOptions>;
    pagerduty?: Partial<PagerDutyClientOptions>;
  } = {},
): Clients {
  const logs: string[] = [];
  const scale = options.scaleMs ?? 1;
  const github = createGitHubClient({
    token: GITHUB_TOKEN,
    apiUrl: replay.githubApiUrl,
    graphqlUrl: replay.githubGraphqlUrl,
    retryAfterBaseMs: scale,
    log: (line) => logs.push(line),
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...options.github,
  });
  const pagerduty = createPagerDutyClient({
    token: PAGERDUTY_TOKEN,
    apiUrl: replay.pagerdutyApiUrl,
    retryAfterBaseMs: scale,
    pdjsRetryMs: 0,
    log: (line) => logs.push(line),
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...options.pagerduty,
  });
  return { github, pagerduty, logs };
}

/** Collect options for the generated world: deploy.yml runs, PRs, incident issues and PagerDuty. */
export function worldOptions(
  truth: GroundTruth,
  extra: Partial<CollectOptions> = {},
): CollectOptions {
  return {
    repositories: ['acme/shop'],
    deploymentSource: 'workflow-runs',
    environment: 'production',
    deployWorkflows: ['deploy.yml'],
    since: new Date(truth.config.since),
    until: new Date(truth.config.now),
    lookbackMs: 6 * 3_600_000,
    incidentLabels: ['incident'],
    pagerduty: {
      token: PAGERDUTY_TOKEN,
      apiUrl: 'set-by-the-client',
      services: Object.keys(truth.serviceRepositories),
      serviceRepositories: truth.serviceRepositories,
    },
    ...extra,
  };
}

export interface CollectRun {
  result: CollectResult;
  logs: string[];
  requests: number;
  byRoute: Record<string, number>;
}

/** One collect() of the quiet world through a replay with the given faults. */
export async function collectWorld(
  faults: ScenarioFault[],
  options: {
    scaleMs?: number;
    maxWaitMs?: number;
    collect?: Partial<CollectOptions>;
    github?: Partial<GitHubClientOptions>;
    pagerduty?: Partial<PagerDutyClientOptions>;
    previous?: { data: DoraData; state: CollectorState };
    now?: string;
    scenario?: Scenario;
    truth?: GroundTruth;
  } = {},
): Promise<CollectRun> {
  const world = quietWorld();
  const scenario = options.scenario ?? world.scenario;
  const truth = options.truth ?? world.truth;
  const now = options.now ?? scenario.now;
  const replay = await startReplay(scenario, faults, now);
  try {
    const clients = clientsFor(replay, options);
    const result = await collect(
      worldOptions(truth, { until: new Date(now), ...options.collect }),
      options.previous,
      { github: clients.github, pagerduty: clients.pagerduty, now: new Date(now) },
    );
    const stats = replay.stats();
    return { result, logs: clients.logs, requests: stats.requests, byRoute: stats.byRoute };
  } finally {
    await replay.close();
  }
}

/** The requests a fault-free collect() of the quiet world sends (the baseline for retry counts). */
let baseline: CollectRun | undefined;
export async function cleanRun(): Promise<CollectRun> {
  baseline ??= await collectWorld([]);
  return baseline;
}
