import type { Deployment } from '@dora/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collectChanges } from '../../packages/action/src/collectors/github/changes.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import { linkChanges } from '../../packages/action/src/collectors/github/link.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { at, handWorld, sha } from './link-world.js';

const repo = 'acme/shop';
let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAt(now: string) {
  await server?.close();
  server = undefined;
  server = await startReplayServer({ scenario: handWorld(now) });
  return createGitHubClient({
    token: 'test-token',
    apiUrl: server.githubApiUrl,
    graphqlUrl: server.githubGraphqlUrl,
  });
}

const deploy = (
  id: string,
  commit: string,
  finishedAt: string,
  status: 'success' | 'failure' = 'success',
  environment = 'production',
): Deployment => ({
  id: `${repo}:deployment:${id}`,
  environment,
  status,
  finishedAt,
  sha: sha(commit),
  repository: repo,
});

// D2 fails, D4 rolls back to m1, D5 deploys x1 from hotfix/x (off main), E1 is staging's first deployment.
const deployments = [
  deploy('1', 'm1', at(2, 6)),
  deploy('2', 'r2', at(4, 6), 'failure'),
  deploy('3', 'r2', at(4, 7)),
  deploy('4', 'm1', at(4, 8)),
  deploy('5', 'x1', at(5, 13)),
  deploy('6', 's5', at(6, 6)),
  deploy('7', 's6', at(7, 6)),
  deploy('E1', 's6', at(7, 1), 'success', 'staging'),
];
const n = (...numbers: number[]) => numbers.map((x) => `${repo}#${x}`);
const expected = {
  '1': n(1),
  '2': undefined,
  '3': n(2, 3),
  '4': [],
  '5': n(4, 6),
  '6': n(5),
  '7': [],
  E1: n(1, 2, 3, 4, 5, 6),
};
const links = (list: Deployment[]) =>
  Object.fromEntries(list.map((d) => [d.id.slice(d.id.lastIndexOf(':') + 1), d.changeIds]));

async function changesUntil(
  client: Awaited<ReturnType<typeof clientAt>>,
  since: string,
  until: string,
) {
  return collectChanges(client, repo, {
    since: new Date(since),
    until: new Date(until),
    baseBranch: 'main',
  });
}

