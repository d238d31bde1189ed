import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../packages/action/src/collectors/collect.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import type { CollectOptions } from '../../packages/action/src/collectors/types.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario, ScenarioFault } from '../fakes/scenario.js';
import { generateScenario } from '../scenarios/generate.js';
import { MANY_RUNS_NOW, MANY_RUNS_START, manyRunsScenario } from '../scenarios/many-runs.js';

let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NOW = MANY_RUNS_NOW;

/** One repository with `count` deploy runs on main, one every `everyMs`, odd ids failing. */
function manyRuns(count: number, everyMs: number, faults: ScenarioFault[] = []): Scenario {
  return manyRunsScenario({
    count,
    everyMs,
    firstId: 5000,
    fails: (i) => i % 2 === 1,
    updatedAfterMs: 120_000,
    faults,
  });
}

function options(extra: Partial<CollectOptions> = {}): CollectOptions {
  return {
    repositories: ['acme/shop'],
    deploymentSource: 'workflow-runs',
    environment: 'production',
    deployWorkflows: ['deploy.yml'],
    since: new Date('2026-08-01T00:00:00Z'),
    until: new Date(NOW),
    lookbackMs: 3_600_000,
    incidentLabels: [],
    changes: false,
    ...extra,
  };
}

async function run(scenario: Scenario, extra: Partial<CollectOptions> = {}, maxWaitMs?: number) {
  server = await startReplayServer({ scenario });
  const logs: string[] = [];
  const github = createGitHubClient({
    token: 'gh-token',
    apiUrl: server.githubApiUrl,
    graphqlUrl: server.githubGraphqlUrl,
    retryAfterBaseMs: 1,
    log: (l) => logs.push(l),
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
  });
  const result = await collect(options(extra), undefined, { github, now: new Date(NOW) });
  return { result, logs, stats: server.stats() };
}

const RUNS = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';

describe('workflow runs past the 1,000-result cap', () => {
  it('splits the created range until each part fits: 2,600 runs, none lost or twice', async () => {
    const { result, stats } = await run(manyRuns(2600, 30 * 60_000));
    const ids = result.data.deployments.map((d) => d.id);
    expect(ids).toHaveLength(2600);
    expect(new Set(ids).size).toBe(2600);
    expect(ids.slice().sort()).toEqual(
      Array.from({ length: 2600 }, (_, i) => `acme/shop:run:${5000 + i}`).sort(),
    );
    expect(result.data.deployments.filter((d) => d.status === 'failure')).toHaveLength(1300);
    // Lower bound: 26 pages of runs. Page 1 of the branch list, 1 probe page per range of the split
    // (the range starts 3 days before `since`: a run started then may finish inside it).
    const used = stats.byRoute[RUNS] ?? 0;
    console.log(`2,600 runs: ${used} run-list requests (lower bound 26)`);
    expect(used).toBeLessThanOrEqual(26 + 1 + 5);
  });

  it('a range of many runs in a short time is split down to the second', async () => {
    const { result } = await run(manyRuns(1500, 1000));
    expect(new Set(result.data.deployments.map((d) => d.id)).size).toBe(1500);
  });

  it('a cold run keeps a run started before the range that finished inside it', async () => {
    const HOUR = 3_600_000;
    // One run an hour from 2026-09-01T00:00Z, each finishing 2 hours after it started.
    const scenario = manyRunsScenario({
      // More than a page: the newest page, read whole, does not reach back to the range's start.
      count: 300,
      everyMs: HOUR,
      firstId: 9000,
      fails: () => false,
      updatedAfterMs: 2 * HOUR,
    });
    const since = new Date(MANY_RUNS_START + 10.5 * HOUR);
    const { result } = await run(scenario, { since });
    const ids = result.data.deployments.map((d) => Number(d.id.split(':').at(-1)));
    // Runs 9 and 10 started before `since` and finished after it; run 8 finished before it.
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 291 }, (_, i) => 9009 + i));
  });
});

