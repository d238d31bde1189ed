import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CollectorError, PermissionError, RateLimitedError } from '../errors.js';
import {
  createGitHubClient,
  describePermissions,
  type GitHubClientOptions,
  waitSeconds,
} from './client.js';

const TOKEN = 'ghs_secretTokenValue123';
const NOW = Date.parse('2026-11-20T12:00:00Z');

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch answering from a script of replies, the last one repeated, recording what it was sent. */
function scriptedFetch(replies: Reply[]) {
  const sent: Sent[] = [];
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    sent.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, headers });
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)] as Reply;
    const body =
      reply.status === 304 || reply.body === undefined ? null : JSON.stringify(reply.body);
    return new Response(body, {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };
  return { fetch: fetchFn as typeof fetch, sent };
}

function client(replies: Reply[], extra: Partial<GitHubClientOptions> = {}) {
  const scripted = scriptedFetch(replies);
  const logs: string[] = [];
  const github = createGitHubClient({
    token: TOKEN,
    apiUrl: 'http://api.test',
    graphqlUrl: 'http://api.test/graphql',
    fetch: scripted.fetch,
    log: (m) => logs.push(m),
    retryAfterBaseMs: 1,
    ...extra,
  });
  return { github, sent: scripted.sent, logs };
}

const ok: Reply = {
  status: 200,
  body: { full_name: 'acme/shop' },
  headers: { 'x-ratelimit-remaining': '900' },
};

