import type { Deployment, DoraData, Incident } from '@dora/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../packages/action/src/collectors/collect.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import type { CollectOptions } from '../../packages/action/src/collectors/types.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import {
  type DeploymentSource,
  type GroundTruth,
  generateScenario,
} from '../scenarios/generate.js';

let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(scenario: Scenario) {
  server = await startReplayServer({ scenario });
  const github = createGitHubClient({
    token: 'test-token',
    apiUrl: server.githubApiUrl,
    graphqlUrl: server.githubGraphqlUrl,
    retryAfterBaseMs: 1,
  });
  return { server, github };
}

function optionsFor(
  truth: GroundTruth,
  source: CollectOptions['deploymentSource'],
  extra: Partial<CollectOptions> = {},
): CollectOptions {
  return {
    repositories: [
      ...new Set(
        Object.values(truth.bySource).flatMap((d) =>
          d.deployments.map((x) => x.repository as string),
        ),
      ),
    ],
    deploymentSource: source,
    environment: 'production',
    deployWorkflows: ['deploy.yml'],
    since: new Date(truth.config.since),
    until: new Date(truth.config.now),
    lookbackMs: 3_600_000,
    incidentLabels: [],
    changes: false,
    ...extra,
  };
}

const ms = (t: unknown) => (t === undefined ? undefined : Date.parse(String(t)));
/** Comparable form: instants as epoch ms, without `changeIds` (linking is tested with changes on). */
function bare(d: Deployment) {
  const { changeIds: _, finishedAt, startedAt, ...rest } = d;
  return {
    ...rest,
    finishedAt: ms(finishedAt),
    ...(startedAt === undefined ? {} : { startedAt: ms(startedAt) }),
  };
}
const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
const normalIncident = (i: Incident) => ({
  ...i,
  createdAt: ms(i.createdAt),
  ...(i.resolvedAt === undefined ? {} : { resolvedAt: ms(i.resolvedAt) }),
});

