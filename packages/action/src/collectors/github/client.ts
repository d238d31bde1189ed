import { defaults, GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';
import { retry } from '@octokit/plugin-retry';
import type { ThrottlingOptions } from '@octokit/plugin-throttling';
import { throttling } from '@octokit/plugin-throttling';
import type { ApiUsage } from '../../run-info.js';
import { CollectorError, PermissionError, RateLimitedError } from '../errors.js';

export interface GitHubClientOptions {
  token: string;
  apiUrl: string;
  graphqlUrl: string;
  fetch?: typeof fetch;
  log?: (msg: string) => void;
  /** give up waiting beyond this (ms) */
  maxWaitMs?: number;
  userAgent?: string;
  /**
   * How long one second of waiting asked for by the API lasts here, in ms. 1000 in production; tests
   * shrink it so a `retry-after: 30` is honoured without sleeping 30 s. The budget (`maxWaitMs`) is
   * always counted in the API's seconds.
   */
  retryAfterBaseMs?: number;
  /** Retries of 5xx and network errors. Default 3 (1 s, 4 s, 9 s apart). */
  retries?: number;
  /** A request taking longer than this is aborted and retried like a network error. Default 30 s. */
  requestTimeoutMs?: number;
}

const BuiltOctokit = GitHub.plugin(throttling, retry, paginateGraphQL);
export type GitHubOctokit = InstanceType<typeof BuiltOctokit>;

export type ConditionalResult<T> =
  | {
      status: 200;
      data: T;
      etag?: string /** the Link header names a next page */;
      hasNext: boolean;
    }
  | { status: 304; etag: string };

export interface GitHubClient {
  octokit: GitHubOctokit;
  usage(): ApiUsage;
  conditionalGet<T>(route: string, params: object, etag?: string): Promise<ConditionalResult<T>>;
}

const DEFAULT_MAX_WAIT_MS = 5 * 60_000;
/** Rate-limit waits per request, whatever the budget: a server answering `retry-after: 0` forever must not loop. */
const MAX_LIMIT_RETRIES = 4;
/** GitHub's advice when a secondary limit gives no retry-after: wait at least a minute. */
const SECONDARY_FALLBACK_SECONDS = 60;

type Headers = Record<string, string | number | undefined>;
interface ResponseLike {
  status?: number;
  headers?: Headers;
  data?: unknown;
}
interface ErrorLike {
  status?: number;
  message?: string;
  response?: ResponseLike;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const baseMs = options.retryAfterBaseMs ?? 1000;
  const usage: ApiUsage = {
    github: 0,
    notModified: 0,
    pagerduty: 0,
    githubRemaining: null,
    graphqlRemaining: null,
  };
  let waitedMs = 0;
  /** Takes `seconds` from the wait budget; false when that would exceed it. */
  const takeWait = (seconds: number): boolean => {
    if (waitedMs + seconds * 1000 > maxWaitMs) return false;
    waitedMs += seconds * 1000;
    return true;
  };

  const countingFetch = createCountingFetch(options, usage);
  // Route options carry the URL template; expand it so messages name the real path.
  const describe = (route: { method?: string; url?: string }): string => {
    try {
      const { method, url } = octokit.request.endpoint(
        route as Parameters<typeof octokit.request.endpoint>[0],
      );
      return `${method} ${pathOf(url)}`;
    } catch {
      return `${route.method ?? 'GET'} ${pathOf(route.url ?? '')}`;
    }
  };
  const onLimit =
    (kind: 'primary' | 'secondary') =>
    async (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ): Promise<boolean> => {
      // A secondary limit without retry-after falls back to a minute; repeated, the wait doubles
      // (GitHub: "wait at least one minute, then back off exponentially"). The plugin waits
      // `retryAfter` itself after this handler: only the extra is slept here.
      const extra =
        kind === 'secondary' && retryAfter === SECONDARY_FALLBACK_SECONDS
          ? retryAfter * (2 ** retryCount - 1)
          : 0;
      const seconds = retryAfter + extra;
      if (retryCount >= MAX_LIMIT_RETRIES || !takeWait(seconds)) return false;
      log(`GitHub ${kind} rate limit on ${describe(request)}: waiting ${seconds} s`);
      if (extra > 0) await sleep(extra * baseMs);
      return true;
    };

  const octokit = new BuiltOctokit(
    getOctokitOptions(options.token, {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'dora-action',
      request: { fetch: countingFetch },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: baseMs,
        fallbackSecondaryRateRetryAfter: SECONDARY_FALLBACK_SECONDS,
        // Read-only GraphQL queries are not writes: without this the plugin spaces them 1 s apart.
        write: unthrottledGroup(),
      },
      retry: {
        // 429 belongs to the throttling logic; retrying it on the generic backoff would double-wait.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        retries: options.retries ?? 3,
        retryAfterBaseValue: baseMs,
      },
    }),
  );

  octokit.hook.wrap('request', async (request, requestOptions) => {
    if (requestOptions.url === '/graphql') requestOptions.url = options.graphqlUrl;
    for (let attempt = 0; ; attempt++) {
      let limited: LimitSignal;
      let kind = 'rate limit';
      try {
        const response = await request(requestOptions);
        if (!hasRateLimitedError(response.data)) {
          const problems = graphqlErrorMessages(response.data);
          // Partial data with an error (a resource limit, say) must not pass for a complete page.
          if (problems.length > 0) {
            throw new CollectorError(
              'github',
              `GitHub answered ${describe(requestOptions)} with errors (its data is incomplete): ${problems.join('; ')}`,
              { status: response.status },
            );
          }
          return response;
        }
        limited = { response, handledByPlugin: false };
      } catch (error) {
        if (error instanceof CollectorError) throw error;
        const e = error as ErrorLike;
        if (e.status === 304) throw error;
        const signal = rateLimitSignal(e, pathOf(requestOptions.url));
        if (signal === undefined) {
          throw toCollectorError(e, describe(requestOptions), options.token);
        }
        if (/\bsecondary rate\b/i.test(e.message ?? '')) kind = 'secondary rate limit';
        limited = signal;
      }
      const headers = limited.response.headers ?? {};
      const resetAt = resetTime(headers);
      const what = describe(requestOptions);
      // The throttling plugin already waited what the budget allowed before letting this through.
      const seconds = waitSeconds(headers);
      if (limited.handledByPlugin || attempt >= MAX_LIMIT_RETRIES || !takeWait(seconds)) {
        throw new RateLimitedError(
          'github',
          `GitHub ${kind} reached on ${what}; ${resetAt ? `it resets at ${resetAt.toISOString()}` : 'no reset time given'} (waited ${Math.round(waitedMs / 1000)} s of the ${Math.round(maxWaitMs / 1000)} s allowed)`,
          resetAt,
          limited.response.status,
        );
      }
      log(`GitHub rate limit on ${what}: waiting ${seconds} s`);
      await sleep(seconds * baseMs);
    }
  });

  return {
    octokit,
    usage: () => ({ ...usage }),
    async conditionalGet<T>(
      route: string,
      params: object,
      etag?: string,
    ): Promise<ConditionalResult<T>> {
      const headers = etag === undefined ? {} : { 'if-none-match': etag };
      try {
        const response = await octokit.request(route, { ...params, headers });
        const newEtag = response.headers.etag;
        const hasNext = /rel="next"/.test(response.headers.link ?? '');
        return newEtag === undefined
          ? { status: 200, data: response.data as T, hasNext }
          : { status: 200, data: response.data as T, etag: newEtag, hasNext };
      } catch (error) {
        if ((error as ErrorLike).status === 304 && etag !== undefined) return { status: 304, etag };
        throw error;
      }
    },
  };
}

