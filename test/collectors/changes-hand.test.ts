import type { Change } from '@dora/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collectChanges } from '../../packages/action/src/collectors/github/changes.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import { queryCost } from '../../packages/action/src/collectors/github/queries/cost.js';
import { MERGED_PULL_REQUESTS_SHAPE } from '../../packages/action/src/collectors/github/queries/pull-requests.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { at, handWorld, longPullWorld, sha } from './link-world.js';

const repo = 'acme/shop';
let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAt(now: string, scenario = handWorld(now)) {
  await server?.close();
  server = undefined;
  server = await startReplayServer({ scenario });
  return createGitHubClient({
    token: 'test-token',
    apiUrl: server.githubApiUrl,
    graphqlUrl: server.githubGraphqlUrl,
  });
}

const ms = (t: Change[keyof Change]) => (t === undefined ? undefined : Date.parse(String(t)));
const byId = (changes: Change[]) => new Map(changes.map((c) => [c.id, c]));

describe('collectChanges on a hand-built repository', () => {
  it('reads every merged pull request with its times, labels and branch', async () => {
    const client = await clientAt(at(20));
    const { changes, mergeCommits, warnings } = await collectChanges(client, repo, {
      since: new Date(at(1)),
      until: new Date(at(20)),
      baseBranch: 'main',
    });
    expect(warnings).toEqual([]);
    // One page, charged by the replay (GitHub's formula) exactly what the query's shape says: 3 points.
    expect(server?.stats().requests).toBe(1);
    expect(client.usage().graphqlRemaining).toBe(5000 - queryCost(MERGED_PULL_REQUESTS_SHAPE));
    expect(changes.map((c) => c.id).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${repo}#${n}`).sort(),
    );
    const c = byId(changes);
    const first = c.get(`${repo}#1`) as Change;
    expect({
      ...first,
      firstCommitAt: ms(first.firstCommitAt),
      mergedAt: ms(first.mergedAt),
    }).toEqual({
      id: `${repo}#1`,
      repository: repo,
      title: 'Add cart',
      author: 'bob',
      labels: ['feature'],
      branch: 'feature/1',
      createdAt: at(1, 1),
      firstCommitAt: Date.parse(at(1, 1)),
      mergedAt: Date.parse(at(2)),
    });
    // h2 was authored before h1: the earliest wins whatever the order.
    expect(ms(c.get(`${repo}#3`)?.firstCommitAt)).toBe(Date.parse(at(1, 4)));
    expect(ms(c.get(`${repo}#2`)?.firstReviewAt)).toBe(Date.parse(at(2, 12)));
    // PR 4's author commented on it first; that is not a review.
    expect(ms(c.get(`${repo}#4`)?.firstReviewAt)).toBe(Date.parse(at(4, 9)));
    expect(c.get(`${repo}#6`)?.labels).toEqual(['hotfix']);
    expect(c.get(`${repo}#6`)?.branch).toBe('hotfix/x');
    expect(mergeCommits[`${repo}#3`]).toBe(sha('r2'));
    expect(mergeCommits[`${repo}#1`]).toBe(sha('m1'));
  });

  it('resolves reverts by commit sha, by nested title and by number', async () => {
    const client = await clientAt(at(20));
    const { changes } = await collectChanges(client, repo, {
      since: new Date(at(1)),
      until: new Date(at(20)),
      baseBranch: 'main',
    });
    const reverts = Object.fromEntries(
      changes.filter((c) => c.reverts !== undefined).map((c) => [c.id, c.reverts]),
    );
    expect(reverts).toEqual({
      [`${repo}#7`]: `${repo}#4`,
      [`${repo}#8`]: `${repo}#7`,
      [`${repo}#9`]: `${repo}#5`,
    });
  });

  it('looks a reverted commit up through the API when its change is before the range', async () => {
    const client = await clientAt(at(20));
    const { changes } = await collectChanges(client, repo, {
      since: new Date(at(5, 12)),
      until: new Date(at(20)),
      baseBranch: 'main',
    });
    expect(changes.map((c) => c.id).sort()).toEqual(
      [5, 6, 7, 8, 9].map((n) => `${repo}#${n}`).sort(),
    );
    expect(byId(changes).get(`${repo}#7`)?.reverts).toBe(`${repo}#4`);
  });

  it('gives a warm run plus the earlier run the same changes as one full run', async () => {
    const since = new Date(at(1));
    let client = await clientAt(at(6, 12));
    const cold = await collectChanges(client, repo, {
      since,
      until: new Date(at(6, 12)),
      baseBranch: 'main',
    });
    expect(cold.changes.map((c) => c.id).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `${repo}#${n}`).sort(),
    );
    client = await clientAt(at(20));
    const warm = await collectChanges(client, repo, {
      since,
      until: new Date(at(20)),
      baseBranch: 'main',
      cursor: JSON.parse(JSON.stringify(cold.cursor)),
    });
    // Only what changed since the watermark (minus the hour of lookback) is read again.
    expect(warm.changes.map((c) => c.id).sort()).toEqual(
      [5, 6, 7, 8, 9].map((n) => `${repo}#${n}`).sort(),
    );
    const full = await collectChanges(client, repo, {
      since,
      until: new Date(at(20)),
      baseBranch: 'main',
    });
    const merged = byId(cold.changes);
    for (const c of warm.changes) merged.set(c.id, c);
    expect(new Map([...merged].sort())).toEqual(new Map([...byId(full.changes)].sort()));
  });

  it('pages the commits of a pull request longer than one page, within a bound', async () => {
    const client = await clientAt(at(20), longPullWorld(230));
    const range = { since: new Date(at(1)), until: new Date(at(20)), baseBranch: 'main' };
    const all = await collectChanges(client, repo, range);
    // The 230th commit was authored first.
    expect(ms(all.changes[0]?.firstCommitAt)).toBe(Date.parse(at(1, 0, 30)));
    expect(all.warnings).toEqual([]);
    // One page of pull requests, then three of commits.
    expect(server?.stats().requests).toBe(4);

    const bounded = await collectChanges(client, repo, { ...range, maxCommitPages: 2 });
    expect(ms(bounded.changes[0]?.firstCommitAt)).toBe(Date.parse(at(2, 0, 1)));
    expect(bounded.warnings).toEqual([
      'acme/shop#1 has 230 commits; its first commit time comes from the first 200',
    ]);
  });
});
