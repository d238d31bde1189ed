import { header, type ReplayRequest, type Reply, type Route } from './http-types.js';
import type { Budget } from './rate-budget.js';
import type { ScenarioIncident, ScenarioService } from './scenario.js';

/** PagerDuty REST v2 over the scenario's services and incidents. */
export interface PagerDutyWorld {
  services: ScenarioService[];
  /** Sorted by created_at ascending. */
  incidents: ScenarioIncident[];
  now: string;
  /** The API base, e.g. `http://127.0.0.1:P/pagerduty`. */
  api: string;
}

const WEB = 'https://acme.pagerduty.com';

export function pagerdutyError(
  status: number,
  message: string,
  code: number,
  errors?: string[],
): Reply {
  const error: Record<string, unknown> = { message, code };
  if (errors) error.errors = errors;
  return { status, body: { error } };
}

type Format = (instant: string) => string;

const utc: Format = (s) => new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * PagerDuty renders times in the `time_zone` asked for (`2026-11-05T12:00:00+09:00`); UTC is
 * rendered with `Z`. Undefined for a zone name the runtime does not know.
 */
export function zoneFormat(zone: string | null): Format | undefined {
  if (zone === null || zone === 'UTC' || zone === 'Etc/UTC') return utc;
  let parts: Intl.DateTimeFormat;
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return undefined;
  }
  return (s) => {
    const t = Math.floor(Date.parse(s) / 1000) * 1000;
    const p: Record<string, string> = {
      year: '',
      month: '',
      day: '',
      hour: '',
      minute: '',
      second: '',
    };
    for (const x of parts.formatToParts(t)) p[x.type] = x.value;
    const local = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    const offset = Math.round((local - t) / 60_000);
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
  };
}

function serviceReference(w: PagerDutyWorld, s: ScenarioService | undefined, id: string) {
  return {
    id,
    type: 'service_reference',
    summary: s?.name ?? id,
    self: `${w.api}/services/${id}`,
    html_url: `${WEB}/service-directory/${id}`,
  };
}

function incidentObject(w: PagerDutyWorld, i: ScenarioIncident, iso: Format = utc) {
  const service = w.services.find((s) => s.id === i.serviceId);
  const resolved = i.status === 'resolved' && i.resolvedAt !== undefined;
  const lastChange = resolved ? (i.resolvedAt as string) : i.createdAt;
  const priority = i.priority
    ? {
        id: `PPRI${i.priority.replace(/\W/g, '')}`,
        type: 'priority',
        summary: i.priority,
        self: `${w.api}/priorities/PPRI${i.priority.replace(/\W/g, '')}`,
        html_url: null,
        name: i.priority,
        description: '',
        color: 'a8171c',
      }
    : null;
  return {
    id: i.id,
    type: 'incident',
    summary: `[#${i.incidentNumber}] ${i.title}`,
    self: `${w.api}/incidents/${i.id}`,
    html_url: `${WEB}/incidents/${i.id}`,
    incident_number: i.incidentNumber,
    title: i.title,
    description: i.title,
    created_at: iso(i.createdAt),
    updated_at: iso(lastChange),
    status: i.status,
    incident_key: `${i.id.toLowerCase()}-key`,
    service: serviceReference(w, service, i.serviceId),
    assignments: [],
    assigned_via: 'escalation_policy',
    last_status_change_at: iso(lastChange),
    resolved_at: resolved ? iso(i.resolvedAt as string) : null,
    first_trigger_log_entry: {
      id: `R${i.id}`,
      type: 'trigger_log_entry_reference',
      summary: 'Triggered through the API',
      self: `${w.api}/log_entries/R${i.id}`,
      html_url: `${WEB}/incidents/${i.id}/log_entries/R${i.id}`,
    },
    alert_counts: { all: 1, triggered: resolved ? 0 : 1, resolved: resolved ? 1 : 0 },
    is_mergeable: true,
    escalation_policy: {
      id: 'PEPOL01',
      type: 'escalation_policy_reference',
      summary: 'Default',
      self: `${w.api}/escalation_policies/PEPOL01`,
      html_url: `${WEB}/escalation_policies/PEPOL01`,
    },
    teams: [],
    pending_actions: [],
    acknowledgements: [],
    alert_grouping: null,
    last_status_change_by: serviceReference(w, service, i.serviceId),
    priority,
    resolve_reason: null,
    incidents_responders: [],
    responder_requests: [],
    subscriber_requests: [],
    urgency: i.urgency ?? 'high',
  };
}