describe('rate limits and server errors on the deployment lists (replay faults)', () => {
  const clean = manyRuns(250, 3_600_000);
  const expected = async () => (await run(clean)).result.data.deployments;

  it.each([
    [
      'primary limit, remaining 0 and a reset time',
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+1' },
        body: { message: 'API rate limit exceeded' },
      },
    ],
    [
      '429 with retry-after',
      { status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too many requests' } },
    ],
    [
      'secondary limit without retry-after (waits the 60 s fallback)',
      { status: 403, body: { message: 'You have exceeded a secondary rate limit.' } },
    ],
    ['502 Bad Gateway', { status: 502, body: { message: 'Server Error' } }],
  ])('%s: retried, nothing lost', async (_name, fault) => {
    const want = await expected();
    await server?.close();
    const { result, stats, logs } = await run({
      ...clean,
      faults: [{ method: 'GET', path: '/actions/workflows/[^/]+/runs$', times: 2, ...fault }],
    });
    expect(result.partial).toBeUndefined();
    expect(result.data.deployments).toEqual(want);
    // Page 1 of the branch list, then the created range: a probe page and 2 more; plus the 2 faulted.
    expect(stats.byRoute[RUNS]).toBe(4 + 2);
    if (fault.status !== 502) expect(logs.length).toBe(2);
  });

  it('a limit longer than the allowed wait stops collection: partial, previous data kept', async () => {
    server = await startReplayServer({ scenario: clean });
    const github = createGitHubClient({
      token: 't',
      apiUrl: server.githubApiUrl,
      graphqlUrl: server.githubGraphqlUrl,
      retryAfterBaseMs: 1,
    });
    const first = await collect(options(), undefined, { github, now: new Date(NOW) });
    await server.close();
    const limited: ScenarioFault = {
      method: 'GET',
      path: '/actions/',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+3600' },
      body: { message: 'API rate limit exceeded' },
    };
    const { result } = await run({ ...clean, faults: [limited] }, {}, 60_000);
    expect(result.partial?.reason).toMatch(
      /^acme\/shop: GitHub rate limit reached on GET \/github\/repos\/acme\/shop\/actions\/workflows; it resets at /,
    );
    expect(result.data.deployments).toEqual([]);
    await server?.close();
    // With a previous state, what it had is kept, cursors unchanged.
    server = await startReplayServer({ scenario: { ...clean, faults: [limited] } });
    const again = await collect(options(), first, {
      github: createGitHubClient({
        token: 't',
        apiUrl: server.githubApiUrl,
        graphqlUrl: server.githubGraphqlUrl,
        retryAfterBaseMs: 1,
        maxWaitMs: 60_000,
      }),
      now: new Date(NOW),
    });
    expect(again.partial).toBeDefined();
    expect(again.data).toEqual(first.data);
    expect(again.state).toEqual(first.state);
  });
});

describe('busy scenario request count', () => {
  it('prints requests used vs the lower bound Σ ceil(items/100)', async () => {
    const { scenario, truth } = generateScenario({ preset: 'busy', seed: 1 });
    server = await startReplayServer({ scenario });
    const github = createGitHubClient({
      token: 't',
      apiUrl: server.githubApiUrl,
      graphqlUrl: server.githubGraphqlUrl,
    });
    const started = performance.now();
    const result = await collect(
      options({
        since: new Date(truth.config.since),
        until: new Date(truth.config.now),
        incidentLabels: ['incident'],
      }),
      undefined,
      { github, now: new Date(truth.config.now) },
    );
    const seconds = (performance.now() - started) / 1000;
    const repo = scenario.github.repos[0];
    const deployRuns = (repo?.workflowRuns ?? []).filter(
      (r) => r.workflowId === repo?.workflows?.find((w) => w.path.endsWith('deploy.yml'))?.id,
    );
    const runIds = new Set(deployRuns.map((r) => r.id)).size;
    const issues = (repo?.issues ?? []).filter((i) => i.labels?.includes('incident')).length;
    // Lists read: the repository (1), workflows (1), deploy runs, incident issues.
    const lower = 1 + 1 + Math.ceil(runIds / 100) + Math.max(1, Math.ceil(issues / 100));
    const stats = server.stats();
    console.log(
      `busy, workflow-runs + issues (changes off): ${result.data.deployments.length} deployments from ${runIds} runs, ${result.data.incidents.length} incidents; ` +
        `${stats.requests} requests (lower bound ${lower}) in ${seconds.toFixed(1)} s; by route ${JSON.stringify(stats.byRoute)}`,
    );
    expect(result.data.deployments.length).toBe(
      truth.bySource['workflow-runs']?.deployments.length,
    );
  });

  // About 45 s on this machine (most of it linking 7,800 changes): run with DORA_BUSY_FULL=1.
  it.runIf(process.env.DORA_BUSY_FULL === '1')(
    'prints the whole collection of the busy scenario: deployments, changes, links, issues',
    async () => {
      const { scenario, truth } = generateScenario({ preset: 'busy', seed: 1 });
      server = await startReplayServer({ scenario });
      const github = createGitHubClient({
        token: 't',
        apiUrl: server.githubApiUrl,
        graphqlUrl: server.githubGraphqlUrl,
      });
      const started = performance.now();
      const result = await collect(
        options({
          since: new Date(truth.config.since),
          until: new Date(truth.config.now),
          incidentLabels: ['incident'],
          changes: true,
        }),
        undefined,
        { github, now: new Date(truth.config.now) },
      );
      const seconds = (performance.now() - started) / 1000;
      const stats = server.stats();
      const runs = truth.bySource['workflow-runs']?.deployments.length ?? 0;
      const prs = truth.changes.length;
      // Lists read at least: repository, workflows, runs, issues, merged PRs (GraphQL pages of 100).
      const lower = 1 + 1 + Math.ceil(runs / 100) + 1 + Math.ceil(prs / 100);
      console.log(
        `busy, full collection with changes: ${result.data.deployments.length} deployments, ${result.data.changes.length} changes, ` +
          `${result.data.incidents.length} incidents; ${stats.requests} requests (lists' lower bound ${lower}) in ${seconds.toFixed(1)} s; ` +
          `by route ${JSON.stringify(stats.byRoute)}; GitHub remaining ${result.api.githubRemaining}, GraphQL ${result.api.graphqlRemaining}`,
      );
      expect(result.data.changes.length).toBe(prs);
    },
    300_000,
  );
});
