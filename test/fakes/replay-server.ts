import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { clipScenario } from './clip.js';
import { FaultPlan, resolveFaultHeaders } from './faults.js';
import { type GraphqlRequestBody, runGraphql } from './github-graphql.js';
import { githubError, matchRest, type RestWorld } from './github-rest.js';
import { etagMatches, etagOf, header, type ReplayRequest, type Reply } from './http-types.js';
import {
  matchPagerDuty,
  type PagerDutyWorld,
  pagerdutyError,
  pagerdutyRateHeaders,
  pagerdutyToken,
} from './pagerduty.js';
import { Budgets } from './rate-budget.js';
import { RepoIndex } from './repo-index.js';
import type { Scenario, ScenarioFault } from './scenario.js';

export interface ReplayStats {
  requests: number;
  notModified: number;
  byRoute: Record<string, number>;
}

export interface ReplayHandle {
  githubApiUrl: string;
  githubGraphqlUrl: string;
  pagerdutyApiUrl: string;
  statsUrl: string;
  stats(): ReplayStats;
  resetStats(): void;
  close(): Promise<void>;
}

export interface ReplayOptions {
  scenario: Scenario;
  /** Added to every answer. */
  latencyMs?: number;
  /** 0 or absent = any free port. */
  port?: number;
  /** REST requests per hour per token (GitHub's default for a PAT: 5000). */
  restBudget?: number;
  /** GraphQL points per hour per token (default 5000). */
  graphqlBudget?: number;
  /** PagerDuty requests per minute per token (default 960). */
  pagerdutyBudget?: number;
}

const GITHUB = '/github';
const GRAPHQL = '/github/graphql';
const PAGERDUTY = '/pagerduty';
const STATS = '/__stats';

interface Api {
  kind: 'rest' | 'graphql' | 'pagerduty' | 'none';
  path: string;
}