describe('createGitHubClient', () => {
  it('honours retry-after on a 429 and then succeeds', async () => {
    const { github, sent, logs } = client([
      { status: 429, body: { message: 'Too many' }, headers: { 'retry-after': '7' } },
      ok,
    ]);
    const res = await github.octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'shop',
    });
    expect(res.data).toEqual({ full_name: 'acme/shop' });
    expect(sent.map((s) => s.path)).toEqual(['/repos/acme/shop', '/repos/acme/shop']);
    expect(logs).toEqual(['GitHub rate limit on GET /repos/acme/shop: waiting 7 s']);
  });

  it('honours retry-after on a secondary rate limit 403 (the throttling plugin path)', async () => {
    const { github, sent, logs } = client([
      {
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit' },
        headers: { 'retry-after': '3' },
      },
      ok,
    ]);
    await github.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' });
    expect(sent).toHaveLength(2);
    expect(logs).toEqual(['GitHub secondary rate limit on GET /repos/acme/shop: waiting 3 s']);
  });

  it('computes the wait: retry-after first, else until x-ratelimit-reset + 1 s, else a minute', () => {
    expect(
      waitSeconds({ 'retry-after': '12', 'x-ratelimit-reset': String(NOW / 1000 + 300) }, NOW),
    ).toBe(12);
    expect(waitSeconds({ 'x-ratelimit-reset': String(NOW / 1000 + 20) }, NOW)).toBe(21);
    expect(waitSeconds({ 'x-ratelimit-reset': String(NOW / 1000 + 20) }, NOW + 500)).toBe(21);
    expect(waitSeconds({ 'x-ratelimit-reset': String(NOW / 1000 - 5) }, NOW)).toBe(0);
    expect(waitSeconds({}, NOW)).toBe(60);
  });

  it('retries a primary limit (remaining 0) once the reset time has passed', async () => {
    const reset = String(Math.floor(Date.now() / 1000) - 5);
    const { github, sent, logs } = client([
      {
        status: 403,
        body: { message: 'API rate limit exceeded' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      },
      ok,
    ]);
    await github.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' });
    expect(sent).toHaveLength(2);
    expect(logs).toEqual(['GitHub primary rate limit on GET /repos/acme/shop: waiting 0 s']);
  });

  it('treats a GraphQL 200 with a RATE_LIMITED error as a rate limit and retries', async () => {
    const limited: Reply = {
      status: 200,
      body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 5),
        'x-ratelimit-resource': 'graphql',
      },
    };
    const answer: Reply = {
      status: 200,
      body: { data: { viewer: { login: 'bot' } } },
      headers: { 'x-ratelimit-remaining': '4990', 'x-ratelimit-resource': 'graphql' },
    };
    const { github, sent, logs } = client([limited, answer]);
    const data = await github.octokit.graphql<{ viewer: { login: string } }>(
      'query { viewer { login } }',
    );
    expect(data.viewer.login).toBe('bot');
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /graphql', 'POST /graphql']);
    expect(logs).toEqual(['GitHub primary rate limit on POST /graphql: waiting 0 s']);
    expect(github.usage().graphqlRemaining).toBe(0);
    expect(github.usage().githubRemaining).toBeNull();
  });

  it('sends GraphQL to graphqlUrl even when it is not apiUrl/graphql (GHES) and still sees RATE_LIMITED', async () => {
    const limited: Reply = {
      status: 200,
      body: { errors: [{ type: 'RATE_LIMITED', message: 'limit' }] },
      headers: { 'retry-after': '2' },
    };
    const { github, sent, logs } = client(
      [limited, { status: 200, body: { data: { ok: true } } }],
      {
        apiUrl: 'http://ghe.test/api/v3',
        graphqlUrl: 'http://ghe.test/api/graphql',
      },
    );
    const data = await github.octokit.graphql<{ ok: boolean }>('query { ok }');
    expect(data.ok).toBe(true);
    expect(sent.map((s) => s.path)).toEqual(['/api/graphql', '/api/graphql']);
    expect(logs).toEqual(['GitHub rate limit on POST /api/graphql: waiting 2 s']);
  });

  it.each([
    [
      401,
      CollectorError,
      'GitHub rejected the token (401) on GET /repos/acme/shop: check the `github-token` input',
    ],
    [
      404,
      CollectorError,
      'GitHub answered 404 on GET /repos/acme/shop: it does not exist or the token cannot see it',
    ],
    [422, CollectorError, 'GitHub request GET /repos/acme/shop failed (422): Validation Failed'],
  ])('does not retry a %i', async (status, type, message) => {
    const { github, sent } = client([
      { status, body: { message: status === 422 ? 'Validation Failed' : 'x' } },
      ok,
    ]);
    const error = await github.octokit
      .request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as CollectorError).message).toBe(message);
    expect((error as CollectorError).status).toBe(status);
    expect((error as CollectorError).source).toBe('github');
    expect(String(error)).not.toContain(TOKEN);
    // Nor anywhere in the error and its cause (Octokit redacts the Authorization header it keeps).
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
    expect(sent).toHaveLength(1);
  });

  it('turns a 403 without a rate limit into a PermissionError naming the permission, not retried', async () => {
    const { github, sent } = client([
      {
        status: 403,
        body: { message: 'Resource not accessible by integration' },
        headers: { 'x-accepted-github-permissions': 'actions=read' },
      },
      ok,
    ]);
    const error = await github.octokit
      .request('GET /repos/{owner}/{repo}/actions/runs', { owner: 'acme', repo: 'shop' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).message).toBe(
      'GitHub refused GET /repos/acme/shop/actions/runs (403): needs `actions: read`',
    );
    expect((error as PermissionError).permission).toBe('actions: read');
    expect(sent).toHaveLength(1);
  });

  it('describes permission headers', () => {
    expect(describePermissions('contents=read; pull_requests=read')).toBe(
      'contents: read, pull_requests: read',
    );
    expect(describePermissions('issues=read,pull_requests=read')).toBe('issues: read');
    expect(describePermissions('')).toBeUndefined();
  });

  it('throws RateLimitedError with the reset time once waiting would exceed maxWaitMs', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const { github, sent } = client(
      [
        {
          status: 403,
          body: { message: 'API rate limit exceeded' },
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        },
      ],
      { maxWaitMs: 60_000 },
    );
    const error = await github.octokit
      .request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const resetIso = new Date(reset * 1000).toISOString();
    expect((error as RateLimitedError).resetAt?.toISOString()).toBe(resetIso);
    expect((error as RateLimitedError).message).toBe(
      `GitHub rate limit reached on GET /repos/acme/shop; it resets at ${resetIso} (waited 0 s of the 60 s allowed)`,
    );
    expect(sent).toHaveLength(1);
  });

  it('spends the wait budget across requests: 2 waits of 10 s fit in 25 s, the third does not', async () => {
    const limited: Reply = {
      status: 429,
      body: { message: 'slow down' },
      headers: { 'retry-after': '10' },
    };
    const { github, sent } = client([limited, ok, limited, ok, limited, ok], { maxWaitMs: 25_000 });
    const get = () =>
      github.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' });
    await get();
    await get();
    const error = await get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).message).toContain('(waited 20 s of the 25 s allowed)');
    expect(sent).toHaveLength(5);
  });

  it('retries 5xx a bounded number of times', async () => {
    const { github, sent } = client([
      { status: 502, body: { message: 'Bad gateway' } },
      { status: 503, body: { message: 'busy' } },
      ok,
    ]);
    const res = await github.octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'shop',
    });
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(3);

    const failing = client([{ status: 500, body: { message: 'boom' } }], { retries: 2 });
    const error = await failing.github.octokit
      .request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as CollectorError).status).toBe(500);
    expect(failing.sent).toHaveLength(3);
  });

  it('retries network errors', async () => {
    let calls = 0;
    const flaky = (async () => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ id: 1 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const github = createGitHubClient({
      token: TOKEN,
      apiUrl: 'http://api.test',
      graphqlUrl: 'http://api.test/graphql',
      fetch: flaky,
      retryAfterBaseMs: 1,
    });
    const res = await github.octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'shop',
    });
    expect(res.data).toEqual({ id: 1 });
    expect(calls).toBe(2);
    expect(github.usage().github).toBe(2);
  });

  it('counts every request, 304s as notModified, and remembers the lowest remaining budget', async () => {
    const { github, sent } = client([
      {
        status: 200,
        body: [{ id: 1 }],
        headers: {
          etag: 'W/"abc"',
          'x-ratelimit-remaining': '950',
          'x-ratelimit-resource': 'core',
        },
      },
      {
        status: 304,
        headers: {
          etag: 'W/"abc"',
          'x-ratelimit-remaining': '950',
          'x-ratelimit-resource': 'core',
        },
      },
      {
        status: 200,
        body: [{ id: 2 }],
        headers: {
          etag: 'W/"def"',
          'x-ratelimit-remaining': '940',
          'x-ratelimit-resource': 'core',
        },
      },
    ]);
    const first = await github.conditionalGet<{ id: number }[]>(
      'GET /repos/{owner}/{repo}/releases',
      { owner: 'acme', repo: 'shop', per_page: 100 },
    );
    expect(first).toEqual({ status: 200, data: [{ id: 1 }], etag: 'W/"abc"', hasNext: false });
    const second = await github.conditionalGet(
      'GET /repos/{owner}/{repo}/releases',
      { owner: 'acme', repo: 'shop', per_page: 100 },
      'W/"abc"',
    );
    expect(second).toEqual({ status: 304, etag: 'W/"abc"' });
    expect(sent[1]?.headers['if-none-match']).toBe('W/"abc"');
    expect(sent[1]?.headers.authorization).toBe(`token ${TOKEN}`);
    const third = await github.conditionalGet(
      'GET /repos/{owner}/{repo}/releases',
      { owner: 'acme', repo: 'shop', per_page: 100 },
      'W/"abc"',
    );
    expect(third).toEqual({ status: 200, data: [{ id: 2 }], etag: 'W/"def"', hasNext: false });
    expect(github.usage()).toEqual({
      github: 3,
      notModified: 1,
      pagerduty: 0,
      githubRemaining: 940,
      graphqlRemaining: null,
    });
  });
});
