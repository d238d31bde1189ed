import type { DoraData } from '@dora/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../packages/action/src/collectors/collect.js';
import {
  createGitHubClient,
  type GitHubClient,
} from '../../packages/action/src/collectors/github/client.js';
import {
  createPagerDutyClient,
  type PagerDutyClient,
} from '../../packages/action/src/collectors/pagerduty/client.js';
import type { CollectOptions, CollectorState } from '../../packages/action/src/collectors/types.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import { type GroundTruth, generateScenario } from '../scenarios/generate.js';

let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const DAY = 86_400_000;

async function clientsAt(
  scenario: Scenario,
  now: string,
): Promise<{ github: GitHubClient; pagerduty: PagerDutyClient }> {
  await server?.close();
  server = await startReplayServer({ scenario: { ...scenario, now } });
  return {
    github: createGitHubClient({
      token: 'gh-token',
      apiUrl: server.githubApiUrl,
      graphqlUrl: server.githubGraphqlUrl,
      retryAfterBaseMs: 1,
    }),
    pagerduty: createPagerDutyClient({
      token: 'pd-token',
      apiUrl: server.pagerdutyApiUrl,
      retryAfterBaseMs: 1,
      pdjsRetryMs: 0,
    }),
  };
}

function options(
  truth: GroundTruth,
  source: CollectOptions['deploymentSource'],
  until: string,
  repositories: string[],
): CollectOptions {
  return {
    repositories,
    deploymentSource: source,
    environment: 'production',
    deployWorkflows: ['deploy.yml'],
    since: new Date(truth.config.since),
    until: new Date(until),
    // Re-runs follow a failure within about an hour in the scenarios; the lookback must cover that.
    lookbackMs: 6 * 3_600_000,
    incidentLabels: ['incident'],
    pagerduty: {
      token: 'pd-token',
      apiUrl: 'unused',
      services: Object.keys(truth.serviceRepositories),
      serviceRepositories: truth.serviceRepositories,
    },
  };
}

async function runAt(
  scenario: Scenario,
  truth: GroundTruth,
  source: CollectOptions['deploymentSource'],
  at: string,
  repos: string[],
  previous?: { data: DoraData; state: CollectorState },
) {
  const { github, pagerduty } = await clientsAt(scenario, at);
  return collect(options(truth, source, at, repos), previous, {
    github,
    pagerduty,
    now: new Date(at),
  });
}

describe('collect() incremental equals full', () => {
  it.each(['workflow-runs', 'deployments', 'releases', 'merges'] as const)(
    '%s: three warm runs give the same data as one full run (sample)',
    async (source) => {
      const { scenario, truth } = generateScenario({ preset: 'sample', seed: 11 });
      const now = Date.parse(truth.config.now);
      const at = (days: number) => new Date(now - days * DAY).toISOString();
      const repos = ['acme/shop'];

      const first = await runAt(scenario, truth, source, at(40), repos);
      const second = await runAt(scenario, truth, source, at(12), repos, first);
      const third = await runAt(scenario, truth, source, at(0), repos, second);
      const full = await runAt(scenario, truth, source, at(0), repos);

      expect(third.partial).toBeUndefined();
      expect(third.data.deployments).toEqual(full.data.deployments);
      expect(third.data.changes).toEqual(full.data.changes);
      expect(third.data.incidents).toEqual(full.data.incidents);
      expect(full.data.deployments.length).toBe(truth.bySource[source]?.deployments.length);
      // The warm runs read less than the full one.
      expect(third.api.github).toBeLessThan(full.api.github);
    },
  );

  it('multi-repo, fetched concurrently: two warm runs give the same data as one full run', async () => {
    const { scenario, truth } = generateScenario({ preset: 'multi-repo', seed: 4 });
    const repos = scenario.github.repos.map((r) => `${r.owner}/${r.name}`);
    const at = (days: number) => new Date(Date.parse(truth.config.now) - days * DAY).toISOString();
    const first = await runAt(scenario, truth, 'workflow-runs', at(20), repos);
    const second = await runAt(scenario, truth, 'workflow-runs', at(0), repos, first);
    const full = await runAt(scenario, truth, 'workflow-runs', at(0), repos);
    expect(second.data).toEqual(full.data);
    expect(Object.keys(second.state.repos).sort()).toEqual([...repos].sort());
  });

  it('an unchanged world costs one 304 on the next run (workflow runs, releases)', async () => {
    const { scenario, truth } = generateScenario({ preset: 'sample', seed: 11 });
    const repos = ['acme/shop'];
    // One server for both runs: its URLs are inside the bodies, so another port means other ETags.
    server = await startReplayServer({ scenario });
    const handle = server;
    const client = () =>
      createGitHubClient({
        token: 'gh-token',
        apiUrl: handle.githubApiUrl,
        graphqlUrl: handle.githubGraphqlUrl,
      });
    for (const source of ['workflow-runs', 'releases'] as const) {
      const { pagerduty: _pd, ...opts } = {
        ...options(truth, source, truth.config.now, repos),
        changes: false,
        incidentLabels: [],
      };
      const first = await collect(opts, undefined, {
        github: client(),
        now: new Date(truth.config.now),
      });
      const again = await collect(opts, first, {
        github: client(),
        now: new Date(truth.config.now),
      });
      // Workflow runs: the workflows list is a 304 too.
      expect(again.api.notModified).toBe(source === 'releases' ? 1 : 2);
      expect(again.data).toEqual(first.data);
      // Releases: the 304 is all. Workflow runs: the two 304s, and the runs still in progress, re-read by id.
      expect(again.api.github).toBe(
        source === 'releases'
          ? 1
          : 2 + (first.state.repos['acme/shop']?.pendingDeployments.length ?? 0),
      );
    }
  });
});