describe('deployment sources against the replay (sample scenario)', () => {
  const { scenario, truth } = generateScenario({ preset: 'sample', seed: 7 });
  const sources = Object.keys(truth.bySource) as DeploymentSource[];

  it('the generator offers every source', () => {
    expect(sources.sort()).toEqual(['deployments', 'merges', 'releases', 'workflow-runs']);
  });

  it.each(sources)(
    '%s: exactly the ground truth (ids, status, finishedAt, startedAt, sha, environment)',
    async (source) => {
      const { github } = await start(scenario);
      const result = await collect(optionsFor(truth, source), undefined, {
        github,
        now: new Date(truth.config.now),
      });
      const expected = (truth.bySource[source] as DoraData).deployments;
      expect(byId(result.data.deployments).map(bare)).toEqual(byId(expected).map(bare));
      expect(result.sources.deployments).toEqual({ 'acme/shop': source });
      expect(result.partial).toBeUndefined();
    },
  );

  it('auto picks GitHub Deployments when the environment has them', async () => {
    const { github } = await start(scenario);
    const lines: string[] = [];
    const result = await collect(optionsFor(truth, 'auto'), undefined, {
      github,
      now: new Date(truth.config.now),
      progress: (l) => lines.push(l),
    });
    expect(result.sources.deployments).toEqual({ 'acme/shop': 'deployments' });
    expect(result.state.repos['acme/shop']?.source).toBe('deployments');
    expect(lines[0]).toMatch(
      /^acme\/shop: \d+ deployments read from deployments \(GitHub Deployments exist in "production"\)/,
    );
  });

  it('auto falls back to workflow runs, then releases, then merges', async () => {
    const noDeployments = structuredClone(scenario);
    for (const r of noDeployments.github.repos) r.deployments = [];
    let { github } = await start(noDeployments);
    let result = await collect(optionsFor(truth, 'auto'), undefined, {
      github,
      now: new Date(truth.config.now),
    });
    expect(result.sources.deployments).toEqual({ 'acme/shop': 'workflow-runs' });
    await server?.close();

    for (const r of noDeployments.github.repos) r.workflows = [];
    ({ github } = await start(noDeployments));
    result = await collect(optionsFor(truth, 'auto', { deployWorkflows: [] }), undefined, {
      github,
      now: new Date(truth.config.now),
    });
    expect(result.sources.deployments).toEqual({ 'acme/shop': 'releases' });
    await server?.close();

    for (const r of noDeployments.github.repos) r.releases = [];
    ({ github } = await start(noDeployments));
    result = await collect(optionsFor(truth, 'auto', { deployWorkflows: [] }), undefined, {
      github,
      now: new Date(truth.config.now),
    });
    expect(result.sources.deployments).toEqual({ 'acme/shop': 'merges' });
    expect(byId(result.data.deployments).map(bare)).toEqual(
      byId((truth.bySource.merges as DoraData).deployments).map(bare),
    );
  });

  it('an unknown deploy workflow is an error listing the repository workflows', async () => {
    const { github } = await start(scenario);
    const names = (scenario.github.repos[0]?.workflows ?? [])
      .map((w) => `${w.path.split('/').pop()} ("${w.name}")`)
      .join(', ');
    await expect(
      collect(optionsFor(truth, 'workflow-runs', { deployWorkflows: ['ship.yml'] }), undefined, {
        github,
        now: new Date(truth.config.now),
      }),
    ).rejects.toThrow(`acme/shop has no workflow "ship.yml"; its workflows are: ${names}`);
  });

  it('re-run attempts count once, with the latest attempt', async () => {
    const reruns =
      scenario.github.repos[0]?.workflowRuns?.filter((r) => (r.runAttempt ?? 1) > 1) ?? [];
    expect(reruns.length).toBeGreaterThan(0);
    const { github } = await start(scenario);
    const result = await collect(optionsFor(truth, 'workflow-runs'), undefined, {
      github,
      now: new Date(truth.config.now),
    });
    const ids = result.data.deployments.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const run of reruns.filter(
      (r) => r.status === 'completed' && (r.conclusion === 'success' || r.conclusion === 'failure'),
    )) {
      const got = result.data.deployments.find((d) => d.id === `acme/shop:run:${run.id}`);
      expect(got?.status).toBe(run.conclusion);
    }
  });

  it("deploy-job: the job's conclusion and times instead of the run's", async () => {
    const { github } = await start(scenario);
    const result = await collect(
      optionsFor(truth, 'workflow-runs', { deployJob: 'deploy-prod' }),
      undefined,
      {
        github,
        now: new Date(truth.config.now),
      },
    );
    const runs = new Map<
      number,
      NonNullable<Scenario['github']['repos'][number]['workflowRuns']>[number]
    >();
    for (const run of scenario.github.repos[0]?.workflowRuns ?? []) {
      const seen = runs.get(run.id);
      if (seen === undefined || (run.runAttempt ?? 1) > (seen.runAttempt ?? 1))
        runs.set(run.id, run);
    }
    const expected = (truth.bySource['workflow-runs'] as DoraData).deployments.map((d) => {
      const run = runs.get(Number(d.id.split(':').pop()));
      const job = run?.jobs?.find((j) => j.name === 'deploy-prod');
      return { ...d, startedAt: job?.startedAt as string, finishedAt: job?.completedAt as string };
    });
    expect(expected.length).toBeGreaterThan(100);
    expect(byId(result.data.deployments).map(bare)).toEqual(byId(expected).map(bare));
    const started = (d: Deployment) => Date.parse(String(d.startedAt));
    const runStarted = (truth.bySource['workflow-runs'] as DoraData).deployments;
    // The deploy job starts after the build: later than the run for every deployment.
    for (const d of result.data.deployments) {
      const r = runStarted.find((x) => x.id === d.id) as Deployment;
      expect(started(d)).toBeGreaterThan(started(r));
    }
  });

  it('GitHub issues labelled as incidents equal the ground truth', async () => {
    const { github } = await start(scenario);
    const result = await collect(
      optionsFor(truth, 'releases', { incidentLabels: ['incident'] }),
      undefined,
      {
        github,
        now: new Date(truth.config.now),
      },
    );
    expect(byId(result.data.incidents).map(normalIncident)).toEqual(
      byId(truth.incidents.issues).map(normalIncident),
    );
    expect(result.sources.incidents).toEqual(['github-issues']);
  });
});

