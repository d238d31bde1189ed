import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { generateScenario } from '../scenarios/generate.js';
import { sha, tinyScenario } from './fixtures.js';
import { assertMatches } from './openapi.js';

type Json = Record<string, unknown>;

let tiny: ReplayHandle;
let sample: ReplayHandle;

beforeAll(async () => {
  tiny = await startReplayServer({ scenario: tinyScenario() });
  sample = await startReplayServer({
    scenario: generateScenario({ preset: 'sample', seed: 1 }).scenario,
  });
});

afterAll(async () => {
  await tiny.close();
  await sample.close();
});

const auth = { authorization: 'token test-token' };

async function get(
  h: ReplayHandle,
  path: string,
  headers: Record<string, string> = auth,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(`${h.githubApiUrl}${path}`, { headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Follows `rel="next"` links from `path`, returning every page's items. */
async function walk(h: ReplayHandle, path: string, pick: (b: unknown) => Json[]): Promise<Json[]> {
  const out: Json[] = [];
  let url: string | undefined = `${h.githubApiUrl}${path}`;
  while (url !== undefined) {
    const res: Response = await fetch(url, { headers: auth });
    out.push(...pick(await res.json()));
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '');
    url = next?.[1];
  }
  return out;
}

const runsOf = (b: unknown) => (b as { workflow_runs: Json[] }).workflow_runs;
const ids = (items: Json[], key = 'id') => items.map((x) => x[key]);

describe('REST shapes match GitHub OpenAPI description', () => {
  const cases: Array<[string, string]> = [
    ['/repos/{owner}/{repo}', '/repos/acme/shop'],
    ['/repos/{owner}/{repo}/deployments', '/repos/acme/shop/deployments?per_page=100'],
    ['/repos/{owner}/{repo}/actions/workflows', '/repos/acme/shop/actions/workflows'],
    ['/repos/{owner}/{repo}/actions/runs', '/repos/acme/shop/actions/runs?per_page=100'],
    ['/repos/{owner}/{repo}/releases', '/repos/acme/shop/releases?per_page=100'],
    ['/repos/{owner}/{repo}/pulls', '/repos/acme/shop/pulls?state=all&per_page=100'],
    ['/repos/{owner}/{repo}/issues', '/repos/acme/shop/issues?state=all&per_page=100'],
    ['/repos/{owner}/{repo}/commits', '/repos/acme/shop/commits?per_page=100'],
    ['/rate_limit', '/rate_limit'],
  ];
  it.each(cases)('%s', async (template, path) => {
    for (const h of [tiny, sample]) {
      const r = await get(h, path);
      expect(r.status).toBe(200);
      assertMatches(template, r.body);
    }
  });

  it('single objects, nested lists and compare', async () => {
    const runs = runsOf((await get(sample, '/repos/acme/shop/actions/runs?per_page=5')).body);
    const run = runs[0] as Json;
    assertMatches(
      '/repos/{owner}/{repo}/actions/runs/{run_id}',
      (await get(sample, `/repos/acme/shop/actions/runs/${run.id}`)).body,
    );
    assertMatches(
      '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      (await get(sample, `/repos/acme/shop/actions/runs/${run.id}/jobs`)).body,
    );
    assertMatches(
      '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      (await get(sample, '/repos/acme/shop/actions/workflows/deploy.yml/runs?per_page=100')).body,
    );
    const deployments = (await get(sample, '/repos/acme/shop/deployments')).body as Json[];
    assertMatches(
      '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      (await get(sample, `/repos/acme/shop/deployments/${deployments[3]?.id}/statuses`)).body,
    );
    const pulls = (await get(sample, '/repos/acme/shop/pulls?state=closed')).body as Json[];
    assertMatches(
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      (await get(sample, `/repos/acme/shop/pulls/${pulls[0]?.number}`)).body,
    );
    assertMatches(
      '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      (await get(tiny, `/repos/acme/shop/commits/${sha('c')}/pulls`)).body,
    );
    assertMatches(
      '/repos/{owner}/{repo}/compare/{basehead}',
      (await get(sample, '/repos/acme/shop/compare/v1.1.0...main')).body,
    );
    assertMatches(
      '/repos/{owner}/{repo}/compare/{basehead}',
      (await get(tiny, `/repos/acme/shop/compare/${sha('b')}...main`)).body,
    );
    const more: Array<[string, string]> = [
      ['/repos/{owner}/{repo}/pulls/{pull_number}/commits', '/repos/acme/shop/pulls/3/commits'],
      ['/repos/{owner}/{repo}/issues/{issue_number}', '/repos/acme/shop/issues/40'],
      ['/repos/{owner}/{repo}/issues/{issue_number}', '/repos/acme/shop/issues/3'],
      [
        '/repos/{owner}/{repo}/actions/workflows/{workflow_id}',
        '/repos/acme/shop/actions/workflows/1001',
      ],
      ['/repos/{owner}/{repo}/deployments/{deployment_id}', '/repos/acme/shop/deployments/7001'],
      ['/repos/{owner}/{repo}/commits/{ref}', `/repos/acme/shop/commits/${sha('1')}`],
    ];
    for (const [template, path] of more) {
      const r = await get(tiny, path);
      expect(r.status, path).toBe(200);
      assertMatches(template, r.body);
    }
  });
});

describe('pagination', () => {
  it('Link headers walk every run once, newest first', async () => {
    const first = await get(tiny, '/repos/acme/shop/actions/runs?per_page=100');
    const base = `${tiny.githubApiUrl}/repos/acme/shop/actions/runs?per_page=100`;
    expect(first.headers.get('link')).toBe(
      `<${base}&page=2>; rel="next", <${base}&page=25>; rel="last"`,
    );
    const all = await walk(tiny, '/repos/acme/shop/actions/runs?per_page=100', runsOf);
    expect(all).toHaveLength(2500);
    expect(ids(all)).toEqual(Array.from({ length: 2500 }, (_, i) => 2500 - i));
  });

  it('middle pages link prev, next, last and first; beyond the end is empty', async () => {
    const r = await get(tiny, '/repos/acme/shop/actions/runs?per_page=1000&page=3');
    const base = `${tiny.githubApiUrl}/repos/acme/shop/actions/runs?per_page=1000`;
    expect(runsOf(r.body)).toHaveLength(100);
    expect(r.headers.get('link')).toBe(
      `<${base}&page=2>; rel="prev", <${base}&page=4>; rel="next", <${base}&page=25>; rel="last", <${base}&page=1>; rel="first"`,
    );
    const past = await get(tiny, '/repos/acme/shop/actions/runs?per_page=100&page=26');
    expect(runsOf(past.body)).toEqual([]);
    expect((past.body as Json).total_count).toBe(2500);
  });

  it('names the permission each route needs, like GitHub', async () => {
    const permission = async (path: string) =>
      (await get(tiny, path)).headers.get('x-accepted-github-permissions');
    expect(await permission('/repos/acme/shop/actions/runs')).toBe('actions=read');
    expect(await permission('/repos/acme/shop/deployments')).toBe('deployments=read');
    expect(await permission('/repos/acme/shop/pulls')).toBe('pull_requests=read');
    expect(await permission('/repos/acme/shop/issues')).toBe('issues=read');
    expect(await permission('/repos/acme/shop/releases')).toBe('contents=read');
    expect(await permission('/repos/acme/shop')).toBe('metadata=read');
  });

  it('per_page defaults to 30', async () => {
    expect(runsOf((await get(tiny, '/repos/acme/shop/actions/runs')).body)).toHaveLength(30);
  });

  it('a filtered listing stops at 1,000 results while total_count is true', async () => {
    const all = await walk(tiny, '/repos/acme/shop/actions/runs?branch=main&per_page=100', runsOf);
    expect(all).toHaveLength(1000);
    expect(ids(all)).toEqual(Array.from({ length: 1000 }, (_, i) => 2500 - i));
    const first = await get(tiny, '/repos/acme/shop/actions/runs?branch=main&per_page=1');
    expect((first.body as Json).total_count).toBe(2500);
    expect(first.headers.get('link')).toContain('page=1000>; rel="last"');
    const past = await get(tiny, '/repos/acme/shop/actions/runs?branch=main&per_page=100&page=11');
    expect(past).toMatchObject({
      status: 422,
      body: { message: 'Only the first 1000 results are available.', status: '422' },
    });
  });

  it('--latency-ms delays every answer', async () => {
    const slow = await startReplayServer({ scenario: tinyScenario(), latencyMs: 150 });
    try {
      const started = performance.now();
      await get(slow, '/repos/acme/shop');
      await get(slow, '/repos/acme/shop');
      expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    } finally {
      await slow.close();
    }
  });

  it('created ranges use GitHub search syntax', async () => {
    const total = async (q: string) =>
      ((await get(tiny, `/repos/acme/shop/actions/runs?per_page=1&${q}`)).body as Json).total_count;
    expect(await total('created=2026-08-01T00:00:00Z..2026-08-02T00:00:00Z')).toBe(25);
    expect(await total('created=>=2026-11-01')).toBe(292);
    expect(await total('created=<2026-08-02')).toBe(24);
    expect(await total('created=2026-08-01')).toBe(24);
    expect(await total('created=>2026-11-12T00:00:00Z')).toBe(27);
    expect(await total('status=failure')).toBe(500);
    expect(await total('event=workflow_dispatch')).toBe(250);
    const bad = await get(tiny, '/repos/acme/shop/actions/runs?created=yesterday');
    expect(bad.status).toBe(422);
  });

  it('workflow runs by file name or id; unknown workflow is 404', async () => {
    const byFile = await get(tiny, '/repos/acme/shop/actions/workflows/deploy.yml/runs?per_page=1');
    expect((byFile.body as Json).total_count).toBe(2500);
    const byId = await get(tiny, '/repos/acme/shop/actions/workflows/1002/runs');
    expect(byId.body).toEqual({ total_count: 0, workflow_runs: [] });
    const missing = await get(tiny, '/repos/acme/shop/actions/workflows/nope.yml/runs');
    expect(missing.status).toBe(404);
  });
});

describe('ETags and the rate limit', () => {
  it('If-None-Match answers 304 with no body and costs nothing', async () => {
    const h = await startReplayServer({ scenario: tinyScenario() });
    try {
      const first = await get(h, '/repos/acme/shop/deployments');
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
      const again = await get(h, '/repos/acme/shop/deployments', {
        ...auth,
        'if-none-match': etag,
      });
      expect(again.status).toBe(304);
      expect(again.body).toBeUndefined();
      expect(again.headers.get('x-ratelimit-remaining')).toBe('4999');
      expect(h.stats()).toEqual({
        requests: 2,
        notModified: 1,
        byRoute: { 'GET /repos/{owner}/{repo}/deployments': 2 },
      });
      expect(await (await fetch(h.statsUrl)).json()).toEqual(h.stats());
      expect((await fetch(`${h.statsUrl}/reset`, { method: 'POST' })).status).toBe(204);
      expect(h.stats()).toEqual({ requests: 0, notModified: 0, byRoute: {} });
    } finally {
      await h.close();
    }
  });

  it('ETags survive a restart on another port', async () => {
    const again = await startReplayServer({ scenario: tinyScenario() });
    try {
      const a = await get(tiny, '/repos/acme/shop/actions/runs?per_page=5');
      const b = await get(again, '/repos/acme/shop/actions/runs?per_page=5');
      expect(tiny.githubApiUrl).not.toBe(again.githubApiUrl);
      expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    } finally {
      await again.close();
    }
  });

  it('x-ratelimit headers count down; a spent budget answers 403; /rate_limit is free', async () => {
    const h = await startReplayServer({ scenario: tinyScenario(), restBudget: 3 });
    try {
      const r1 = await get(h, '/repos/acme/shop');
      expect(r1.headers.get('x-ratelimit-limit')).toBe('3');
      expect(r1.headers.get('x-ratelimit-remaining')).toBe('2');
      expect(r1.headers.get('x-ratelimit-used')).toBe('1');
      expect(r1.headers.get('x-ratelimit-resource')).toBe('core');
      const reset = Number(r1.headers.get('x-ratelimit-reset'));
      expect(reset - Date.now() / 1000).toBeGreaterThan(3590);
      await get(h, '/repos/acme/shop');
      await get(h, '/repos/acme/shop');
      const spent = await get(h, '/repos/acme/shop');
      expect(spent.status).toBe(403);
      expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
      expect((spent.body as Json).message).toMatch(/^API rate limit exceeded/);
      const other = await get(h, '/repos/acme/shop', { authorization: 'token other' });
      expect(other.status).toBe(200);
      const rate = await get(h, '/rate_limit');
      expect(rate.status).toBe(200);
      expect((rate.body as { rate: Json }).rate).toMatchObject({ limit: 3, remaining: 0, used: 3 });
    } finally {
      await h.close();
    }
  });

  it('unknown routes and repositories answer GitHub error bodies', async () => {
    const body = {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    };
    expect(await get(tiny, '/repos/acme/shop/nothing-here')).toMatchObject({ status: 404, body });
    expect(await get(tiny, '/repos/acme/other')).toMatchObject({ status: 404, body });
    expect(await get(tiny, '/repos/acme/shop/pulls/77')).toMatchObject({ status: 404, body });
  });
});

describe('filters and orders', () => {
  it('deployments newest first, filtered by environment; statuses newest first', async () => {
    const prod = (await get(tiny, '/repos/acme/shop/deployments?environment=production')).body;
    expect(ids(prod as Json[])).toEqual([7002, 7001]);
    expect(ids((await get(tiny, '/repos/acme/shop/deployments')).body as Json[])).toEqual([
      7002, 7003, 7001,
    ]);
    const bySha = (await get(tiny, `/repos/acme/shop/deployments?sha=${sha('c')}`)).body;
    expect(ids(bySha as Json[])).toEqual([7001]);
    const statuses = (await get(tiny, '/repos/acme/shop/deployments/7001/statuses')).body as Json[];
    expect(statuses.map((s) => [s.id, s.state])).toEqual([
      [5, 'inactive'],
      [2, 'success'],
      [1, 'in_progress'],
    ]);
  });

  it('pulls: open by default, created desc, updated asc; nothing after now', async () => {
    const numbers = async (q: string) =>
      ((await get(tiny, `/repos/acme/shop/pulls${q}`)).body as Json[]).map((p) => p.number);
    expect(await numbers('')).toEqual([4]);
    expect(await numbers('?state=all')).toEqual([4, 3, 2]);
    expect(await numbers('?state=closed&sort=updated')).toEqual([2, 3]);
    expect(await numbers('?state=all&sort=updated&direction=desc')).toEqual([4, 3, 2]);
    expect(await numbers('?state=all&head=acme:feature/d')).toEqual([3]);
    const pr = (await get(tiny, '/repos/acme/shop/pulls/3')).body as Json;
    expect(pr).toMatchObject({
      merged: true,
      merge_commit_sha: sha('1'),
      commits: 2,
      state: 'closed',
    });
  });

  it('issues include pull requests; labels must all match; since = updated since', async () => {
    const numbers = async (q: string) =>
      ((await get(tiny, `/repos/acme/shop/issues${q}`)).body as Json[]).map((p) => p.number);
    expect(await numbers('?state=all')).toEqual([42, 4, 41, 40, 3, 2]);
    expect(await numbers('?state=all&labels=incident')).toEqual([42, 40]);
    expect(await numbers('?state=all&labels=incident,sev1')).toEqual([40]);
    expect(await numbers('?labels=incident')).toEqual([42]);
    expect(await numbers('?state=all&since=2026-11-06T00:00:00Z')).toEqual([42, 4, 41]);
    const all = (await get(tiny, '/repos/acme/shop/issues?state=all')).body as Json[];
    expect(all.filter((i) => 'pull_request' in i).map((i) => i.number)).toEqual([4, 3, 2]);
  });

  it('compare lists the commits oldest first with counts like GitHub', async () => {
    const ahead = (await get(tiny, `/repos/acme/shop/compare/${sha('a')}...main`)).body as Json;
    expect(ahead).toMatchObject({ status: 'ahead', ahead_by: 5, behind_by: 0, total_commits: 5 });
    expect(ids(ahead.commits as Json[], 'sha')).toEqual([
      sha('c'),
      sha('d'),
      sha('e'),
      sha('1'),
      sha('f'),
    ]);
    const diverged = (await get(tiny, `/repos/acme/shop/compare/${sha('b')}...main`)).body as Json;
    expect(diverged).toMatchObject({ status: 'diverged', ahead_by: 5, behind_by: 1 });
    expect((diverged.merge_base_commit as Json).sha).toBe(sha('a'));
    const open = (await get(tiny, '/repos/acme/shop/compare/main...feature/open')).body as Json;
    expect(ids(open.commits as Json[], 'sha')).toEqual([sha('0')]);
    const same = (await get(tiny, '/repos/acme/shop/compare/main...main')).body as Json;
    expect(same).toMatchObject({ status: 'identical', ahead_by: 0, commits: [] });
  });

  it('compare pages its commits: 250 at most without paging parameters', async () => {
    const { scenario } = generateScenario({ preset: 'sample', seed: 1 });
    const first = scenario.github.repos[0]?.commits[0]?.sha as string;
    const whole = (await get(sample, `/repos/acme/shop/compare/${first}...main`)).body as Json;
    expect((whole.commits as Json[]).length).toBe(250);
    const paged = await walk(
      sample,
      `/repos/acme/shop/compare/${first}...main?per_page=100`,
      (b) => (b as { commits: Json[] }).commits,
    );
    expect(paged.length).toBe(whole.total_commits);
    expect(new Set(ids(paged, 'sha')).size).toBe(paged.length);
  });

  it('commits in git-log order, since/until on the committer date; PRs of a commit', async () => {
    const list = async (q: string) =>
      ids((await get(tiny, `/repos/acme/shop/commits${q}`)).body as Json[], 'sha');
    expect(await list('')).toEqual([sha('f'), sha('1'), sha('e'), sha('d'), sha('c'), sha('a')]);
    expect(await list('?since=2026-11-04T00:00:00Z')).toEqual([
      sha('f'),
      sha('1'),
      sha('e'),
      sha('d'),
    ]);
    expect(await list('?until=2026-11-03T00:00:00Z')).toEqual([sha('c'), sha('a')]);
    expect(await list('?sha=feature/b')).toEqual([sha('b'), sha('a')]);
    const pulls = async (s: string) =>
      ((await get(tiny, `/repos/acme/shop/commits/${s}/pulls`)).body as Json[]).map(
        (p) => p.number,
      );
    expect(await pulls(sha('c'))).toEqual([2]);
    expect(await pulls(sha('b'))).toEqual([2]);
    expect(await pulls(sha('d'))).toEqual([3]);
    expect(await pulls(sha('1'))).toEqual([3]);
    expect(await pulls(sha('f'))).toEqual([]);
  });

  it('releases newest first; runs carry run_attempt; jobs carry their environment fields', async () => {
    const releases = (await get(tiny, '/repos/acme/shop/releases')).body as Json[];
    expect(releases.map((r) => [r.id, r.tag_name, r.target_commitish])).toEqual([
      [9002, 'v1.1.0', sha('1')],
      [9001, 'v1.0.0', sha('c')],
    ]);
    const run = (await get(tiny, '/repos/acme/shop/actions/runs/6')).body as Json;
    expect(run).toMatchObject({ id: 6, run_attempt: 1, conclusion: 'failure', event: 'push' });
    const jobs = (await get(tiny, '/repos/acme/shop/actions/runs/6/jobs')).body as Json;
    expect(jobs).toMatchObject({
      total_count: 1,
      jobs: [{ id: 100_005, name: 'deploy-prod', conclusion: 'failure', status: 'completed' }],
    });
  });
});