describe('collect() against the ground truth', () => {
  it('multi-repo: every event tagged with its repository; PagerDuty incidents per the service map', async () => {
    const { scenario, truth } = generateScenario({ preset: 'multi-repo', seed: 3 });
    const repos = scenario.github.repos.map((r) => `${r.owner}/${r.name}`);
    const lines: string[] = [];
    const { github, pagerduty } = await clientsAt(scenario, truth.config.now);
    const result = await collect(
      { ...options(truth, 'workflow-runs', truth.config.now, repos), concurrency: 2 },
      undefined,
      {
        github,
        pagerduty,
        now: new Date(truth.config.now),
        progress: (l) => lines.push(l),
      },
    );
    const expected = truth.bySource['workflow-runs'] as DoraData;
    const key = (d: { id: string }) => d.id;
    const strip = ({ changeIds: _c, ...d }: DoraData['deployments'][number]) => ({
      ...d,
      finishedAt: Date.parse(String(d.finishedAt)),
      startedAt: Date.parse(String(d.startedAt)),
    });
    expect(result.data.deployments.map(strip).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.deployments.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const d of result.data.deployments) expect(repos).toContain(d.repository);
    const pd = result.data.incidents.filter((i) => i.id.startsWith('pagerduty:'));
    const norm = (i: DoraData['incidents'][number]) => ({
      ...i,
      createdAt: Date.parse(String(i.createdAt)),
      ...(i.resolvedAt === undefined ? {} : { resolvedAt: Date.parse(String(i.resolvedAt)) }),
    });
    expect(pd.map(norm).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      truth.incidents.pagerduty.map(norm).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // PSHARED serves acme/api and acme/worker: no single repository.
    const shared = pd.filter((i) => i.service === 'PSHARED');
    expect(shared.length).toBeGreaterThan(0);
    for (const i of shared) expect(i.repository).toBeUndefined();
    expect(result.sources).toEqual({
      deployments: {
        'acme/api': 'workflow-runs',
        'acme/web': 'workflow-runs',
        'acme/worker': 'workflow-runs',
      },
      changes: 'github-pull-requests',
      incidents: ['github-issues', 'pagerduty'],
    });
    expect(lines.filter((l) => l.includes('deployments read from workflow-runs'))).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('PagerDuty: '))).toBe(true);
  });

  it('a GraphQL RATE_LIMITED answer is waited out; a PagerDuty outage keeps GitHub data with a warning', async () => {
    const { scenario, truth } = generateScenario({ preset: 'quiet', seed: 2 });
    const repos = ['acme/shop'];
    const clean = await runAt(scenario, truth, 'workflow-runs', truth.config.now, repos);
    const faulted: Scenario = {
      ...scenario,
      faults: [
        {
          path: '/graphql',
          times: 1,
          graphqlErrors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }],
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+1' },
        },
        {
          method: 'GET',
          path: '^/incidents',
          status: 503,
          body: { error: { message: 'Service Unavailable', code: 2000 } },
        },
      ],
    };
    const graphqlClean = server?.stats().byRoute['POST /graphql'] ?? 0;
    const result = await runAt(faulted, truth, 'workflow-runs', truth.config.now, repos);
    // The RATE_LIMITED answer was sent once and the query repeated; PagerDuty tried 3 times.
    expect(server?.stats().byRoute['POST /graphql']).toBe(graphqlClean + 1);
    expect(server?.stats().byRoute['GET /incidents']).toBe(3);
    expect(result.partial).toBeUndefined();
    expect(result.data.deployments).toEqual(clean.data.deployments);
    expect(result.data.changes).toEqual(clean.data.changes);
    expect(result.data.incidents).toEqual(
      clean.data.incidents.filter((i) => !i.id.startsWith('pagerduty:')),
    );
    expect(result.warnings).toContain(
      'PagerDuty incidents not updated: PagerDuty request GET /incidents failed (503): Service Unavailable',
    );
  });

  it('sample, workflow runs with changes: changeIds as the ground truth', async () => {
    const { scenario, truth } = generateScenario({ preset: 'sample', seed: 5 });
    const result = await runAt(scenario, truth, 'workflow-runs', truth.config.now, ['acme/shop']);
    const expected = truth.bySource['workflow-runs'] as DoraData;
    const links = (list: DoraData['deployments']) =>
      Object.fromEntries(
        [...list]
          .filter((d) => d.status === 'success')
          .map((d) => [d.id, [...(d.changeIds ?? [])].sort()]),
      );
    expect(links(result.data.deployments)).toEqual(links(expected.deployments));
    expect(result.data.changes.map((c) => c.id).sort()).toEqual(
      truth.changes.map((c) => c.id).sort(),
    );
  });
});
