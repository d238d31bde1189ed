import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitPullRequestsQuery } from '../../packages/action/src/collectors/github/queries/commit-pull-requests.js';
import { queryCost as shapeCost } from '../../packages/action/src/collectors/github/queries/cost.js';
import {
  FIRST_PAGES,
  FIRST_PAGES_SHAPE,
} from '../../packages/action/src/collectors/github/queries/first-pages.js';
import {
  BRANCH_HISTORY,
  HISTORY_SHAPE,
} from '../../packages/action/src/collectors/github/queries/history.js';
import {
  MERGED_PULL_REQUESTS,
  MERGED_PULL_REQUESTS_SHAPE,
} from '../../packages/action/src/collectors/github/queries/pull-requests.js';
import { githubSchema } from '../fakes/github-graphql.js';
import { queryCost } from '../fakes/graphql-cost.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { generateScenario } from '../scenarios/generate.js';
import { sha, tinyScenario } from './fixtures.js';

type Json = Record<string, unknown>;

let tiny: ReplayHandle;

beforeAll(async () => {
  tiny = await startReplayServer({ scenario: tinyScenario() });
});

afterAll(async () => {
  await tiny.close();
});

async function gql(
  h: ReplayHandle,
  query: string,
  variables: Json = {},
  token = 'bearer t',
): Promise<{ status: number; headers: Headers; body: { data?: Json | null; errors?: Json[] } }> {
  const res = await fetch(h.githubGraphqlUrl, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

const HISTORY = `query($cursor: String, $since: GitTimestamp, $first: Int = 100) {
  repository(owner: "acme", name: "shop") {
    defaultBranchRef { name target { ... on Commit {
      history(first: $first, after: $cursor, since: $since) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { oid committedDate authoredDate message parents(first: 2) { nodes { oid } }
          associatedPullRequests(first: 1) { nodes { number mergedAt baseRefName } } }
      } } } }
  }
}`;

type HistoryPage = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{
    oid: string;
    parents: { nodes: Array<{ oid: string }> };
    associatedPullRequests: { nodes: Array<{ number: number }> };
  }>;
};

function repoOf(data: Json | null | undefined): Json {
  const repo = data?.repository;
  if (typeof repo !== 'object' || repo === null) throw new Error('no repository in the answer');
  return repo as Json;
}

const historyOf = (data: Json | null | undefined) =>
  (repoOf(data).defaultBranchRef as { target: { history: HistoryPage } }).target.history;

describe('queries are validated against the GitHub schema', () => {
  it("the collectors' queries are valid GitHub GraphQL", () => {
    const schema = githubSchema();
    const queries = [
      BRANCH_HISTORY,
      MERGED_PULL_REQUESTS,
      FIRST_PAGES,
      commitPullRequestsQuery([sha('c'), sha('d')]),
      HISTORY,
    ];
    for (const q of queries) expect(validate(schema, parse(q))).toEqual([]);
  });

  it('an invalid query answers 200 with errors shaped like GitHub', async () => {
    const r = await gql(tiny, '{ repository(owner: "acme", name: "shop") { nope } }');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      errors: [
        {
          message: "Field 'nope' doesn't exist on type 'Repository'",
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'nope' },
          locations: [{ line: 1, column: 45 }],
          path: ['query'],
        },
      ],
    });
    const syntax = await gql(tiny, '{ repository(');
    expect(syntax.status).toBe(200);
    expect(syntax.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it('pagination limits: first above 100 and a missing first are refused', async () => {
    const tooMany = await gql(tiny, HISTORY, { first: 101 });
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({
        type: 'EXCESSIVE_PAGINATION',
        message:
          'Requesting 101 records on the `history` connection exceeds the `first` limit of 100 records.',
      }),
    ]);
    const missing = await gql(
      tiny,
      '{ repository(owner: "acme", name: "shop") { pullRequests { totalCount } } }',
    );
    expect(missing.body.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      path: ['query', 'repository', 'pullRequests'],
    });
  });
});

