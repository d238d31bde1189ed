import { afterEach, describe, expect, it } from 'vitest';
import { CollectorError, RateLimitedError } from '../../packages/action/src/collectors/errors.js';
import { createPagerDutyClient } from '../../packages/action/src/collectors/pagerduty/client.js';
import {
  collectPagerDutyIncidents,
  INCIDENT_MARGIN_MS,
  type PagerDutyCollectOptions,
} from '../../packages/action/src/collectors/pagerduty/incidents.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario, ScenarioFault, ScenarioIncident } from '../fakes/scenario.js';

let server: ReplayHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = 'pd_SECRET_token_42';
const NOW = '2026-11-20T00:00:00Z';
const SINCE = new Date('2025-09-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function incident(
  n: number,
  createdMs: number,
  resolvedAfterMs: number | null,
  serviceId = 'PSHOP01',
): ScenarioIncident {
  return {
    id: `Q${n.toString(36).toUpperCase().padStart(6, '0')}`,
    incidentNumber: n,
    title: `incident ${n}`,
    serviceId,
    status: resolvedAfterMs === null ? 'triggered' : 'resolved',
    createdAt: iso(createdMs),
    ...(resolvedAfterMs === null ? {} : { resolvedAt: iso(createdMs + resolvedAfterMs) }),
  };
}

function world(incidents: ScenarioIncident[], faults: ScenarioFault[] = [], now = NOW): Scenario {
  return {
    now,
    github: { repos: [] },
    pagerduty: {
      services: [
        { id: 'PSHOP01', name: 'shop' },
        { id: 'POTHER1', name: 'other' },
      ],
      incidents,
    },
    faults,
  };
}

async function clientFor(scenario: Scenario, logs: string[] = []) {
  await server?.close();
  server = await startReplayServer({ scenario });
  return createPagerDutyClient({
    token: TOKEN,
    apiUrl: server.pagerdutyApiUrl,
    log: (l) => logs.push(l),
    retryAfterBaseMs: 1,
    pdjsRetryMs: 0,
  });
}

const base: PagerDutyCollectOptions = {
  services: ['PSHOP01'],
  serviceRepositories: { PSHOP01: ['acme/shop'] },
  repositories: ['acme/shop'],
  since: SINCE,
  until: new Date(NOW),
  lookbackMs: 3_600_000,
};

