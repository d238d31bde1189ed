import { BRANCH_HISTORY } from '../../packages/action/src/collectors/github/queries/history.js';
import { githubSchema } from '../fakes/github-graphql.js';
import { startReplayServer } from '../fakes/replay-server.js';
import { generateScenario } from '../scenarios/generate.js';

/**
 * Prints how fast the replay answers the busy preset (a year, ~20,000 commits, ~8,000 PRs):
 * `npx tsx test/replay/busy-bench.ts`. Figures only; nothing is asserted.
 */
async function time<T>(label: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await f();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return out;
}

async function walkRest(
  url: string,
  pick: (b: unknown) => unknown[],
): Promise<{ items: number; pages: number }> {
  let next: string | undefined = url;
  let items = 0;
  let pages = 0;
  while (next !== undefined) {
    const res: Response = await fetch(next, { headers: { authorization: 'token bench' } });
    items += pick(await res.json()).length;
    pages += 1;
    next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return { items, pages };
}

async function main(): Promise<void> {
  const { scenario } = await time('generate busy', async () =>
    generateScenario({ preset: 'busy', seed: 1 }),
  );
  await time('build GitHub schema', async () => githubSchema());
  const h = await time('start replay (clip + index)', () => startReplayServer({ scenario }));
  try {
    const api = `${h.githubApiUrl}/repos/acme/shop`;
    const runs = await time('walk all workflow runs (per_page=100)', () =>
      walkRest(
        `${api}/actions/runs?per_page=100`,
        (b) => (b as { workflow_runs: unknown[] }).workflow_runs,
      ),
    );
    console.log('  ', runs);
    const pulls = await time('walk all pull requests (state=all, per_page=100)', () =>
      walkRest(`${api}/pulls?state=all&per_page=100`, (b) => b as unknown[]),
    );
    console.log('  ', pulls);
    await time('one filtered runs page (created range)', () =>
      fetch(`${api}/actions/runs?created=2026-06-01..2026-06-30&per_page=100`).then((r) =>
        r.json(),
      ),
    );
    const history = await time('walk main history over GraphQL (100 a page)', async () => {
      let cursor: string | null = null;
      let commits = 0;
      let pages = 0;
      for (;;) {
        const res = await fetch(h.githubGraphqlUrl, {
          method: 'POST',
          headers: { authorization: 'bearer bench' },
          body: JSON.stringify({
            query: BRANCH_HISTORY,
            variables: { owner: 'acme', name: 'shop', ref: 'refs/heads/main', cursor },
          }),
        });
        const body = (await res.json()) as {
          data: {
            repository: {
              ref: {
                target: {
                  history: {
                    nodes: unknown[];
                    pageInfo: { hasNextPage: boolean; endCursor: string };
                  };
                };
              };
            };
          };
        };
        const page = body.data.repository.ref.target.history;
        commits += page.nodes.length;
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        cursor = page.pageInfo.endCursor;
      }
      return { commits, pages };
    });
    console.log('  ', history, 'requests so far', h.stats().requests);
    const shas = (scenario.github.repos[0]?.workflowRuns ?? []).map((r) => r.headSha);
    await time('60 compares between deployed shas', async () => {
      for (let i = 0; i < 60; i++) {
        const base = shas[(i * 97) % shas.length];
        const head = shas[(i * 97 + 50) % shas.length];
        await fetch(`${api}/compare/${base}...${head}?per_page=100`).then((r) => r.json());
      }
    });
    console.log(`rss after the walks: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await h.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