function plusMonths(t: number, months: number): number {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

function listParams(req: ReplayRequest): { limit: number; offset: number } | Reply {
  const limit = Number.parseInt(req.query.get('limit') ?? '25', 10);
  const offset = Number.parseInt(req.query.get('offset') ?? '0', 10);
  if (!Number.isFinite(limit) || limit < 1 || !Number.isFinite(offset) || offset < 0) {
    return pagerdutyError(400, 'Invalid Input Provided', 2001, ['Invalid limit or offset.']);
  }
  const capped = Math.min(limit, 100);
  if (offset + capped > 10_000) {
    return pagerdutyError(400, 'Invalid Input Provided', 2001, [
      'Offset must be less than or equal to 10000 - limit.',
    ]);
  }
  return { limit: capped, offset };
}

function listIncidents(w: PagerDutyWorld, req: ReplayRequest): Reply {
  const paging = listParams(req);
  if ('status' in paging) return paging;
  const q = req.query;
  const format = zoneFormat(q.get('time_zone'));
  if (format === undefined) {
    return pagerdutyError(400, 'Invalid Input Provided', 2001, ['Time zone is invalid.']);
  }
  const now = Date.parse(w.now);
  let incidents = w.incidents;
  if (q.get('date_range') !== 'all') {
    const sinceRaw = q.get('since');
    const untilRaw = q.get('until');
    const until = untilRaw ? Date.parse(untilRaw) : now;
    const since = sinceRaw ? Date.parse(sinceRaw) : until - 30 * 86_400_000;
    if (Number.isNaN(since) || Number.isNaN(until)) {
      return pagerdutyError(400, 'Invalid Input Provided', 2001, ['Invalid since or until.']);
    }
    if (until < since) {
      return pagerdutyError(400, 'Invalid Input Provided', 2001, ['until must be after since.']);
    }
    if (until > plusMonths(since, 6)) {
      return pagerdutyError(400, 'Invalid Input Provided', 2001, [
        'The date range must be no more than 6 months.',
      ]);
    }
    incidents = incidents.filter((i) => {
      const t = Date.parse(i.createdAt);
      return t >= since && t < until;
    });
  }
  const services = q.getAll('service_ids[]').concat(q.getAll('service_ids'));
  if (services.length > 0) incidents = incidents.filter((i) => services.includes(i.serviceId));
  const statuses = q.getAll('statuses[]').concat(q.getAll('statuses'));
  if (statuses.length > 0) incidents = incidents.filter((i) => statuses.includes(i.status));
  const urgencies = q.getAll('urgencies[]');
  if (urgencies.length > 0) {
    incidents = incidents.filter((i) => urgencies.includes(i.urgency ?? 'high'));
  }
  if ((q.get('sort_by') ?? '').endsWith(':desc')) incidents = [...incidents].reverse();
  const page = incidents.slice(paging.offset, paging.offset + paging.limit);
  return {
    status: 200,
    body: {
      incidents: page.map((i) => incidentObject(w, i, format)),
      limit: paging.limit,
      offset: paging.offset,
      more: paging.offset + page.length < incidents.length,
      total: q.get('total') === 'true' ? incidents.length : null,
    },
  };
}

function listServices(w: PagerDutyWorld, req: ReplayRequest): Reply {
  const paging = listParams(req);
  if ('status' in paging) return paging;
  const page = w.services.slice(paging.offset, paging.offset + paging.limit);
  return {
    status: 200,
    body: {
      services: page.map((s) => ({
        ...serviceReference(w, s, s.id),
        type: 'service',
        name: s.name,
        description: s.name,
        status: 'active',
        created_at: '2020-01-01T00:00:00Z',
        auto_resolve_timeout: 14400,
        acknowledgement_timeout: 1800,
        alert_creation: 'create_alerts_and_incidents',
        escalation_policy: {
          id: 'PEPOL01',
          type: 'escalation_policy_reference',
          summary: 'Default',
          self: `${w.api}/escalation_policies/PEPOL01`,
          html_url: `${WEB}/escalation_policies/PEPOL01`,
        },
        teams: [],
        integrations: [],
        incident_urgency_rule: { type: 'constant', urgency: 'high' },
      })),
      limit: paging.limit,
      offset: paging.offset,
      more: paging.offset + page.length < w.services.length,
      total: req.query.get('total') === 'true' ? w.services.length : null,
    },
  };
}

/** PagerDuty's `ratelimit-*` headers: `ratelimit-reset` is seconds to wait. */
export function pagerdutyRateHeaders(b: Budget): Record<string, string> {
  return {
    'ratelimit-limit': String(b.limit),
    'ratelimit-remaining': String(b.remaining()),
    'ratelimit-reset': String(b.secondsToReset()),
  };
}

/** Matches a PagerDuty request; authentication and the rate limit are checked by the server. */
export function matchPagerDuty(w: PagerDutyWorld, req: ReplayRequest): Route | undefined {
  if (req.method !== 'GET') return undefined;
  if (req.path === '/incidents') {
    return { name: 'GET /incidents', handle: () => listIncidents(w, req) };
  }
  const one = /^\/incidents\/([^/]+)$/.exec(req.path);
  if (one) {
    return {
      name: 'GET /incidents/{id}',
      handle: () => {
        const i = w.incidents.find((x) => x.id === decodeURIComponent(one[1] as string));
        const format = zoneFormat(req.query.get('time_zone')) ?? utc;
        return i
          ? { status: 200, body: { incident: incidentObject(w, i, format) } }
          : pagerdutyError(404, 'Not Found', 2100);
      },
    };
  }
  if (req.path === '/services') {
    return { name: 'GET /services', handle: () => listServices(w, req) };
  }
  return undefined;
}

/** The token of `Authorization: Token token=...`, or undefined when the header is not that. */
export function pagerdutyToken(req: ReplayRequest): string | undefined {
  const m = /^Token token=(.+)$/.exec(header(req, 'authorization') ?? '');
  return m ? (m[1] as string) : undefined;
}
