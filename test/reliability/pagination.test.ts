import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../packages/action/src/collectors/collect.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import type { Scenario, ScenarioFault, ScenarioIssue } from '../fakes/scenario.js';
import { MANY_RUNS_NOW, manyRunsScenario } from '../scenarios/many-runs.js';
import { ledgerFor } from './ledger.js';
import {
  collectWorld,
  compareIds,
  dataIds,
  GITHUB_TOKEN,
  quietWorld,
  startReplay,
  truthIds,
} from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(() => {
  ledger.flush();
});

const NOW = MANY_RUNS_NOW;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** One repository with `count` deploy runs on main, one every `everyMs`. */
function manyRuns(count: number, everyMs: number): Scenario {
  return manyRunsScenario({
    count,
    everyMs,
    firstId: 70_000,
    fails: (i) => i % 3 === 0,
    sha: 'b'.repeat(40),
  });
}

async function collectRuns(scenario: Scenario, faults: ScenarioFault[] = []) {
  const replay = await startReplay(scenario, faults);
  try {
    const github = createGitHubClient({
      token: GITHUB_TOKEN,
      apiUrl: replay.githubApiUrl,
      graphqlUrl: replay.githubGraphqlUrl,
      retryAfterBaseMs: 1,
    });
    const result = await collect(
      {
        repositories: ['acme/shop'],
        deploymentSource: 'workflow-runs',
        environment: 'production',
        deployWorkflows: ['deploy.yml'],
        since: new Date('2026-08-01T00:00:00Z'),
        until: new Date(NOW),
        lookbackMs: 3_600_000,
        incidentLabels: [],
        changes: false,
      },
      undefined,
      { github, now: new Date(NOW) },
    );
    return { result, stats: replay.stats() };
  } finally {
    await replay.close();
  }
}

describe('row 11: the 1,000-result cap of filtered workflow-run listings', () => {
  it('row 11: any number of runs past the cap, any spacing: the split ranges cover everything once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_001, max: 2_400 }),
        fc.integer({ min: 1, max: 45 }),
        async (count, minutes) => {
          const { result } = await collectRuns(manyRuns(count, minutes * 60_000));
          const expected = Array.from({ length: count }, (_, i) => `acme/shop:run:${70_000 + i}`);
          const ids = compareIds(expected, dataIds(result.data));
          ledger.add(11, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
          expect(ids).toEqual({ lost: 0, doubled: 0 });
          expect(result.data.deployments.filter((d) => d.status === 'failure')).toHaveLength(
            Math.ceil(count / 3),
          );
        },
      ),
      { numRuns: 3, seed: 20261121 },
    );
  });

  it('row 11: 1,500 runs one second apart are split down to the second: none lost, none twice', async () => {
    const { result, stats } = await collectRuns(manyRuns(1_500, 1_000));
    const expected = Array.from({ length: 1_500 }, (_, i) => `acme/shop:run:${70_000 + i}`);
    const ids = compareIds(expected, dataIds(result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    // At least 15 full pages; the probes of each split range add more.
    const used = stats.byRoute['GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'];
    expect(used).toBeGreaterThanOrEqual(15);
    console.log(`row 11: 1,500 runs one second apart read in ${used} run-list requests`);
    ledger.add(11, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });
});

describe('row 11: a 422 on a filtered listing', () => {
  it('row 11: a 422 on a created range splits it in two halves: none lost, none twice', async () => {
    // The first request is page 1 of the branch (complete=false); the second, the range probe, is refused.
    const fault: ScenarioFault = {
      method: 'GET',
      path: '^/repos/[^/]+/[^/]+/actions/workflows/[^/]+/runs$',
      afterRequests: 1,
      times: 1,
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'WorkflowRun', code: 'custom', message: 'Too many results' }],
      },
    };
    const { result } = await collectRuns(manyRuns(1_200, 20 * 60_000), [fault]);
    const expected = Array.from({ length: 1_200 }, (_, i) => `acme/shop:run:${70_000 + i}`);
    const ids = compareIds(expected, dataIds(result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(11, { requestsRetried: 1, eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });
});

describe('row 12: Link-header pagination', () => {
  const EXTRA = 7;
  function withIssues(): { scenario: Scenario; expected: string[] } {
    const { scenario, truth } = quietWorld();
    const copy = structuredClone(scenario);
    const repo = copy.github.repos[0];
    if (repo === undefined) throw new Error('no repository');
    const issues: ScenarioIssue[] = Array.from({ length: EXTRA }, (_, i) => ({
      number: 9_000 + i,
      title: `Outage ${i}`,
      labels: ['incident'],
      state: 'closed',
      createdAt: iso(Date.parse('2026-11-10T00:00:00Z') + i * 3_600_000),
      closedAt: iso(Date.parse('2026-11-10T00:30:00Z') + i * 3_600_000),
    }));
    repo.issues = [...(repo.issues ?? []), ...issues];
    return {
      scenario: copy,
      expected: [...truthIds(truth), ...issues.map((i) => `acme/shop:issue:${i.number}`)],
    };
  }

  /** The issues list asked one per page, and a `next` link added to the last page (an empty page follows). */
  function onePerPageThenEmpty(seen: string[]): typeof fetch {
    let added = false;
    return async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : (input as Request).url);
      const isIssues = /\/repos\/[^/]+\/[^/]+\/issues$/.test(url.pathname);
      if (isIssues) url.searchParams.set('per_page', '1');
      if (isIssues) seen.push(url.searchParams.get('page') ?? '1');
      const response = await fetch(url, init);
      const link = response.headers.get('link') ?? '';
      if (!isIssues || link.includes('rel="next"')) return response;
      if (added) return response;
      added = true;
      const page = Number(url.searchParams.get('page') ?? '1');
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      const headers = new Headers(response.headers);
      headers.set('link', `${link}${link ? ', ' : ''}<${next.href}>; rel="next"`);
      return new Response(await response.text(), { status: response.status, headers });
    };
  }

  it('row 12: one item per page, then an empty last page: every page read, the loop ends, nothing twice', async () => {
    const { scenario, expected } = withIssues();
    const issueTruth = expected.filter((id) => id.includes(':issue:'));
    const seen: string[] = [];
    const run = await collectWorld([], {
      scenario,
      github: { fetch: onePerPageThenEmpty(seen) },
    });
    const ids = compareIds(expected, dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    // One page per issue (pull requests are filtered out by the label), then the empty page.
    expect(seen).toEqual(Array.from({ length: issueTruth.length + 1 }, (_, i) => String(i + 1)));
    ledger.add(12, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });
});
