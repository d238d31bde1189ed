import type { ReplayRequest } from './http-types.js';

export interface Page<T> {
  items: T[];
  /** The `Link` header, absent when everything fits on one page. */
  link?: string;
}

export interface PageOptions {
  defaultPerPage?: number;
  maxPerPage?: number;
}

/** Reads `per_page` like GitHub: default 30, values above the maximum are clamped. */
export function perPageOf(req: ReplayRequest, options: PageOptions = {}): number {
  const max = options.maxPerPage ?? 100;
  const raw = Number.parseInt(req.query.get('per_page') ?? '', 10);
  if (!Number.isFinite(raw) || raw < 1) return options.defaultPerPage ?? 30;
  return Math.min(raw, max);
}

export function pageOf(req: ReplayRequest): number {
  const raw = Number.parseInt(req.query.get('page') ?? '', 10);
  return Number.isFinite(raw) && raw >= 1 ? raw : 1;
}

function pageUrl(req: ReplayRequest, page: number): string {
  const u = new URL(req.url.href);
  u.searchParams.set('page', String(page));
  return u.href;
}

/**
 * Slices one page out of `items` and builds GitHub's `Link` header: `prev`, `next`, `last`,
 * `first`, in that order, each present only when it leads elsewhere.
 */
export function paginate<T>(req: ReplayRequest, items: T[], options: PageOptions = {}): Page<T> {
  const perPage = perPageOf(req, options);
  const page = pageOf(req);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const rels: string[] = [];
  if (page > 1) rels.push(`<${pageUrl(req, Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) {
    rels.push(`<${pageUrl(req, page + 1)}>; rel="next"`);
    rels.push(`<${pageUrl(req, last)}>; rel="last"`);
  }
  if (page > 1) rels.push(`<${pageUrl(req, 1)}>; rel="first"`);
  return rels.length > 0 ? { items: slice, link: rels.join(', ') } : { items: slice };
}

/**
 * GitHub's date-range search syntax as the `created` filter of workflow runs accepts it:
 * `a..b`, `a..*`, `*..b`, `>=a`, `>a`, `<=b`, `<b`, or a single date (that whole day, or instant).
 * Returns a predicate over epoch milliseconds, or undefined when the syntax is not understood.
 */
export function parseDateRange(expr: string): ((t: number) => boolean) | undefined {
  const e = expr.trim();
  const bound = (s: string, end: boolean): number | undefined => {
    if (s === '*') return end ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
    if (Number.isNaN(t)) return undefined;
    // A bare date as an upper bound means the end of that day.
    return end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? t + 86_399_999 : t;
  };
  const range = /^(.+?)\.\.(.+)$/.exec(e);
  if (range) {
    const from = bound(range[1] as string, false);
    const to = bound(range[2] as string, true);
    if (from === undefined || to === undefined) return undefined;
    return (t) => t >= from && t <= to;
  }
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(e);
  if (cmp) {
    const op = cmp[1] as string;
    const rawValue = cmp[2] as string;
    const value = bound(rawValue, op === '<=' || op === '>');
    if (value === undefined) return undefined;
    if (op === '>=') return (t) => t >= value;
    if (op === '>') return (t) => t > value;
    if (op === '<=') return (t) => t <= value;
    return (t) => t < (bound(rawValue, false) as number);
  }
  const from = bound(e, false);
  const to = bound(e, true);
  if (from === undefined || to === undefined) return undefined;
  return (t) => t >= from && t <= to;
}