describe('history', () => {
  it('returns every ancestor in git-log order, side commits of merges included', async () => {
    const r = await gql(tiny, HISTORY);
    expect(r.body.errors).toBeUndefined();
    const h = historyOf(r.body.data);
    expect(h.totalCount).toBe(6);
    expect(h.nodes.map((n) => n.oid)).toEqual([
      sha('f'),
      sha('1'),
      sha('e'),
      sha('d'),
      sha('c'),
      sha('a'),
    ]);
    expect(h.nodes[1]?.parents.nodes.map((p) => p.oid)).toEqual([sha('c'), sha('e')]);
    expect(h.nodes.map((n) => n.associatedPullRequests.nodes.map((p) => p.number))).toEqual([
      [],
      [3],
      [3],
      [3],
      [2],
      [],
    ]);
    expect(h.pageInfo.hasNextPage).toBe(false);
  });

  it('since filters on the committer date; cursors are opaque base64 and walk every commit once', async () => {
    const since = historyOf(
      (await gql(tiny, HISTORY, { since: '2026-11-04T00:00:00Z' })).body.data,
    );
    expect(since.totalCount).toBe(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: HistoryPage = historyOf(
        (await gql(tiny, HISTORY, { first: 4, cursor })).body.data,
      );
      pages += 1;
      seen.push(...page.nodes.map((n) => n.oid));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
      expect(cursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    expect(pages).toBe(2);
    expect(seen).toEqual([sha('f'), sha('1'), sha('e'), sha('d'), sha('c'), sha('a')]);
    const bad = await gql(tiny, HISTORY, { cursor: 'not-a-cursor' });
    expect(bad.body.errors?.[0]).toMatchObject({ type: 'INVALID_CURSOR_ARGUMENTS' });
  });

  it("on the sample, walking main's history reaches exactly main's ancestors", async () => {
    const { scenario } = generateScenario({ preset: 'sample', seed: 1 });
    const repo = scenario.github.repos[0];
    if (repo === undefined) throw new Error('no repo');
    const parents = new Map(repo.commits.map((c) => [c.sha, c.parents]));
    const mainHead = repo.commits.filter((c) => c.branch === 'main').at(-1)?.sha as string;
    const expected = new Set<string>();
    const stack = [mainHead];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (expected.has(s)) continue;
      expected.add(s);
      stack.push(...(parents.get(s) ?? []));
    }
    const h = await startReplayServer({ scenario });
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: HistoryPage = historyOf((await gql(h, HISTORY, { cursor })).body.data);
        seen.push(...page.nodes.map((n) => n.oid));
        if (!page.pageInfo.hasNextPage) break;
        cursor = page.pageInfo.endCursor;
      }
      expect(seen.length).toBe(expected.size);
      expect(new Set(seen)).toEqual(expected);
      expect(h.stats().byRoute['POST /graphql']).toBe(Math.ceil(expected.size / 100));
    } finally {
      await h.close();
    }
  });
});