describe('PagerDuty incidents against the replay', () => {
  it('reads 14 months in 6-month spans and past the 10,000 offset cap: nothing lost or twice', async () => {
    const start = SINCE.getTime() - INCIDENT_MARGIN_MS;
    const spread = Array.from({ length: 400 }, (_, i) =>
      incident(i + 1, start + i * 1_100_000_00, 3_600_000),
    );
    // 10,500 incidents in 3 days: one listing could only read 10,000 of them.
    const burstStart = Date.parse('2026-03-10T00:00:00Z');
    const burst = Array.from({ length: 10_500 }, (_, i) =>
      incident(1000 + i, burstStart + i * 24_000, 600_000),
    );
    const other = [incident(50_000, Date.parse('2026-01-05T00:00:00Z'), 1000, 'POTHER1')];
    const all = [...spread, ...burst, ...other].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    const client = await clientFor(world(all));
    const result = await collectPagerDutyIncidents(client, base);
    const ids = result.incidents.map((i) => i.id);
    const expected = [...spread, ...burst]
      .filter((i) => Date.parse(i.createdAt) < Date.parse(NOW))
      .map((i) => `pagerduty:${i.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice().sort()).toEqual(expected.sort());
    const first = result.incidents.find((i) => i.id === `pagerduty:${burst[0]?.id}`);
    expect(first).toEqual({
      id: `pagerduty:${burst[0]?.id}`,
      createdAt: '2026-03-10T00:00:00Z',
      resolvedAt: '2026-03-10T00:10:00Z',
      repository: 'acme/shop',
      service: 'PSHOP01',
    });
    const stats = server?.stats();
    console.log(
      `PagerDuty: ${ids.length} incidents in ${client.requests()} requests (lower bound ${Math.ceil(ids.length / 100)}); server saw ${stats?.requests}`,
    );
    expect(stats?.byRoute['GET /incidents']).toBe(client.requests());
  });

  it('counts an incident created before the window and resolved inside it; re-reads open incidents by id', async () => {
    const early = incident(1, SINCE.getTime() - 10 * 86_400_000, 12 * 86_400_000);
    const open = incident(2, Date.parse('2026-11-01T00:00:00Z'), 10 * 86_400_000);
    const scenario = world([early, open]);
    // At Nov 5 the second incident is still open.
    let client = await clientFor({ ...scenario, now: '2026-11-05T00:00:00Z' });
    const first = await collectPagerDutyIncidents(client, {
      ...base,
      until: new Date('2026-11-05T00:00:00Z'),
    });
    expect(first.incidents.map((i) => [i.id, i.resolvedAt])).toEqual([
      [`pagerduty:${early.id}`, early.resolvedAt],
      [`pagerduty:${open.id}`, undefined],
    ]);
    expect(first.cursor).toEqual({ watermark: '2026-11-05T00:00:00.000Z', open: [open.id] });
    // Two weeks later, with a lookback too short to list it again: the by-id read finds it resolved.
    client = await clientFor(scenario);
    const second = await collectPagerDutyIncidents(client, { ...base, cursor: first.cursor });
    expect(second.incidents).toEqual([
      {
        id: `pagerduty:${open.id}`,
        createdAt: open.createdAt,
        resolvedAt: open.resolvedAt,
        repository: 'acme/shop',
        service: 'PSHOP01',
      },
    ]);
    expect(second.cursor.open).toEqual([]);
    expect(server?.stats().byRoute).toEqual({ 'GET /incidents': 1, 'GET /incidents/{id}': 1 });
  });

  it('sets repository only when the service maps to exactly one repository of this run', async () => {
    const shared = incident(1, Date.parse('2026-10-01T00:00:00Z'), 1000);
    const client = await clientFor(world([shared]));
    const options = { ...base, serviceRepositories: { PSHOP01: ['acme/shop', 'acme/worker'] } };
    const both = await collectPagerDutyIncidents(client, {
      ...options,
      repositories: ['acme/shop', 'acme/worker'],
    });
    expect(both.incidents[0]?.repository).toBeUndefined();
    expect(both.incidents[0]?.service).toBe('PSHOP01');
    const one = await collectPagerDutyIncidents(client, {
      ...options,
      repositories: ['acme/shop'],
    });
    expect(one.incidents[0]?.repository).toBe('acme/shop');
  });

  it('waits ratelimit-reset on a 429 (after pdjs gives up its own retries)', async () => {
    const logs: string[] = [];
    const fault: ScenarioFault = {
      method: 'GET',
      path: '^/incidents$',
      times: 4,
      status: 429,
      headers: { 'ratelimit-reset': '7' },
    };
    const client = await clientFor(
      world([incident(1, Date.parse('2026-10-01T00:00:00Z'), 1000)], [fault]),
      logs,
    );
    const result = await collectPagerDutyIncidents(client, base);
    expect(result.incidents).toHaveLength(1);
    expect(logs[0]).toBe('PagerDuty rate limit on GET /incidents: waiting 7 s');
    // 4 answered 429 (pdjs's first try and its 3 retries), then one listing per 180-day span (3).
    expect(server?.stats().requests).toBe(4 + 3);
  });

  it('a 429 longer than the allowed wait is a RateLimitedError', async () => {
    const fault: ScenarioFault = {
      method: 'GET',
      path: '^/incidents$',
      status: 429,
      headers: { 'ratelimit-reset': '120' },
    };
    await clientFor(world([], [fault]));
    const client = createPagerDutyClient({
      token: TOKEN,
      apiUrl: server?.pagerdutyApiUrl as string,
      maxWaitMs: 60_000,
      pdjsRetryMs: 0,
      retryAfterBaseMs: 1,
    });
    const error = await collectPagerDutyIncidents(client, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).message).toBe(
      'PagerDuty rate limit reached on GET /incidents; it resets in 120 s (waited 0 s of the 60 s allowed)',
    );
  });

  it.each([
    [
      401,
      'PagerDuty rejected the token (401) on GET /incidents: check the `pagerduty-token` input',
    ],
    [403, 'PagerDuty refused GET /incidents (403): needs `incidents.read`'],
    [400, 'PagerDuty request GET /incidents failed (400): Invalid Input Provided'],
  ])('a %i names the problem and never the token', async (status, message) => {
    const logs: string[] = [];
    const fault: ScenarioFault = {
      method: 'GET',
      path: '^/incidents$',
      status,
      body: { error: { message: 'Invalid Input Provided', code: 2001 } },
    };
    const client = await clientFor(world([], [fault]), logs);
    const error = await collectPagerDutyIncidents(client, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as CollectorError).message).toBe(message);
    expect((error as CollectorError).source).toBe('pagerduty');
    expect(
      JSON.stringify({
        error,
        message: (error as Error).message,
        stack: (error as Error).stack,
        logs,
      }),
    ).not.toContain(TOKEN);
  });

  it('a request slower than the timeout is aborted and retried', async () => {
    const slow: ScenarioFault = { method: 'GET', path: '^/incidents$', times: 1, delayMs: 1500 };
    await clientFor(world([incident(1, Date.parse('2026-10-01T00:00:00Z'), 1000)], [slow]));
    const client = createPagerDutyClient({
      token: TOKEN,
      apiUrl: server?.pagerdutyApiUrl as string,
      requestTimeoutMs: 300,
      retryAfterBaseMs: 1,
    });
    const result = await collectPagerDutyIncidents(client, base);
    expect(result.incidents.map((i) => i.id)).toEqual([`pagerduty:${incident(1, 0, 0).id}`]);
    // The aborted request and its retry, then the two other 180-day spans.
    expect(client.requests()).toBe(2 + 2);
  });

  it('a network failure names the URL, never the token', async () => {
    const client = createPagerDutyClient({
      token: TOKEN,
      apiUrl: 'http://127.0.0.1:9/pagerduty',
      retries: 1,
    });
    const error = await collectPagerDutyIncidents(client, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toMatch(/^PagerDuty request GET \/incidents failed: /);
    expect(String((error as Error).stack)).not.toContain(TOKEN);
  });
});