describe('linkChanges on a hand-built history', () => {
  it('links merge, squash and rebase changes; failures and rollbacks ship nothing; compare places a hotfix', async () => {
    const client = await clientAt(at(7, 12));
    const { changes, mergeCommits } = await changesUntil(client, at(1), at(7, 12));
    const result = await linkChanges(client, repo, {
      branch: 'main',
      since: new Date(at(1)),
      deployments,
      changes,
      mergeCommits,
    });
    expect(links(result.deployments)).toEqual(expected);
    expect(result.baselines).toEqual([
      {
        repository: repo,
        environment: 'production',
        deploymentId: `${repo}:deployment:1`,
        finishedAt: '2026-03-02T06:00:00.000Z',
        boundedAt: '2026-03-01T00:00:00.000Z',
      },
      {
        repository: repo,
        environment: 'staging',
        deploymentId: `${repo}:deployment:E1`,
        finishedAt: '2026-03-07T01:00:00.000Z',
        boundedAt: '2026-03-01T00:00:00.000Z',
      },
    ]);
    expect(result.warnings).toEqual([
      "acme/shop: 1 deployed shas were not on main's first-parent history; placed with the compare API",
    ]);
  });

  it('places changes through associated pull requests alone, without merge commits', async () => {
    const client = await clientAt(at(7, 12));
    const { changes } = await changesUntil(client, at(1), at(7, 12));
    const result = await linkChanges(client, repo, {
      branch: 'main',
      since: new Date(at(1)),
      deployments,
      changes,
    });
    expect(links(result.deployments)).toEqual(expected);
  });

  it('keeps the first deployment from absorbing changes merged before the range', async () => {
    const client = await clientAt(at(7, 12));
    // Change 1 is known (say from an earlier range) but merged before `since`.
    const { changes, mergeCommits } = await changesUntil(client, at(1), at(7, 12));
    const result = await linkChanges(client, repo, {
      branch: 'main',
      since: new Date(at(2, 1)),
      deployments: [
        // Before the range: left as it was.
        { ...deploy('0', 'c1', at(1, 12)), changeIds: ['acme/shop#0'] },
        ...deployments.filter((d) => !d.id.endsWith('E1')),
      ],
      changes,
      mergeCommits,
    });
    const got = links(result.deployments);
    expect(got['0']).toEqual(['acme/shop#0']);
    expect(got['1']).toEqual([]);
    expect(got['3']).toEqual(n(2, 3));
    expect(Object.values(got).flat()).not.toContain(`${repo}#1`);
  });

  it('gives a warm run the same links as a full run, reading only new history', async () => {
    const since = new Date(at(1));
    let client = await clientAt(at(5, 0));
    const early = await changesUntil(client, at(1), at(5, 0));
    const firstDeploys = deployments.filter(
      (d) => Date.parse(String(d.finishedAt)) < Date.parse(at(5)),
    );
    const cold = await linkChanges(client, repo, {
      branch: 'main',
      since,
      deployments: firstDeploys,
      changes: early.changes,
      mergeCommits: early.mergeCommits,
    });
    expect(links(cold.deployments)).toEqual({ '1': n(1), '2': undefined, '3': n(2, 3), '4': [] });

    client = await clientAt(at(7, 12));
    const before = server?.stats().requests ?? 0;
    const late = await collectChanges(client, repo, {
      since,
      until: new Date(at(7, 12)),
      baseBranch: 'main',
      cursor: early.cursor,
    });
    const laterDeploys = deployments.filter((d) => !firstDeploys.includes(d));
    const warm = await linkChanges(client, repo, {
      branch: 'main',
      since,
      deployments: laterDeploys,
      changes: late.changes,
      mergeCommits: late.mergeCommits,
      cursor: JSON.parse(JSON.stringify(cold.cursor)),
    });
    const warmRequests = (server?.stats().requests ?? 0) - before;
    expect({ ...links(cold.deployments), ...links(warm.deployments) }).toEqual(expected);
    // 1 changes page + 1 history page + 1 compare + 1 lookup of the hotfix commit.
    expect(warmRequests).toBe(4);
  });

  it('reads the history again when the branch no longer contains the known head', async () => {
    const client = await clientAt(at(7, 12));
    const { changes, mergeCommits } = await changesUntil(client, at(1), at(7, 12));
    const options = { branch: 'main', since: new Date(at(1)), deployments, changes, mergeCommits };
    const full = await linkChanges(client, repo, options);
    const rewritten = { ...full.cursor, head: { oid: sha('force-pushed away'), pos: 99 } };
    const again = await linkChanges(client, repo, { ...options, cursor: rewritten });
    expect(links(again.deployments)).toEqual(expected);
    expect(again.warnings[0]).toBe(
      `acme/shop: main no longer contains ${sha('force-pushed away').slice(0, 7)} (rewritten?); its history was read again`,
    );
  });

  it('ships nothing from a deployed commit GitHub does not know, and says so', async () => {
    const client = await clientAt(at(7, 12));
    const { changes, mergeCommits } = await changesUntil(client, at(1), at(7, 12));
    const ghost = { ...deploy('9', 'never pushed', at(5, 1)) };
    const result = await linkChanges(client, repo, {
      branch: 'main',
      since: new Date(at(1)),
      deployments: [...deployments, ghost],
      changes,
      mergeCommits,
    });
    expect(links(result.deployments)).toEqual({ ...expected, '9': [] });
    expect(result.warnings).toContain(
      `acme/shop: deployed commit ${sha('never pushed').slice(0, 7)} is unknown to GitHub (404); it ships no changes`,
    );
  });
});