function apiOf(pathname: string): Api {
  if (pathname === GRAPHQL) return { kind: 'graphql', path: '/graphql' };
  if (pathname === GITHUB || pathname.startsWith(`${GITHUB}/`)) {
    return { kind: 'rest', path: pathname.slice(GITHUB.length) || '/' };
  }
  if (pathname.startsWith(`${PAGERDUTY}/`)) {
    return { kind: 'pagerduty', path: pathname.slice(PAGERDUTY.length) };
  }
  return { kind: 'none', path: pathname };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenOf(req: ReplayRequest): string {
  return header(req, 'authorization') ?? 'anonymous';
}

/** Starts the replay of a scenario on 127.0.0.1. */
export async function startReplayServer(opts: ReplayOptions): Promise<ReplayHandle> {
  const scenario = clipScenario(opts.scenario);
  const repos = new Map<string, RepoIndex>();
  for (const r of scenario.github.repos) {
    repos.set(`${r.owner}/${r.name}`.toLowerCase(), new RepoIndex(r));
  }
  const restBudgets = new Budgets(opts.restBudget ?? 5000);
  const graphqlBudgets = new Budgets(opts.graphqlBudget ?? 5000);
  const pdBudgets = new Budgets(opts.pagerdutyBudget ?? 960, 60_000);
  const faults = new FaultPlan(scenario.faults);
  let stats: ReplayStats = { requests: 0, notModified: 0, byRoute: {} };
  const latency = opts.latencyMs ?? 0;

  let base = '';
  const restWorld: RestWorld = {
    repos,
    ctx: { api: '', web: 'https://github.com' },
    now: scenario.now,
  };
  const pdWorld: PagerDutyWorld = {
    services: scenario.pagerduty?.services ?? [],
    incidents: [...(scenario.pagerduty?.incidents ?? [])].sort(
      (a, b) =>
        Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.incidentNumber - b.incidentNumber,
    ),
    now: scenario.now,
    api: '',
  };
  const graphqlWorld = { repos, web: 'https://github.com', now: scenario.now };

  const count = (route: string, notModified: boolean) => {
    stats.requests += 1;
    if (notModified) stats.notModified += 1;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
  };

  const restAnswer = (rr: ReplayRequest): { route: string; reply: () => Reply } => {
    const budget = restBudgets.for(tokenOf(rr));
    if (rr.path === '/rate_limit') {
      return {
        route: 'GET /rate_limit',
        reply: () => {
          const core = {
            limit: budget.limit,
            remaining: budget.remaining(),
            reset: budget.resetAt(),
            used: budget.used,
          };
          const gql = graphqlBudgets.for(tokenOf(rr));
          const graphql = {
            limit: gql.limit,
            remaining: gql.remaining(),
            reset: gql.resetAt(),
            used: gql.used,
          };
          const search = { limit: 30, remaining: 30, reset: budget.resetAt(), used: 0 };
          return {
            status: 200,
            headers: budget.githubHeaders('core'),
            body: { resources: { core, search, graphql }, rate: core },
          };
        },
      };
    }
    const route = matchRest(restWorld, rr);
    return {
      route: route?.name ?? `${rr.method} (unknown)`,
      reply: () => {
        const answer = route ? route.handle() : githubError(404, 'Not Found');
        return answer instanceof Promise ? githubError(500, 'async route') : answer;
      },
    };
  };

  const finishRest = (rr: ReplayRequest, reply: Reply, route: string): Reply => {
    const budget = restBudgets.for(tokenOf(rr));
    if (route === 'GET /rate_limit') return reply;
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    // The server's own address is left out, so a restarted replay on another port keeps its ETags.
    const etag = etagOf(text.replaceAll(base, ''));
    if (reply.status === 200 && etagMatches(header(rr, 'if-none-match'), etag)) {
      return { status: 304, headers: { ...budget.githubHeaders('core'), etag } };
    }
    if (!budget.take(1)) {
      return {
        ...githubError(
          403,
          'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.',
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        ),
        headers: budget.githubHeaders('core'),
      };
    }
    return {
      status: reply.status,
      headers: {
        ...budget.githubHeaders('core'),
        ...(reply.status === 200 ? { etag } : {}),
        ...(reply.headers ?? {}),
      },
      body: reply.body,
      text,
    };
  };

  const faultReply = (
    api: Api,
    rr: ReplayRequest,
    fault: ScenarioFault,
    runReal: () => Reply,
  ): Reply => {
    const headers = resolveFaultHeaders(fault.headers);
    if (fault.graphqlErrors !== undefined) {
      const real = fault.data === 'execute' ? runReal() : undefined;
      const data =
        real && typeof real.body === 'object' && real.body !== null
          ? (real.body as Record<string, unknown>).data
          : (fault.data ?? null);
      return {
        status: fault.status ?? 200,
        headers: { ...graphqlBudgets.for(tokenOf(rr)).githubHeaders('graphql'), ...headers },
        body: { data, errors: fault.graphqlErrors },
      };
    }
    const status = fault.status ?? 500;
    const fallback =
      api.kind === 'pagerduty'
        ? pagerdutyError(
            status,
            status === 429 ? 'Rate Limit Exceeded' : 'Server Error',
            status === 429 ? 2020 : 2000,
          ).body
        : githubError(
            status,
            status === 403 || status === 429 ? 'API rate limit exceeded' : 'Server Error',
          ).body;
    const rate =
      api.kind === 'pagerduty'
        ? pagerdutyRateHeaders(pdBudgets.for(tokenOf(rr)))
        : restBudgets.for(tokenOf(rr)).githubHeaders(api.kind === 'graphql' ? 'graphql' : 'core');
    return { status, headers: { ...rate, ...headers }, body: fault.body ?? fallback };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === STATS) {
      send(res, { status: 200, body: stats });
      return;
    }
    if (url.pathname === `${STATS}/reset` && method === 'POST') {
      stats = { requests: 0, notModified: 0, byRoute: {} };
      send(res, { status: 204 });
      return;
    }
    const body = await readBody(req);
    const api = apiOf(url.pathname);
    const rr: ReplayRequest = {
      method,
      path: api.path,
      query: url.searchParams,
      headers: req.headers,
      body,
      url,
    };
    let route: string;
    let run: () => Reply;
    if (api.kind === 'rest') {
      const a = restAnswer(rr);
      route = a.route;
      run = () => finishRest(rr, a.reply(), a.route);
    } else if (api.kind === 'graphql') {
      route = `${method} /graphql`;
      run = () => {
        if (method !== 'POST') return githubError(404, 'Not Found');
        let parsed: GraphqlRequestBody;
        try {
          parsed = JSON.parse(body) as GraphqlRequestBody;
        } catch {
          return githubError(400, 'Problems parsing JSON');
        }
        return runGraphql(graphqlWorld, parsed, graphqlBudgets.for(tokenOf(rr)));
      };
    } else if (api.kind === 'pagerduty') {
      const match = matchPagerDuty(pdWorld, rr);
      route = match?.name ?? `${method} (unknown pagerduty)`;
      run = () => {
        const token = pagerdutyToken(rr);
        if (token === undefined) return pagerdutyError(401, 'Invalid Credentials', 2006);
        const budget = pdBudgets.for(token);
        if (!budget.take(1)) {
          return {
            ...pagerdutyError(429, 'Rate Limit Exceeded', 2020),
            headers: pagerdutyRateHeaders(budget),
          };
        }
        const reply = match ? (match.handle() as Reply) : pagerdutyError(404, 'Not Found', 2100);
        return { ...reply, headers: { ...pagerdutyRateHeaders(budget), ...(reply.headers ?? {}) } };
      };
    } else {
      route = `${method} (unknown)`;
      run = () => githubError(404, 'Not Found');
    }
    const fault = faults.check(method, api.path, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.reset) {
      count(route, false);
      req.socket.destroy();
      return;
    }
    if (latency > 0) await sleep(latency);
    const replaces =
      fault !== undefined &&
      (fault.status !== undefined || fault.graphqlErrors !== undefined || fault.body !== undefined);
    let reply = fault && replaces ? faultReply(api, rr, fault, run) : run();
    if (fault && !replaces && (fault.omit || fault.patch)) reply = reshape(reply, fault);
    count(route, reply.status === 304);
    send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        send(res, githubError(500, `replay: ${(e as Error).message}`));
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  restWorld.ctx.api = `${base}${GITHUB}`;
  pdWorld.api = `${base}${PAGERDUTY}`;

  return {
    githubApiUrl: `${base}${GITHUB}`,
    githubGraphqlUrl: `${base}${GRAPHQL}`,
    pagerdutyApiUrl: `${base}${PAGERDUTY}`,
    statsUrl: `${base}${STATS}`,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { requests: 0, notModified: 0, byRoute: {} };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The real answer with top-level keys removed or replaced, as a fault asked. */
function reshape(reply: Reply, fault: ScenarioFault): Reply {
  if (typeof reply.body !== 'object' || reply.body === null || Array.isArray(reply.body))
    return reply;
  const body: Record<string, unknown> = { ...(reply.body as Record<string, unknown>) };
  for (const key of fault.omit ?? []) delete body[key];
  Object.assign(body, fault.patch ?? {});
  const headers = { ...(reply.headers ?? {}) };
  delete headers.etag;
  return { status: reply.status, headers, body };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    'x-github-media-type': 'github.v3; format=json',
    ...(reply.headers ?? {}),
  };
  if (reply.status === 304 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = reply.text ?? JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
