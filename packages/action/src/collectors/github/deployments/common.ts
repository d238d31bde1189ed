import type { Deployment } from '@dora/core';
import type { GitHubClient } from '../client.js';

/** What every deployment source is given for one repository. */
export interface SourceContext {
  client: GitHubClient;
  /** "owner/name" */
  repo: string;
  owner: string;
  name: string;
  environment: string;
  /** The deploy branch (the default branch unless configured). */
  branch: string;
  /** Deployments finishing in [since, until) are emitted. */
  since: Date;
  until: Date;
  /** Lists are read back to here: `since` on a full run, watermark minus lookback on a warm one. */
  readFrom: Date;
  /** Source-native ids not final at the last run, re-read by id. */
  pending: number[];
  /** ETags of list requests from the last run (read) — the source writes the new ones into `newEtags`. */
  etags: Record<string, string>;
  newEtags: Record<string, string>;
  log: (line: string) => void;
}

export interface SourceOutput {
  deployments: Deployment[];
  /** Source-native ids seen but not finished: to re-read next run. */
  pending: number[];
}

export const PER_PAGE = 100;

/**
 * How long before `since` a deployment may have started and still finish inside the collection:
 * lists are ordered by creation, so a cold run reads this much further back, or a deployment that
 * was running when the range opened would be lost (a warm run knows those as pending). GitHub-hosted
 * jobs stop at 6 hours; three days also covers most waits for an environment's approval.
 */
export const START_MARGIN_MS = 3 * 86_400_000;

export function within(instant: string | null | undefined, from: Date, until: Date): boolean {
  if (instant === null || instant === undefined) return false;
  const t = Date.parse(instant);
  return t >= from.getTime() && t < until.getTime();
}

export function before(instant: string | null | undefined, limit: Date): boolean {
  return instant !== null && instant !== undefined && Date.parse(instant) < limit.getTime();
}

/** ISO-8601 UTC without milliseconds, as GitHub prints instants. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A stable key for a request, to store its ETag under. */
export function etagKey(route: string, params: Record<string, string | number>): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return `${route}?${query}`;
}

/** Keeps the last copy of each id (later attempts replace earlier ones), in first-seen order. */
export function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}

/**
 * Reads a newest-first list page by page until an item is older than `stopBefore`. Page 1 is a
 * conditional request: a 304 means the list is unchanged since the last run, so nothing new is in it
 * (returns `undefined`).
 */
export async function readNewestFirst<T>(
  ctx: SourceContext,
  route: string,
  params: Record<string, string | number>,
  pick: (data: unknown) => T[],
  createdAt: (item: T) => string | null | undefined,
  stopBefore: Date,
): Promise<T[] | undefined> {
  const key = etagKey(route, params);
  const items: T[] = [];
  for (let page = 1; ; page++) {
    let data: unknown;
    if (page === 1) {
      const first = await ctx.client.conditionalGet<unknown>(
        route,
        { ...params, per_page: PER_PAGE },
        ctx.etags[key],
      );
      if (first.status === 304) {
        ctx.newEtags[key] = first.etag;
        return undefined;
      }
      if (first.etag !== undefined) ctx.newEtags[key] = first.etag;
      data = first.data;
    } else {
      data = (await ctx.client.octokit.request(route, { ...params, per_page: PER_PAGE, page }))
        .data;
    }
    const pageItems = pick(data);
    items.push(...pageItems);
    const last = pageItems.at(-1);
    if (pageItems.length < PER_PAGE || last === undefined || before(createdAt(last), stopBefore))
      return items;
  }
}