describe('not finished at one run, finished at the next', () => {
  const SHA = 'b'.repeat(40);
  const T1 = '2026-11-10T12:00:00Z';
  const NOW = '2026-11-20T00:00:00Z';
  // Started 3 days before T1 and finished 2 hours after it: far outside a 1-minute lookback.
  const world: Scenario = {
    now: NOW,
    github: {
      repos: [
        {
          owner: 'acme',
          name: 'shop',
          defaultBranch: 'main',
          commits: [
            {
              sha: SHA,
              parents: [],
              branch: 'main',
              authoredAt: '2026-11-01T00:00:00Z',
              committedAt: '2026-11-01T00:00:00Z',
              author: 'a',
              message: 'x',
            },
          ],
          workflows: [{ id: 1, name: 'Deploy', path: '.github/workflows/deploy.yml' }],
          workflowRuns: [
            {
              id: 77,
              workflowId: 1,
              runNumber: 1,
              runAttempt: 1,
              event: 'push',
              headBranch: 'main',
              headSha: SHA,
              status: 'completed',
              conclusion: 'success',
              createdAt: '2026-11-07T12:00:00Z',
              runStartedAt: '2026-11-07T12:00:10Z',
              updatedAt: '2026-11-10T14:00:00Z',
            },
          ],
          deployments: [
            {
              id: 88,
              sha: SHA,
              ref: 'main',
              environment: 'production',
              createdAt: '2026-11-07T12:00:00Z',
              statuses: [
                { id: 1, state: 'in_progress', createdAt: '2026-11-07T12:00:05Z' },
                { id: 2, state: 'failure', createdAt: '2026-11-10T14:00:00Z' },
              ],
            },
          ],
        },
      ],
    },
  };

  it.each([
    ['workflow-runs', { id: 'acme/shop:run:77', status: 'success' }],
    ['deployments', { id: 'acme/shop:deployment:88', status: 'failure' }],
  ] as const)('%s: remembered as pending and re-read by id', async (source, expected) => {
    const options: CollectOptions = {
      repositories: ['acme/shop'],
      deploymentSource: source,
      environment: 'production',
      deployWorkflows: ['deploy.yml'],
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date(T1),
      lookbackMs: 60_000,
      incidentLabels: [],
      changes: false,
    };
    let { github } = await start({ ...world, now: T1 });
    const first = await collect(options, undefined, { github, now: new Date(T1) });
    expect(first.data.deployments).toEqual([]);
    expect(first.state.repos['acme/shop']?.pendingDeployments).toEqual([
      source === 'deployments' ? 88 : 77,
    ]);
    await server?.close();
    ({ github } = await start(world));
    const second = await collect({ ...options, until: new Date(NOW) }, first, {
      github,
      now: new Date(NOW),
    });
    expect(second.data.deployments).toMatchObject([
      { ...expected, finishedAt: '2026-11-10T14:00:00Z' },
    ]);
    expect(second.state.repos['acme/shop']?.pendingDeployments).toEqual([]);
  });

  it('a re-run of a run older than the lookback replaces its failure (seen on page 1)', async () => {
    const repo = world.github.repos[0] as Scenario['github']['repos'][number];
    const failed = {
      id: 91,
      workflowId: 1,
      runNumber: 2,
      runAttempt: 1,
      event: 'push',
      headBranch: 'main',
      headSha: SHA,
      status: 'completed' as const,
      conclusion: 'failure',
      createdAt: '2026-11-05T00:00:00Z',
      runStartedAt: '2026-11-05T00:00:10Z',
      updatedAt: '2026-11-05T00:10:00Z',
    };
    const rerun = {
      ...failed,
      runAttempt: 2,
      conclusion: 'success',
      runStartedAt: '2026-11-11T00:00:00Z',
      updatedAt: '2026-11-11T00:10:00Z',
    };
    const rerunWorld: Scenario = {
      ...world,
      github: { repos: [{ ...repo, deployments: [], workflowRuns: [failed, rerun] }] },
    };
    const options: CollectOptions = {
      repositories: ['acme/shop'],
      deploymentSource: 'workflow-runs',
      environment: 'production',
      deployWorkflows: ['deploy.yml'],
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date(T1),
      lookbackMs: 60_000,
      incidentLabels: [],
      changes: false,
    };
    let { github } = await start({ ...rerunWorld, now: T1 });
    const first = await collect(options, undefined, { github, now: new Date(T1) });
    expect(first.data.deployments).toMatchObject([{ id: 'acme/shop:run:91', status: 'failure' }]);
    await server?.close();
    ({ github } = await start(rerunWorld));
    const second = await collect({ ...options, until: new Date(NOW) }, first, {
      github,
      now: new Date(NOW),
    });
    expect(second.data.deployments).toMatchObject([
      { id: 'acme/shop:run:91', status: 'success', finishedAt: '2026-11-11T00:10:00Z' },
    ]);
  });
});
