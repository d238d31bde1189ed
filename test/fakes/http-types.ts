import { createHash } from 'node:crypto';

/** One incoming request, with `path` relative to its API prefix (`/repos/...`, `/incidents`). */
export interface ReplayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The absolute URL of the request, for Link headers. */
  url: URL;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; absent = no body. */
  body?: unknown;
  /** `body` already serialised (the ETag needed it), so it is not serialised twice. */
  text?: string;
}

/** A matched route: its template name for the stats and the handler producing the answer. */
export interface Route {
  name: string;
  handle: () => Reply | Promise<Reply>;
}

export function header(req: ReplayRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function etagOf(text: string): string {
  return `W/"${createHash('sha1').update(text).digest('hex')}"`;
}

/** True when an `If-None-Match` value names the given ETag (weak comparison, like GitHub). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const want = strip(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === want);
}
