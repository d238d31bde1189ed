import type { Change, Deployment } from '@dora/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collectChanges } from '../../packages/action/src/collectors/github/changes.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import { linkChanges } from '../../packages/action/src/collectors/github/link.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import { type DeploymentSource, generateScenario, type Preset } from '../scenarios/generate.js';
import { deriveTruth } from '../scenarios/truth.js';

let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(scenario: Scenario) {
  await server?.close();
  server = undefined;
  server = await startReplayServer({ scenario });
  return createGitHubClient({
    token: 'test-token',
    apiUrl: server.githubApiUrl,
    graphqlUrl: server.githubGraphqlUrl,
  });
}

type Client = Awaited<ReturnType<typeof clientFor>>;
const INSTANTS = ['firstCommitAt', 'createdAt', 'firstReviewAt', 'mergedAt'] as const;

/** Instants as epoch ms, so `…:00Z` and `…:00.000Z` compare equal. */
function normal(c: Change): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of INSTANTS) if (c[k] !== undefined) out[k] = Date.parse(String(c[k]));
  return out;
}

const sorted = (changes: Change[]) =>
  [...changes].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })).map(normal);
const bare = (d: Deployment): Deployment => {
  const { changeIds: _, ...rest } = d;
  return rest;
};
const linksOf = (list: Deployment[]) =>
  Object.fromEntries(
    [...list]
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
      .map((d) => [d.id, d.changeIds]),
  );

async function collectRepo(
  client: Client,
  repo: string,
  range: { since: Date; until: Date },
  deployments: Deployment[],
) {
  const changes = await collectChanges(client, repo, { ...range, baseBranch: 'main' });
  const linked = await linkChanges(client, repo, {
    branch: 'main',
    since: range.since,
    deployments: deployments.map(bare),
    changes: changes.changes,
    mergeCommits: changes.mergeCommits,
  });
  return { changes, linked };
}

const cases: Array<[Preset, number]> = [
  ['quiet', 1],
  ['quiet', 7],
  ['sample', 1],
  ['multi-repo', 3],
];

describe.each(cases)('changes and links on the generated %s scenario (seed %i)', (preset, seed) => {
  it('match the ground truth for every deployment source', async () => {
    const { scenario, truth } = generateScenario({ preset, seed });
    if (preset === 'sample') {
      // The cases this test exists for are in the world: every merge method, reverts, rollbacks, failures.
      const methods = new Set(scenario.github.repos[0]?.pullRequests?.map((p) => p.mergeMethod));
      expect([...methods].sort()).toEqual(['merge', 'rebase', 'squash', undefined]);
      expect(truth.changes.filter((c) => c.reverts !== undefined).length).toBeGreaterThan(0);
      const runs = truth.bySource['workflow-runs']?.deployments ?? [];
      expect(runs.filter((d) => d.status === 'failure').length).toBeGreaterThan(0);
      expect(
        runs.filter((d) => d.status === 'success' && d.changeIds?.length === 0).length,
      ).toBeGreaterThan(0);
    }
    const client = await clientFor(scenario);
    const range = {
      since: new Date(truth.config.since),
      until: new Date(Date.parse(truth.config.now) + 1),
    };
    for (const r of scenario.github.repos) {
      const repo = `${r.owner}/${r.name}`;
      const ofRepo = <T extends { repository?: string }>(list: T[]) =>
        list.filter((x) => x.repository === repo);
      const changes = await collectChanges(client, repo, { ...range, baseBranch: 'main' });
      expect(sorted(changes.changes)).toEqual(sorted(ofRepo(truth.changes)));
      const sources = Object.entries(truth.bySource) as Array<
        [DeploymentSource, { deployments: Deployment[] }]
      >;
      expect(sources.length).toBeGreaterThan(0);
      for (const [source, data] of sources) {
        const expected = ofRepo(data.deployments);
        const linked = await linkChanges(client, repo, {
          branch: 'main',
          since: range.since,
          deployments: expected.map(bare),
          changes: changes.changes,
          mergeCommits: changes.mergeCommits,
        });
        expect({ source, links: linksOf(linked.deployments) }).toEqual({
          source,
          links: linksOf(expected),
        });
      }
    }
  });
});

describe('a warm run after a cold one', () => {
  it('gives the same changes and links as one full run (sample, workflow runs, cut 30 days back)', async () => {
    const { scenario, truth } = generateScenario({ preset: 'sample', seed: 2 });
    const repo = 'acme/shop';
    const cut = new Date(Date.parse(scenario.now) - 30 * 86_400_000).toISOString();
    const early = deriveTruth({ ...scenario, now: cut }, truth.serviceRepositories);
    const since = new Date(truth.config.since);
    const earlyRuns = early.bySource['workflow-runs']?.deployments ?? [];
    const finalRuns = truth.bySource['workflow-runs']?.deployments ?? [];

    let client = await clientFor({ ...scenario, now: cut });
    const cold = await collectRepo(
      client,
      repo,
      { since, until: new Date(Date.parse(cut) + 1) },
      earlyRuns,
    );
    expect(linksOf(cold.linked.deployments)).toEqual(linksOf(earlyRuns));

    client = await clientFor(scenario);
    const range = { since, until: new Date(Date.parse(scenario.now) + 1) };
    const before = JSON.stringify(earlyRuns.map(bare));
    // What the Action passes on a warm run: deployments new or changed since (re-run attempts included).
    const seen = new Map(earlyRuns.map((d) => [d.id, JSON.stringify(bare(d))]));
    const fresh = finalRuns.filter((d) => seen.get(d.id) !== JSON.stringify(bare(d)));
    expect(fresh.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    const changes = await collectChanges(client, repo, {
      ...range,
      baseBranch: 'main',
      cursor: JSON.parse(JSON.stringify(cold.changes.cursor)),
    });
    const warm = await linkChanges(client, repo, {
      branch: 'main',
      since,
      deployments: fresh.map(bare),
      changes: changes.changes,
      mergeCommits: changes.mergeCommits,
      cursor: JSON.parse(JSON.stringify(cold.linked.cursor)),
    });
    // Only new work is read: pull requests updated since the watermark and commits above the known head.
    const mainCommits = scenario.github.repos[0]?.commits.filter((c) => c.branch === 'main') ?? [];
    const newCommits = scenario.github.repos[0]?.commits.filter((c) => c.committedAt > cut) ?? [];
    const newPulls = truth.changes.filter((c) => String(c.mergedAt) > cut).length;
    const floor = Math.ceil(newPulls / 100) + Math.ceil(newCommits.length / 100);
    const requests = server?.stats().requests ?? 0;
    console.log(
      `warm run (sample, last 30 days): ${requests} requests for ${newPulls} new pull requests and ${newCommits.length} new commits (${mainCommits.length} on main in all)`,
    );
    expect(requests).toBeLessThanOrEqual(floor + 2);
    const mergedChanges = new Map(cold.changes.changes.map((c) => [c.id, c]));
    for (const c of changes.changes) mergedChanges.set(c.id, c);
    expect(sorted([...mergedChanges.values()])).toEqual(sorted(truth.changes));
    const mergedLinks = { ...linksOf(cold.linked.deployments), ...linksOf(warm.deployments) };
    expect(mergedLinks).toEqual(linksOf(finalRuns));
  });
});