function createCountingFetch(options: GitHubClientOptions, usage: ApiUsage): typeof fetch {
  const base =
    options.fetch ?? (defaults.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const graphqlPath = pathOf(options.graphqlUrl);
  return async (input, init) => {
    usage.github++;
    const signal = init?.signal ?? AbortSignal.timeout(timeoutMs);
    const response = await base(input, { ...init, signal });
    if (response.status === 304) usage.notModified++;
    const remaining = Number.parseInt(response.headers.get('x-ratelimit-remaining') ?? '', 10);
    if (Number.isFinite(remaining)) {
      const resource = response.headers.get('x-ratelimit-resource');
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const isGraphql =
        resource === 'graphql' || (resource === null && pathOf(url) === graphqlPath);
      if (isGraphql) usage.graphqlRemaining = lowest(usage.graphqlRemaining, remaining);
      else usage.githubRemaining = lowest(usage.githubRemaining, remaining);
    }
    return response;
  };
}

interface LimitSignal {
  response: ResponseLike;
  /** The throttling plugin recognises this kind and has already decided not to wait any longer. */
  handledByPlugin: boolean;
}

/** Whether an error is a rate limit, and whether @octokit/plugin-throttling saw it as one. */
function rateLimitSignal(error: ErrorLike, path: string): LimitSignal | undefined {
  const response = error.response;
  if (response === undefined) return undefined;
  const headers = response.headers ?? {};
  const graphqlLimited = hasRateLimitedError(response.data);
  const status = error.status;
  const pluginLooks =
    status === 403 || status === 429 || (path.startsWith('/graphql') && status !== 401);
  const pluginKnows =
    /\bsecondary rate\b/i.test(error.message ?? '') ||
    String(headers['x-ratelimit-remaining']) === '0' ||
    graphqlLimited;
  if (pluginLooks && pluginKnows) return { response, handledByPlugin: true };
  if (graphqlLimited) return { response, handledByPlugin: false };
  if ((status === 403 || status === 429) && headers['retry-after'] !== undefined)
    return { response, handledByPlugin: false };
  if (status === 429) return { response, handledByPlugin: false };
  return undefined;
}

function hasRateLimitedError(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || !('errors' in data)) return false;
  const errors = (data as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.some(
      (e) =>
        typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'RATE_LIMITED',
    )
  );
}

