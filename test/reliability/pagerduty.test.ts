import { afterAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../packages/action/src/collectors/pagerduty/client.js';
import {
  collectPagerDutyIncidents,
  type PagerDutyCollectOptions,
} from '../../packages/action/src/collectors/pagerduty/incidents.js';
import type { Scenario, ScenarioFault, ScenarioIncident } from '../fakes/scenario.js';
import { ledgerFor } from './ledger.js';
import {
  cleanRun,
  collectWorld,
  compareIds,
  countLeaks,
  dataIds,
  PAGERDUTY_TOKEN,
  quietWorld,
  startReplay,
  truthIds,
} from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(() => {
  ledger.flush();
});

const NOW = '2026-11-20T00:00:00Z';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function incident(n: number, createdMs: number, resolvedAfterMs: number): ScenarioIncident {
  return {
    id: `R${n.toString(36).toUpperCase().padStart(6, '0')}`,
    incidentNumber: n,
    title: `incident ${n}`,
    serviceId: 'PSHOP01',
    status: 'resolved',
    createdAt: iso(createdMs),
    resolvedAt: iso(createdMs + resolvedAfterMs),
  };
}

function pdWorld(incidents: ScenarioIncident[]): Scenario {
  return {
    now: NOW,
    github: { repos: [] },
    pagerduty: { services: [{ id: 'PSHOP01', name: 'shop' }], incidents },
  };
}

const OPTIONS: PagerDutyCollectOptions = {
  services: ['PSHOP01'],
  serviceRepositories: { PSHOP01: ['acme/shop'] },
  repositories: ['acme/shop'],
  since: new Date('2025-09-01T00:00:00Z'),
  until: new Date(NOW),
  lookbackMs: 3_600_000,
};

/** PagerDuty incidents of a world read through the real client, with the request queries seen. */
async function readIncidents(scenario: Scenario, faults: ScenarioFault[] = []) {
  const replay = await startReplay(scenario, faults);
  try {
    const logs: string[] = [];
    const client = createPagerDutyClient({
      token: PAGERDUTY_TOKEN,
      apiUrl: replay.pagerdutyApiUrl,
      retryAfterBaseMs: 1,
      pdjsRetryMs: 0,
      log: (line) => logs.push(line),
    });
    const result = await collectPagerDutyIncidents(client, OPTIONS);
    return { result, logs, requests: client.requests(), stats: replay.stats() };
  } finally {
    await replay.close();
  }
}

const expectedIds = (incidents: ScenarioIncident[]) =>
  incidents
    .filter((i) => Date.parse(i.createdAt) >= OPTIONS.since.getTime() - 30 * 86_400_000)
    .map((i) => `pagerduty:${i.id}`);

describe('PagerDuty', () => {
  it('row 13: 429 with ratelimit-reset 5: waits 5 s and retries; a longer limit than max-wait stops with a partial report', async () => {
    const base = await cleanRun();
    const fault: ScenarioFault = {
      method: 'GET',
      path: '^/incidents$',
      status: 429,
      headers: { 'ratelimit-reset': '5' },
    };
    // pdjs's own try and its 3 quick retries answer 429, then the client waits ratelimit-reset.
    const run = await collectWorld([{ ...fault, times: 4 }]);
    expect(run.logs).toEqual(['PagerDuty rate limit on GET /incidents: waiting 5 s']);
    expect(run.byRoute['GET /incidents']).toBe((base.byRoute['GET /incidents'] ?? 0) + 4);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });

    const long = await collectWorld([{ ...fault, headers: { 'ratelimit-reset': '120' } }], {
      maxWaitMs: 60_000,
    });
    expect(long.logs).toEqual([]);
    expect(long.result.partial).toEqual({
      reason:
        'PagerDuty: PagerDuty rate limit reached on GET /incidents; it resets in 120 s (waited 0 s of the 60 s allowed)',
    });
    // GitHub's part is complete; PagerDuty's incidents wait for the next run.
    const github = truthIds(quietWorld().truth).filter((id) => !id.startsWith('pagerduty:'));
    const partialIds = compareIds(github, dataIds(long.result.data));
    expect(partialIds).toEqual({ lost: 0, doubled: 0 });
    ledger.add(13, {
      requestsRetried: 4,
      waitsHonoured: 1,
      eventsLost: ids.lost + partialIds.lost,
      eventsDoubleCounted: ids.doubled + partialIds.doubled,
      secretsLeaked: countLeaks([...run.logs, ...long.logs, JSON.stringify(long.result)]),
    });
  });

  it('row 14: more than 10,000 incidents in one span: the span is split, never offset + limit > 10,000', async () => {
    const start = Date.parse('2026-06-01T00:00:00Z');
    const burst = Array.from({ length: 10_150 }, (_, i) =>
      incident(i + 1, start + i * 8_000, 60_000),
    );
    const { result, requests, stats } = await readIncidents(pdWorld(burst));
    const ids = compareIds(
      expectedIds(burst),
      result.incidents.map((i) => i.id),
    );
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    // The replay answers 400 to offset + limit > 10,000 (as PagerDuty does) and the client would
    // have failed on it: every request it saw was a success.
    expect(stats.byRoute['GET /incidents']).toBe(requests);
    expect(requests).toBeGreaterThanOrEqual(Math.ceil(10_150 / 100));
    ledger.add(14, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 15: a range over 6 months is read in spans of at most 6 months', async () => {
    const start = Date.parse('2025-09-05T00:00:00Z');
    const spread = Array.from({ length: 40 }, (_, i) =>
      incident(20_000 + i, start + i * 11 * 86_400_000, 3_600_000),
    );
    const queries: Array<{ since: string; until: string }> = [];
    const replay = await startReplay(pdWorld(spread));
    try {
      const client = createPagerDutyClient({
        token: PAGERDUTY_TOKEN,
        apiUrl: replay.pagerdutyApiUrl,
        retryAfterBaseMs: 1,
        pdjsRetryMs: 0,
      });
      // Wrap the client to see each listing's span (the requests are the real ones).
      const seeing = {
        requests: () => client.requests(),
        get: <T>(path: string, query?: Record<string, string | string[]>) => {
          if (path === '/incidents' && typeof query?.since === 'string') {
            queries.push({ since: query.since, until: String(query.until) });
          }
          return client.get<T>(path, query);
        },
      };
      const result = await collectPagerDutyIncidents(seeing, OPTIONS);
      const ids = compareIds(
        expectedIds(spread),
        result.incidents.map((i) => i.id),
      );
      expect(ids).toEqual({ lost: 0, doubled: 0 });
      const SIX_MONTHS = 183 * 86_400_000;
      expect(queries.length).toBeGreaterThanOrEqual(3);
      for (const q of queries) {
        expect(Date.parse(q.until) - Date.parse(q.since)).toBeLessThanOrEqual(SIX_MONTHS);
      }
      // Contiguous spans: each starts where the previous ended.
      for (let i = 1; i < queries.length; i++) {
        expect(queries[i]?.since).toBe(queries[i - 1]?.until);
      }
      ledger.add(15, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
    } finally {
      await replay.close();
    }
  });

  it.each([
    ['no `more` field', { omit: ['more'] }],
    ['`limit` echoed as 25', { patch: { limit: 25 } }],
    ['neither `more` nor `limit`', { omit: ['more', 'limit'] }],
  ] as const)(
    'row 16: %s: the offset advances by what was received; nothing lost or twice',
    async (_name, reshape) => {
      const start = Date.parse('2026-10-01T00:00:00Z');
      const month = Array.from({ length: 250 }, (_, i) =>
        incident(30_000 + i, start + i * 3_600_000, 600_000),
      );
      const fault: ScenarioFault = {
        method: 'GET',
        path: '^/incidents$',
        ...(('omit' in reshape ? { omit: [...reshape.omit] } : {}) as object),
        ...(('patch' in reshape ? { patch: reshape.patch } : {}) as object),
      };
      const { result } = await readIncidents(pdWorld(month), [fault]);
      const ids = compareIds(
        expectedIds(month),
        result.incidents.map((i) => i.id),
      );
      expect(ids).toEqual({ lost: 0, doubled: 0 });
      ledger.add(16, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
    },
  );

  it('row 17: an incident open at one run and resolved before the next is re-read by id: its resolution (MTTR) is updated', async () => {
    const { scenario, truth } = quietWorld();
    const target = truth.incidents.pagerduty.find((i) => i.resolvedAt !== undefined);
    if (target === undefined || target.resolvedAt === undefined)
      throw new Error('no resolved incident');
    const created = Date.parse(String(target.createdAt));
    const resolved = Date.parse(String(target.resolvedAt));
    const between = new Date(created + Math.floor((resolved - created) / 2)).toISOString();

    const first = await collectWorld([], { now: between });
    const open = first.result.data.incidents.find((i) => i.id === target.id);
    expect(open).toBeDefined();
    expect(open?.resolvedAt).toBeUndefined();
    expect(first.result.state.pagerduty?.open).toContain(target.id.replace('pagerduty:', ''));

    const second = await collectWorld([], {
      now: scenario.now,
      previous: { data: first.result.data, state: first.result.state },
    });
    const updated = second.result.data.incidents.find((i) => i.id === target.id);
    expect(updated).toEqual(target);
    const ids = compareIds(truthIds(truth), dataIds(second.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(17, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 17: an incident older than the re-listed span is re-read by id (GET /incidents/{id})', async () => {
    const long = incident(40_000, Date.parse('2026-08-01T00:00:00Z'), 75 * 86_400_000);
    const scenario = pdWorld([long]);
    const at = async (now: string, cursor?: { watermark?: string; open: string[] }) => {
      const replay = await startReplay(scenario, [], now);
      try {
        const client = createPagerDutyClient({
          token: PAGERDUTY_TOKEN,
          apiUrl: replay.pagerdutyApiUrl,
          retryAfterBaseMs: 1,
          pdjsRetryMs: 0,
        });
        const result = await collectPagerDutyIncidents(client, {
          ...OPTIONS,
          until: new Date(now),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { result, byRoute: replay.stats().byRoute };
      } finally {
        await replay.close();
      }
    };
    const first = await at('2026-10-01T00:00:00Z');
    expect(first.result.incidents.map((i) => [i.id, i.resolvedAt])).toEqual([
      [`pagerduty:${long.id}`, undefined],
    ]);
    expect(first.result.cursor.open).toEqual([long.id]);
    const second = await at(NOW, first.result.cursor);
    expect(second.byRoute['GET /incidents/{id}']).toBe(1);
    expect(second.result.incidents).toEqual([
      {
        id: `pagerduty:${long.id}`,
        createdAt: long.createdAt,
        resolvedAt: long.resolvedAt,
        repository: 'acme/shop',
        service: 'PSHOP01',
      },
    ]);
    expect(second.result.cursor.open).toEqual([]);
  });
});
