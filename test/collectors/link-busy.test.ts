import type { Deployment } from '@dora/core';
import { afterAll, describe, expect, it } from 'vitest';
import { collectChanges } from '../../packages/action/src/collectors/github/changes.js';
import { createGitHubClient } from '../../packages/action/src/collectors/github/client.js';
import { linkChanges } from '../../packages/action/src/collectors/github/link.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { generateScenario } from '../scenarios/generate.js';

let server: ReplayHandle | undefined;
afterAll(async () => {
  await server?.close();
});

const bare = (d: Deployment): Deployment => {
  const { changeIds: _, ...rest } = d;
  return rest;
};

describe('the busy scenario (a year, ~8,000 pull requests, ~20,000 commits)', () => {
  it('links every workflow-run deployment as the ground truth does, and prints the requests used', async () => {
    const { scenario, truth } = generateScenario({ preset: 'busy', seed: 1 });
    server = await startReplayServer({ scenario });
    const client = createGitHubClient({
      token: 'test-token',
      apiUrl: server.githubApiUrl,
      graphqlUrl: server.githubGraphqlUrl,
    });
    const repo = 'acme/shop';
    const since = new Date(truth.config.since);
    const until = new Date(Date.parse(truth.config.now) + 1);
    const runs = truth.bySource['workflow-runs']?.deployments ?? [];

    const changes = await collectChanges(client, repo, { since, until, baseBranch: 'main' });
    const changeRequests = server.stats().requests;
    const linked = await linkChanges(client, repo, {
      branch: 'main',
      since,
      deployments: runs.map(bare),
      changes: changes.changes,
      mergeCommits: changes.mergeCommits,
    });
    const stats = server.stats();

    expect(changes.changes.length).toBe(truth.changes.length);
    const got = new Map(linked.deployments.map((d) => [d.id, d.changeIds]));
    const wrong = runs.filter((d) => JSON.stringify(got.get(d.id)) !== JSON.stringify(d.changeIds));
    expect(wrong.map((d) => d.id)).toEqual([]);

    // The lower bound: every merged pull request and every commit of main's history read once, 100 a page.
    const r = scenario.github.repos[0];
    const head = headOf(r?.commits ?? [], 'main');
    const history = reachable(r?.commits ?? [], head);
    const lower = Math.ceil(truth.changes.length / 100) + Math.ceil(history / 100);
    const used = client.usage();
    console.log(
      [
        `busy: ${truth.changes.length} merged pull requests, ${history} commits on main's history, ${runs.length} deployments`,
        `changes: ${changeRequests} requests; linking: ${stats.requests - changeRequests} requests; total ${stats.requests} vs lower bound ${lower}`,
        `by route: ${JSON.stringify(stats.byRoute)}`,
        `GraphQL points left of 5000: ${used.graphqlRemaining}; warnings: ${JSON.stringify([...changes.warnings, ...linked.warnings])}`,
        `cursor sizes (JSON): changes ${JSON.stringify(changes.cursor).length} B, history ${JSON.stringify(linked.cursor).length} B`,
      ].join('\n'),
    );
    expect(stats.requests).toBeLessThanOrEqual(lower + 5);
  }, 240_000);
});

function headOf(
  commits: Array<{ sha: string; parents: string[]; branch?: string }>,
  branch: string,
) {
  const parents = new Set(commits.filter((c) => c.branch === branch).map((c) => c.parents[0]));
  return commits.filter((c) => c.branch === branch && !parents.has(c.sha)).at(-1)?.sha ?? '';
}

function reachable(commits: Array<{ sha: string; parents: string[] }>, from: string): number {
  const parents = new Map(commits.map((c) => [c.sha, c.parents]));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const sha = stack.pop() as string;
    if (seen.has(sha) || !parents.has(sha)) continue;
    seen.add(sha);
    stack.push(...(parents.get(sha) ?? []));
  }
  return seen.size;
}
