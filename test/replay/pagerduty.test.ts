import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { tinyScenario } from './fixtures.js';

type Json = Record<string, unknown>;

let h: ReplayHandle;

beforeAll(async () => {
  h = await startReplayServer({ scenario: tinyScenario() });
});

afterAll(async () => {
  await h.close();
});

const AUTH = { authorization: 'Token token=pd-test' };

async function pd(path: string, headers: Record<string, string> = AUTH) {
  const res = await fetch(`${h.pagerdutyApiUrl}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

const idsOf = (body: Json) => (body.incidents as Json[]).map((i) => i.id);

// The incident fields PagerDuty's REST API v2 reference lists for `GET /incidents`.
const reference = {
  type: 'object',
  required: ['id', 'type', 'summary', 'self', 'html_url'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    summary: { type: 'string' },
    self: { type: 'string', format: 'uri' },
    html_url: { type: ['string', 'null'] },
  },
};
const incidentSchema = {
  type: 'object',
  required: [
    'id',
    'type',
    'summary',
    'self',
    'html_url',
    'incident_number',
    'title',
    'status',
    'urgency',
    'created_at',
    'updated_at',
    'last_status_change_at',
    'resolved_at',
    'service',
    'priority',
    'escalation_policy',
    'assignments',
    'teams',
    'alert_counts',
    'incident_key',
  ],
  properties: {
    incident_number: { type: 'integer' },
    status: { enum: ['triggered', 'acknowledged', 'resolved'] },
    urgency: { enum: ['high', 'low'] },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    last_status_change_at: { type: 'string', format: 'date-time' },
    resolved_at: { type: ['string', 'null'], format: 'date-time' },
    service: {
      ...reference,
      properties: { ...reference.properties, type: { const: 'service_reference' } },
    },
    escalation_policy: reference,
    priority: { anyOf: [{ type: 'null' }, reference] },
  },
};
const listSchema = {
  type: 'object',
  required: ['incidents', 'limit', 'offset', 'more', 'total'],
  properties: {
    incidents: { type: 'array', items: incidentSchema },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    more: { type: 'boolean' },
    total: { type: ['integer', 'null'] },
  },
};

describe('PagerDuty /incidents', () => {
  it('answers in PagerDuty shapes', async () => {
    const ajv = new Ajv({ strict: false });
    (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
    const list = await pd('/incidents?since=2026-06-01T00:00:00Z&until=2026-11-20T00:00:00Z');
    expect(ajv.validate(listSchema, list.body), JSON.stringify(ajv.errors)).toBe(true);
    const one = await pd('/incidents/Q1ABC');
    expect(one.body.incident).toMatchObject({
      id: 'Q1ABC',
      type: 'incident',
      incident_number: 101,
      title: '5xx on checkout',
      status: 'resolved',
      urgency: 'high',
      created_at: '2026-11-05T03:00:00Z',
      resolved_at: '2026-11-05T04:30:00Z',
      last_status_change_at: '2026-11-05T04:30:00Z',
      updated_at: '2026-11-05T04:30:00Z',
      service: {
        id: 'PSVC001',
        type: 'service_reference',
        summary: 'shop-api',
        self: `${h.pagerdutyApiUrl}/services/PSVC001`,
      },
      priority: { summary: 'P1' },
      self: `${h.pagerdutyApiUrl}/incidents/Q1ABC`,
    });
    expect(ajv.validate(incidentSchema, one.body.incident), JSON.stringify(ajv.errors)).toBe(true);
    expect((await pd('/incidents/NOPE')).status).toBe(404);
  });

  it('requires `Authorization: Token token=...`', async () => {
    for (const headers of [{}, { authorization: 'Bearer x' }]) {
      const r = await pd('/incidents', headers);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { message: 'Invalid Credentials', code: 2006 } });
    }
  });

  it('without since/until: the 30 days before now; later resolutions are not known yet', async () => {
    const r = await pd('/incidents');
    expect(r.body).toMatchObject({ limit: 25, offset: 0, more: false, total: null });
    expect(idsOf(r.body)).toEqual(['Q1ABC', 'Q2DEF', 'Q3LATE']);
    const late = (r.body.incidents as Json[])[2];
    expect(late).toMatchObject({ status: 'acknowledged', resolved_at: null });
  });

  it('spans over 6 months are refused; exactly 6 months is fine', async () => {
    const ok = await pd('/incidents?since=2026-03-01T00:00:00Z&until=2026-09-01T00:00:00Z');
    expect(ok.status).toBe(200);
    expect(idsOf(ok.body)).toEqual(['Q0OLD']);
    const tooLong = await pd('/incidents?since=2026-03-01T00:00:00Z&until=2026-09-01T00:00:01Z');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({
      error: {
        message: 'Invalid Input Provided',
        code: 2001,
        errors: ['The date range must be no more than 6 months.'],
      },
    });
  });

  it('filters by service and status; pages with limit/offset/more/total', async () => {
    const range = 'since=2026-10-01T00:00:00Z&until=2026-11-20T00:00:00Z';
    expect(idsOf((await pd(`/incidents?${range}&service_ids[]=PSVC002`)).body)).toEqual(['Q2DEF']);
    expect(idsOf((await pd(`/incidents?${range}&statuses[]=resolved`)).body)).toEqual(['Q1ABC']);
    expect(
      idsOf((await pd(`/incidents?${range}&statuses[]=triggered&statuses[]=acknowledged`)).body),
    ).toEqual(['Q2DEF', 'Q3LATE']);
    const first = await pd(`/incidents?${range}&limit=2&total=true`);
    expect(first.body).toMatchObject({ limit: 2, offset: 0, more: true, total: 3 });
    expect(idsOf(first.body)).toEqual(['Q1ABC', 'Q2DEF']);
    const second = await pd(`/incidents?${range}&limit=2&offset=2`);
    expect(second.body).toMatchObject({ limit: 2, offset: 2, more: false, total: null });
    expect(idsOf(second.body)).toEqual(['Q3LATE']);
    expect((await pd(`/incidents?${range}&limit=500`)).body.limit).toBe(100);
  });

  it('offset + limit above 10,000 is a 400', async () => {
    expect((await pd('/incidents?limit=100&offset=9900')).status).toBe(200);
    const over = await pd('/incidents?limit=100&offset=9901');
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 2001 });
  });

  it('renders times in the time_zone asked for; an unknown zone is a 400', async () => {
    const tokyo = await pd('/incidents/Q1ABC?time_zone=Asia/Tokyo');
    expect(tokyo.body.incident).toMatchObject({
      created_at: '2026-11-05T12:00:00+09:00',
      resolved_at: '2026-11-05T13:30:00+09:00',
    });
    const ny = await pd('/incidents?time_zone=America/New_York&since=2026-11-01T00:00:00Z');
    expect((ny.body.incidents as Json[])[0]?.created_at).toBe('2026-11-04T22:00:00-05:00');
    const utc = await pd('/incidents?time_zone=UTC&since=2026-11-01T00:00:00Z');
    expect((utc.body.incidents as Json[])[0]?.created_at).toBe('2026-11-05T03:00:00Z');
    expect((await pd('/incidents?time_zone=Mars/Olympus')).status).toBe(400);
  });

  it('lists services', async () => {
    const r = await pd('/services');
    expect((r.body.services as Json[]).map((s) => [s.id, s.name, s.type])).toEqual([
      ['PSVC001', 'shop-api', 'service'],
      ['PSVC002', 'search', 'service'],
    ]);
  });
});

describe('PagerDuty rate limit', () => {
  it('answers 429 with ratelimit-reset (seconds to wait) past the per-minute budget', async () => {
    const limited = await startReplayServer({ scenario: tinyScenario(), pagerdutyBudget: 2 });
    try {
      const get = () => fetch(`${limited.pagerdutyApiUrl}/services`, { headers: AUTH });
      const first = await get();
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      await get();
      const third = await get();
      expect(third.status).toBe(429);
      expect(await third.json()).toEqual({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
      const reset = Number(third.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      expect(limited.stats()).toEqual({
        requests: 3,
        notModified: 0,
        byRoute: { 'GET /services': 3 },
      });
    } finally {
      await limited.close();
    }
  });
});