describe('pull requests and objects', () => {
  it('serves the fields the collectors read', async () => {
    const r = await gql(tiny, MERGED_PULL_REQUESTS, { owner: 'acme', name: 'shop', base: 'main' });
    expect(r.body.errors).toBeUndefined();
    const prs = (repoOf(r.body.data).pullRequests as { nodes: Json[] }).nodes;
    expect(prs).toEqual([
      {
        number: 3,
        title: 'Add d',
        body: 'Two commits, authored out of order.',
        createdAt: '2026-11-04T13:00:00Z',
        mergedAt: '2026-11-05T00:00:00Z',
        updatedAt: '2026-11-05T00:00:00Z',
        headRefName: 'feature/d',
        author: { __typename: 'User', login: 'carol' },
        mergeCommit: { oid: sha('1') },
        labels: { nodes: [{ name: 'feature' }, { name: 'hotfix' }] },
        reviews: { nodes: [] },
        commits: {
          totalCount: 2,
          nodes: [
            { commit: { oid: sha('d'), authoredDate: '2026-11-04T12:30:00Z' } },
            { commit: { oid: sha('e'), authoredDate: '2026-11-04T12:00:00Z' } },
          ],
        },
      },
      {
        number: 2,
        title: 'Add b',
        body: '',
        createdAt: '2026-11-02T01:00:00Z',
        mergedAt: '2026-11-03T00:00:00Z',
        updatedAt: '2026-11-03T00:00:00Z',
        headRefName: 'feature/b',
        author: { __typename: 'User', login: 'bob' },
        mergeCommit: { oid: sha('c') },
        labels: { nodes: [{ name: 'feature' }] },
        reviews: {
          nodes: [
            { submittedAt: '2026-11-02T05:00:00Z', author: { __typename: 'User', login: 'dave' } },
          ],
        },
        commits: {
          totalCount: 1,
          nodes: [{ commit: { oid: sha('b'), authoredDate: '2026-11-02T00:00:00Z' } }],
        },
      },
    ]);
  });

  it('pullRequest, ref, object(expression) and not-found errors', async () => {
    const q = `{ repository(owner: "acme", name: "shop") {
      open: pullRequest(number: 4) { state mergedAt mergeCommit { oid } baseRefName }
      ref(qualifiedName: "refs/heads/feature/open") { name target { oid } }
      object(expression: "${sha('c').slice(0, 7)}") { ... on Commit { oid associatedPullRequests(first: 5) { nodes { number } } } }
      missing: pullRequest(number: 77) { number }
    } }`;
    const r = await gql(tiny, q);
    expect(r.body.data).toEqual({
      repository: {
        open: { state: 'OPEN', mergedAt: null, mergeCommit: null, baseRefName: 'main' },
        ref: { name: 'feature/open', target: { oid: sha('0') } },
        object: { oid: sha('c'), associatedPullRequests: { nodes: [{ number: 2 }] } },
        missing: null,
      },
    });
    expect(r.body.errors).toEqual([
      {
        type: 'NOT_FOUND',
        message: 'Could not resolve to a PullRequest with the number of 77.',
        path: ['repository', 'missing'],
        locations: [{ line: 5, column: 7 }],
      },
    ]);
    const none = await gql(tiny, '{ repository(owner: "acme", name: "nope") { name } }');
    expect(none.body.data).toEqual({ repository: null });
    expect(none.body.errors?.[0]).toMatchObject({ type: 'NOT_FOUND' });
  });

  it('non-null fields nobody modelled still resolve', async () => {
    const r = await gql(
      tiny,
      `{ repository(owner: "acme", name: "shop") { defaultBranchRef { target { ... on Commit {
        additions deletions tarballUrl history(first: 1) { nodes { signature { isValid } } } } } } } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const target = (repoOf(r.body.data).defaultBranchRef as { target: Json }).target;
    expect(target).toMatchObject({ additions: 0, deletions: 0, tarballUrl: 'https://github.com/' });
  });

  it('issues are served with GraphQL filters', async () => {
    const r = await gql(
      tiny,
      `{ repository(owner: "acme", name: "shop") {
        issues(first: 10, labels: ["incident"], orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount nodes { number state closedAt labels(first: 5) { nodes { name } } } } } }`,
    );
    expect(repoOf(r.body.data).issues).toEqual({
      totalCount: 2,
      nodes: [
        { number: 42, state: 'OPEN', closedAt: null, labels: { nodes: [{ name: 'incident' }] } },
        {
          number: 40,
          state: 'CLOSED',
          closedAt: '2026-11-05T04:00:00Z',
          labels: { nodes: [{ name: 'incident' }, { name: 'sev1' }] },
        },
      ],
    });
  });
});

describe('cost and the GraphQL budget', () => {
  it('prices each collector query as its declared shape says; the combined first pages cost the two apart', () => {
    const schema = githubSchema();
    const vars = { owner: 'acme', name: 'shop', base: 'main', ref: 'refs/heads/main' };
    const replayCost = (q: string) => queryCost(schema, parse(q), undefined, vars).cost;
    expect(replayCost(MERGED_PULL_REQUESTS)).toBe(shapeCost(MERGED_PULL_REQUESTS_SHAPE));
    expect(replayCost(BRANCH_HISTORY)).toBe(shapeCost(HISTORY_SHAPE));
    expect(replayCost(FIRST_PAGES)).toBe(shapeCost(FIRST_PAGES_SHAPE));
    expect(replayCost(FIRST_PAGES)).toBe(
      replayCost(MERGED_PULL_REQUESTS) + replayCost(BRANCH_HISTORY),
    );
  });

  it("charges GitHub's cost (connection requests / 100) and reports it", async () => {
    const h = await startReplayServer({ scenario: tinyScenario(), graphqlBudget: 5000 });
    try {
      const q = BRANCH_HISTORY.replace('pageInfo {', 'totalCount pageInfo {').replace(
        'query BranchHistory($owner: String!, $name: String!, $ref: String!, $cursor: String) {',
        'query BranchHistory($owner: String!, $name: String!, $ref: String!, $cursor: String) {\n  rateLimit { cost nodeCount remaining used limit resetAt }',
      );
      const r = await gql(h, q, { owner: 'acme', name: 'shop', ref: 'refs/heads/main' });
      expect(r.body.errors).toBeUndefined();
      // history 1 request + parents 100 + associatedPullRequests 100 = 201 -> 2 points;
      // nodes 100 + 100*3 + 100*5.
      expect(r.body.data?.rateLimit).toMatchObject({
        cost: 2,
        nodeCount: 900,
        remaining: 4998,
        used: 2,
        limit: 5000,
      });
      expect(r.headers.get('x-ratelimit-resource')).toBe('graphql');
      expect(r.headers.get('x-ratelimit-remaining')).toBe('4998');
      const simple = await gql(h, '{ rateLimit { cost remaining } }');
      expect(simple.body.data?.rateLimit).toEqual({ cost: 1, remaining: 4997 });
    } finally {
      await h.close();
    }
  });

  it('answers RATE_LIMITED like GitHub once the points are spent', async () => {
    const h = await startReplayServer({ scenario: tinyScenario(), graphqlBudget: 3 });
    try {
      const first = await gql(h, HISTORY);
      expect(first.body.errors).toBeUndefined();
      const second = await gql(h, HISTORY);
      expect(second.status).toBe(200);
      expect(second.body).toEqual({
        errors: [
          {
            type: 'RATE_LIMITED',
            code: 'graphql_rate_limit',
            message: 'API rate limit already exceeded for user ID 1.',
          },
        ],
      });
      const otherToken = await gql(h, HISTORY, {}, 'bearer other');
      expect(otherToken.body.errors).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
