import { api } from '@pagerduty/pdjs';
import { CollectorError, PermissionError, RateLimitedError } from '../errors.js';

export interface PagerDutyClientOptions {
  token: string;
  /** e.g. `https://api.pagerduty.com` or the EU region `https://api.eu.pagerduty.com`. */
  apiUrl: string;
  log?: (msg: string) => void;
  /** Give up waiting for the rate limit beyond this (ms) in total. Default 5 minutes. */
  maxWaitMs?: number;
  /** How long one second asked for by `ratelimit-reset` lasts here (ms): 1000; tests shrink it. */
  retryAfterBaseMs?: number;
  /**
   * pdjs retries a 429 itself, 3 times, this many ms apart, before handing the 429 back (default in
   * pdjs: 20 s, whatever `ratelimit-reset` says). Kept short: the real wait follows `ratelimit-reset`.
   */
  pdjsRetryMs?: number;
  /** Attempts for 5xx and network errors. Default 3. */
  retries?: number;
  /** A request taking longer is aborted (and retried like a network error). Default 30 s. */
  requestTimeoutMs?: number;
}

export type Query = Record<string, string | string[]>;

export interface PagerDutyClient {
  /** GET a path under the API (e.g. `/incidents`) and return the parsed body. */
  get<T>(path: string, query?: Query): Promise<T>;
  /** Requests sent (calls into pdjs; its own 429 retries are not visible). */
  requests(): number;
}

const MAX_LIMIT_RETRIES = 5;

export function createPagerDutyClient(options: PagerDutyClientOptions): PagerDutyClient {
  const log = options.log ?? (() => {});
  const base = options.apiUrl.replace(/\/+$/, '');
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  const baseMs = options.retryAfterBaseMs ?? 1000;
  const retries = options.retries ?? 3;
  let waitedMs = 0;
  let sent = 0;

  async function once(
    path: string,
    query: Query,
  ): Promise<{ status: number; data: unknown; headers: Headers }> {
    sent++;
    try {
      const res = await api({
        token: options.token,
        url: `${base}${path}`,
        method: 'GET',
        queryParameters: query,
        retryTimeout: options.pdjsRetryMs ?? 1000,
        // pdjs's own `requestTimeout` only starts a timer that aborts nothing (and can keep the process
        // alive); turn it off and abort for real instead.
        requestTimeout: 0,
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
      });
      // pdjs leaves `resource` null for servers whose URL lacks ".com/"; `data` is the body either way.
      return { status: res.status, data: res.data as unknown, headers: res.headers };
    } catch (error) {
      // pdjs rejects with the Response itself when the body is not JSON.
      if (error instanceof Response)
        return { status: error.status, data: undefined, headers: error.headers };
      // Network errors carry the URL at most, never the Authorization header.
      const reason =
        error instanceof Error ? error.message.replaceAll(options.token, '***') : 'unknown error';
      return { status: 0, data: reason, headers: new Headers() };
    }
  }

  return {
    requests: () => sent,
    async get<T>(path: string, query: Query = {}): Promise<T> {
      let failures = 0;
      for (let attempt = 0; ; attempt++) {
        const res = await once(path, query);
        if (res.status >= 200 && res.status < 300) return res.data as T;
        if (res.status === 429) {
          const seconds = Math.max(1, Number(res.headers.get('ratelimit-reset') ?? '') || 60);
          if (attempt >= MAX_LIMIT_RETRIES || waitedMs + seconds * 1000 > maxWaitMs) {
            throw new RateLimitedError(
              'pagerduty',
              `PagerDuty rate limit reached on GET ${path}; it resets in ${seconds} s (waited ${Math.round(waitedMs / 1000)} s of the ${Math.round(maxWaitMs / 1000)} s allowed)`,
              new Date(Date.now() + seconds * 1000),
              429,
            );
          }
          waitedMs += seconds * 1000;
          log(`PagerDuty rate limit on GET ${path}: waiting ${seconds} s`);
          await sleep(seconds * baseMs);
          continue;
        }
        if ((res.status === 0 || res.status >= 500) && failures < retries - 1) {
          failures++;
          await sleep(failures * failures * baseMs);
          continue;
        }
        throw toError(path, res.status, res.data, options.token);
      }
    },
  };
}

function toError(path: string, status: number, data: unknown, token: string): CollectorError {
  if (status === 0)
    return new CollectorError('pagerduty', `PagerDuty request GET ${path} failed: ${String(data)}`);
  if (status === 401) {
    return new CollectorError(
      'pagerduty',
      `PagerDuty rejected the token (401) on GET ${path}: check the \`pagerduty-token\` input`,
      { status },
    );
  }
  if (status === 403) {
    return new PermissionError(
      'pagerduty',
      `PagerDuty refused GET ${path} (403): needs \`incidents.read\``,
      'incidents.read',
      status,
    );
  }
  // A server may echo what it was sent: the key never reaches a message.
  const detail = token === '' ? describeBody(data) : describeBody(data).replaceAll(token, '***');
  return new CollectorError(
    'pagerduty',
    `PagerDuty request GET ${path} failed (${status})${detail ? `: ${detail}` : ''}`,
    { status },
  );
}

function describeBody(data: unknown): string {
  const error = (data as { error?: { message?: unknown; errors?: unknown } } | undefined)?.error;
  if (error === undefined) return '';
  const parts = [typeof error.message === 'string' ? error.message : ''];
  if (Array.isArray(error.errors))
    parts.push(...error.errors.filter((e): e is string => typeof e === 'string'));
  return parts.filter((p) => p !== '').join(' ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
