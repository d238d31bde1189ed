import { describe, expect, it } from 'vitest';
import { resolveFaultHeaders } from '../fakes/faults.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { ScenarioFault } from '../fakes/scenario.js';
import { tinyScenario } from './fixtures.js';

type Json = Record<string, unknown>;

async function withFaults(faults: ScenarioFault[], test: (h: ReplayHandle) => Promise<void>) {
  const h = await startReplayServer({ scenario: { ...tinyScenario(), faults } });
  try {
    await test(h);
  } finally {
    await h.close();
  }
}

const GH = { authorization: 'token t' };
const PD = { authorization: 'Token token=p' };
const REPO = '/repos/acme/shop';

async function status(url: string, headers: Record<string, string> = GH): Promise<number> {
  return (await fetch(url, { headers })).status;
}

const query = (h: ReplayHandle, q: string) =>
  fetch(h.githubGraphqlUrl, { method: 'POST', headers: GH, body: JSON.stringify({ query: q }) });

describe('faults', () => {
  it('primary rate limit: 403, remaining 0, reset relative to the real clock; then normal', async () => {
    await withFaults(
      [
        {
          method: 'GET',
          path: '^/repos/[^/]+/[^/]+/actions/runs',
          times: 2,
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+30' },
        },
      ],
      async (h) => {
        const before = Math.floor(Date.now() / 1000);
        const first = await fetch(`${h.githubApiUrl}${REPO}/actions/runs`, { headers: GH });
        expect(first.status).toBe(403);
        expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
        const reset = Number(first.headers.get('x-ratelimit-reset'));
        expect(reset).toBeGreaterThanOrEqual(before + 30);
        expect(reset).toBeLessThanOrEqual(before + 32);
        expect(await first.json()).toEqual({
          message: 'API rate limit exceeded',
          documentation_url: 'https://docs.github.com/rest',
          status: '403',
        });
        expect(await status(`${h.githubApiUrl}${REPO}/actions/runs`)).toBe(403);
        expect(await status(`${h.githubApiUrl}${REPO}/actions/runs`)).toBe(200);
        expect(await status(`${h.githubApiUrl}${REPO}`)).toBe(200);
        expect(h.stats()).toEqual({
          requests: 4,
          notModified: 0,
          byRoute: { 'GET /repos/{owner}/{repo}/actions/runs': 3, 'GET /repos/{owner}/{repo}': 1 },
        });
      },
    );
  });

  it('afterRequests lets matching requests through first; method narrows the match', async () => {
    await withFaults(
      [
        { path: '^/repos/acme/shop/pulls$', afterRequests: 1, times: 1, status: 502 },
        { method: 'POST', path: '^/repos/', status: 500 },
      ],
      async (h) => {
        const url = `${h.githubApiUrl}${REPO}/pulls`;
        expect([await status(url), await status(url), await status(url)]).toEqual([200, 502, 200]);
      },
    );
  });

  it('secondary limit with retry-after and a custom body; missing permission header', async () => {
    await withFaults(
      [
        {
          path: '/deployments$',
          times: 1,
          status: 429,
          headers: { 'retry-after': '7' },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            status: '429',
          },
        },
        {
          path: '/releases$',
          status: 403,
          headers: { 'x-accepted-github-permissions': 'contents=read' },
          body: { message: 'Resource not accessible by integration', status: '403' },
        },
      ],
      async (h) => {
        const limited = await fetch(`${h.githubApiUrl}${REPO}/deployments`, { headers: GH });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toBe('7');
        expect(((await limited.json()) as Json).message).toMatch(/secondary rate limit/);
        const denied = await fetch(`${h.githubApiUrl}${REPO}/releases`, { headers: GH });
        expect(denied.status).toBe(403);
        expect(denied.headers.get('x-accepted-github-permissions')).toBe('contents=read');
      },
    );
  });

  it('delayMs slows the answer down; reset destroys the socket; both are counted', async () => {
    await withFaults(
      [
        { path: '^/repos/acme/shop$', times: 1, delayMs: 300 },
        { path: '/issues$', times: 1, reset: true },
      ],
      async (h) => {
        const started = performance.now();
        expect(await status(`${h.githubApiUrl}${REPO}`)).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        await expect(fetch(`${h.githubApiUrl}${REPO}/issues`, { headers: GH })).rejects.toThrow();
        expect(await status(`${h.githubApiUrl}${REPO}/issues`)).toBe(200);
        expect(h.stats().requests).toBe(3);
        expect(h.stats().byRoute['GET /repos/{owner}/{repo}/issues']).toBe(2);
      },
    );
  });

  it('GraphQL: RATE_LIMITED errors, and partial data next to an error', async () => {
    await withFaults(
      [
        {
          path: '^/graphql$',
          times: 1,
          graphqlErrors: [
            { type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' },
          ],
        },
        {
          path: '^/graphql$',
          afterRequests: 1,
          times: 1,
          graphqlErrors: [
            { type: 'RESOURCE_LIMITS_EXCEEDED', message: 'Resource limits exceeded' },
          ],
          data: 'execute',
        },
      ],
      async (h) => {
        const q = '{ repository(owner: "acme", name: "shop") { nameWithOwner } }';
        const limited = await query(h, q);
        expect(limited.status).toBe(200);
        expect(limited.headers.get('x-ratelimit-resource')).toBe('graphql');
        expect(await limited.json()).toEqual({
          data: null,
          errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
        });
        expect(await (await query(h, q)).json()).toEqual({
          data: { repository: { nameWithOwner: 'acme/shop' } },
          errors: [{ type: 'RESOURCE_LIMITS_EXCEEDED', message: 'Resource limits exceeded' }],
        });
        expect(await (await query(h, q)).json()).toEqual({
          data: { repository: { nameWithOwner: 'acme/shop' } },
        });
      },
    );
  });

  it('PagerDuty: 429 with ratelimit-reset; the real answer without `more` and another limit', async () => {
    await withFaults(
      [
        { path: '^/incidents$', times: 1, status: 429, headers: { 'ratelimit-reset': '5' } },
        {
          path: '^/pagerduty/incidents$',
          afterRequests: 1,
          times: 1,
          omit: ['more'],
          patch: { limit: 25 },
        },
      ],
      async (h) => {
        const url = `${h.pagerdutyApiUrl}/incidents?limit=2`;
        const limited = await fetch(url, { headers: PD });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('ratelimit-reset')).toBe('5');
        expect(await limited.json()).toEqual({
          error: { message: 'Rate Limit Exceeded', code: 2020 },
        });
        const reshaped = (await (await fetch(url, { headers: PD })).json()) as Json;
        expect('more' in reshaped).toBe(false);
        expect(reshaped.limit).toBe(25);
        expect((reshaped.incidents as Json[]).length).toBe(2);
      },
    );
  });

  it('relative reset headers resolve against the given clock; others pass through', () => {
    expect(
      resolveFaultHeaders(
        { 'X-RateLimit-Reset': '+30', 'retry-after': '+7', 'x-ratelimit-remaining': '0' },
        1_700_000_000_500,
      ),
    ).toEqual({
      'x-ratelimit-reset': '1700000030',
      'retry-after': '+7',
      'x-ratelimit-remaining': '0',
    });
  });
});
