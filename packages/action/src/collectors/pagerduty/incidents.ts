import type { Incident } from '@dora/core';
import type { PdCursor } from '../types.js';
import type { PagerDutyClient, Query } from './client.js';

interface PdIncident {
  id: string;
  status: string;
  created_at: string;
  resolved_at: string | null;
  service?: { id: string };
}
interface PdPage {
  incidents: PdIncident[];
  limit: number;
  offset: number;
  /** Absent from some answers (proxies, older API versions). */
  more?: boolean;
  total: number | null;
}

/**
 * Whether another page follows. Without `more`, a full page may be followed by more: read on until
 * a short or empty page, rather than silently dropping the rest.
 */
function morePages(page: PdPage): boolean {
  if (page.incidents.length === 0) return false;
  return typeof page.more === 'boolean' ? page.more : page.incidents.length >= PAGE_LIMIT;
}

export const PAGE_LIMIT = 100;
/** PagerDuty refuses `offset + limit` beyond this (classic pagination). */
export const OFFSET_CAP = 10_000;
/**
 * PagerDuty refuses `since`/`until` spans over 6 months; 180 days is under every 6-month span
 * (the shortest, February to July, is 181 days).
 */
export const MAX_SPAN_MS = 180 * 86_400_000;
/**
 * Incidents are listed by `created_at`. One created this long before the collection's `since` and
 * resolved inside the report window still counts for time to restore, so the listing starts this much
 * earlier. 30 days: longer outages are rare, and an incident still open at a run is re-read by id anyway.
 */
export const INCIDENT_MARGIN_MS = 30 * 86_400_000;

export interface PagerDutyCollectOptions {
  services: string[];
  /** service id -> repositories */
  serviceRepositories: Record<string, string[]>;
  /** The repositories of this run: an incident gets `repository` only when its service maps to exactly one of them. */
  repositories: string[];
  since: Date;
  until: Date;
  lookbackMs: number;
  cursor?: PdCursor;
}

export interface PagerDutyCollected {
  incidents: Incident[];
  cursor: PdCursor;
}

/** The first instant listed: `since` minus the margin, or (warm) the watermark minus the lookback. */
export function listingStart(options: PagerDutyCollectOptions): Date {
  const full = options.since.getTime() - INCIDENT_MARGIN_MS;
  const watermark =
    options.cursor?.watermark === undefined ? undefined : Date.parse(options.cursor.watermark);
  return new Date(watermark === undefined ? full : Math.max(full, watermark - options.lookbackMs));
}

/**
 * Incidents of the configured services created in [since - margin, until), in spans of at most 180
 * days, each split further while it holds more than PagerDuty's offset cap lets one listing read;
 * incidents open at the last run are re-read by id. One `Incident` per PagerDuty incident, `pagerduty:<id>`.
 */
export async function collectPagerDutyIncidents(
  client: PagerDutyClient,
  options: PagerDutyCollectOptions,
): Promise<PagerDutyCollected> {
  const from = listingStart(options);
  const found = new Map<string, PdIncident>();
  for (const [lo, hi] of spans(from.getTime(), options.until.getTime(), MAX_SPAN_MS)) {
    for (const incident of await listSpan(client, options.services, lo, hi))
      found.set(incident.id, incident);
  }
  for (const id of options.cursor?.open ?? []) {
    if (found.has(id)) continue;
    const one = await readIncident(client, id);
    if (one !== undefined) found.set(one.id, one);
  }
  const incidents = [...found.values()].map((i) => toIncident(i, options));
  return {
    incidents,
    cursor: {
      watermark: options.until.toISOString(),
      open: incidents
        .filter((i) => i.resolvedAt === undefined)
        .map((i) => i.id.slice('pagerduty:'.length)),
    },
  };
}

export function spans(from: number, until: number, width: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let lo = from; lo < until; lo += width) out.push([lo, Math.min(lo + width, until)]);
  return out;
}

/** One [lo, hi) span; halved while it holds more than the offset cap allows to page through. */
async function listSpan(
  client: PagerDutyClient,
  services: string[],
  lo: number,
  hi: number,
): Promise<PdIncident[]> {
  const query = (offset: number, total: boolean): Query => ({
    since: new Date(lo).toISOString(),
    until: new Date(hi).toISOString(),
    time_zone: 'UTC',
    sort_by: 'created_at:asc',
    limit: String(PAGE_LIMIT),
    offset: String(offset),
    ...(services.length > 0 ? { 'service_ids[]': services } : {}),
    ...(total ? { total: 'true' } : {}),
  });
  const first = await client.get<PdPage>('/incidents', query(0, true));
  const total = first.total;
  if (total !== null && total > OFFSET_CAP && hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    return [
      ...(await listSpan(client, services, lo, mid)),
      ...(await listSpan(client, services, mid, hi)),
    ];
  }
  const out = [...first.incidents];
  let page = first;
  // Advance by what was received, not by the echoed limit, so nothing is skipped or read twice.
  while (morePages(page)) {
    const offset = out.length;
    if (offset + PAGE_LIMIT > OFFSET_CAP) {
      if (hi - lo <= 1000) break;
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      return [
        ...(await listSpan(client, services, lo, mid)),
        ...(await listSpan(client, services, mid, hi)),
      ];
    }
    page = await client.get<PdPage>('/incidents', query(offset, false));
    out.push(...page.incidents);
  }
  return out;
}

async function readIncident(client: PagerDutyClient, id: string): Promise<PdIncident | undefined> {
  try {
    return (await client.get<{ incident: PdIncident }>(`/incidents/${encodeURIComponent(id)}`))
      .incident;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

function toIncident(i: PdIncident, options: PagerDutyCollectOptions): Incident {
  const service = i.service?.id;
  const mapped = service === undefined ? [] : (options.serviceRepositories[service] ?? []);
  const ofThisRun = mapped.filter((r) => options.repositories.includes(r));
  const resolved = i.status === 'resolved' && i.resolved_at !== null;
  return {
    id: `pagerduty:${i.id}`,
    createdAt: i.created_at,
    ...(resolved ? { resolvedAt: i.resolved_at as string } : {}),
    ...(ofThisRun.length === 1 ? { repository: ofThisRun[0] as string } : {}),
    ...(service === undefined ? {} : { service }),
  };
}