/** The messages of a GraphQL answer's `errors` (empty when there are none). */
function graphqlErrorMessages(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || !('errors' in data)) return [];
  const errors = (data as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const { type, message } = (typeof e === 'object' && e !== null ? e : {}) as {
      type?: unknown;
      message?: unknown;
    };
    const text = typeof message === 'string' ? message.slice(0, 300) : 'unknown error';
    return typeof type === 'string' ? `${type}: ${text}` : text;
  });
}

/** retry-after wins; else until x-ratelimit-reset (+1 s, to be after it); else a minute. */
export function waitSeconds(headers: Headers, nowMs: number = Date.now()): number {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
    return Math.max(0, retryAfter);
  const reset = resetTime(headers);
  if (reset !== null) return Math.max(0, Math.ceil((reset.getTime() - nowMs) / 1000) + 1);
  return SECONDARY_FALLBACK_SECONDS;
}

function resetTime(headers: Headers): Date | null {
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset > 0)
    return new Date(reset * 1000);
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
    return new Date(Date.now() + retryAfter * 1000);
  return null;
}

/**
 * A server may echo what it was sent (a proxy, a validation message): the token is cut out of the
 * message, and a cause that would still show it is replaced by its redacted message.
 */
function toCollectorError(error: ErrorLike, what: string, token: string): CollectorError {
  const status = error.status;
  const hide = (text: string): string => (token === '' ? text : text.replaceAll(token, '***'));
  const shows = (() => {
    try {
      return token !== '' && `${error.message ?? ''}${JSON.stringify(error)}`.includes(token);
    } catch {
      return true;
    }
  })();
  const message = hide(error.message ?? '');
  const cause: unknown = shows ? new Error(message) : error;
  if (status === 401) {
    return new CollectorError(
      'github',
      `GitHub rejected the token (401) on ${what}: check the \`github-token\` input`,
      { status, cause },
    );
  }
  if (status === 403) {
    const accepted = error.response?.headers?.['x-accepted-github-permissions'];
    const permission = accepted === undefined ? undefined : describePermissions(String(accepted));
    const needs =
      permission === undefined ? 'the token lacks a permission' : `needs \`${permission}\``;
    return new PermissionError(
      'github',
      `GitHub refused ${what} (403): ${needs}`,
      permission,
      status,
    );
  }
  if (status === 404) {
    return new CollectorError(
      'github',
      `GitHub answered 404 on ${what}: it does not exist or the token cannot see it`,
      { status, cause },
    );
  }
  if (status === undefined) {
    return new CollectorError(
      'github',
      `GitHub request ${what} failed: ${message || 'unknown error'}`,
      { cause },
    );
  }
  return new CollectorError(
    'github',
    `GitHub request ${what} failed (${status}): ${message}`.trim(),
    { status, cause },
  );
}

/** `actions=read; contents=read` -> `actions: read, contents: read` (alternatives, comma-separated, keep the first). */
export function describePermissions(header: string): string | undefined {
  const first = header.split(',')[0]?.trim();
  if (first === undefined || first === '') return undefined;
  return first
    .split(';')
    .map((part) => part.trim().replace('=', ': '))
    .filter((part) => part !== '')
    .join(', ');
}

function unthrottledGroup() {
  const limiter = {
    schedule: <A extends unknown[], R>(_opts: unknown, fn: (...args: A) => R, ...args: A) =>
      fn(...args),
  };
  // The plugin only calls `.key(id).schedule(...)`; a Bottleneck group is not importable here under pnpm.
  return { key: () => limiter } as unknown as NonNullable<ThrottlingOptions['write']>;
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x.invalid').pathname;
  } catch {
    return url;
  }
}

function lowest(current: number | null, seen: number): number {
  return current === null ? seen : Math.min(current, seen);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
