import type { Change, Deployment, DoraData, Incident } from '@dora/core';
import { seeded } from './random.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface GenerateOptions {
  /** Deployments and changes each; incidents are a tenth of it. */
  size: number;
  seed?: number;
  /** Start of the 365-day window the events fill. */
  from?: string;
}

export interface Generated {
  data: DoraData;
  window: { from: string; to: string };
  repositories: number;
}

export const BENCH_WINDOW_FROM = '2025-01-01T00:00:00.000Z';
const REPOSITORIES = 50;
const PRODUCTION_SHARE = 0.8;
const PRODUCTION_FAILURE_RATE = 0.07;
const STAGING_FAILURE_RATE = 0.05;
const INCIDENT_CAUSED_SHARE = 0.6;
const INCIDENT_EXPLICIT_SHARE = 0.5;
const INCIDENT_OPEN_RATE = 0.03;
const NEGATIVE_LEAD_TIME_RATE = 0.01;

const dayPrefixes = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** `Date#toISOString` for instants after 1970, with the date part cached per day (5x faster). */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
}

/**
 * Records exactly as a collector holds them after `JSON.parse` of an API response: flat strings
 * and JSON-shaped objects. Strings built by concatenation are V8 ropes until first read, which
 * would charge their flattening to whoever reads them first (the engine being timed). Done in
 * chunks, as a whole million records would exceed V8's longest string.
 */
function asParsedJson<T>(records: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < records.length; i += 50_000) {
    for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 50_000))) as T[]) out.push(r);
  }
  return out;
}

/**
 * Events as collectors deliver them (ISO strings, owner/name ids) over one 365-day window:
 * deployments evenly spread with jitter (distinct instants), 80% to production; every change
 * shipped by one successful production deployment of its repository (changeIds, so batches of
 * several changes occur); 1% of changes carry a first commit after their deployment (a data
 * error the metrics must exclude); incidents follow a production deployment within 20 hours
 * (60%, half naming it by deploymentId) or fall anywhere in the window; 3% stay open.
 */
export function generate(options: GenerateOptions): Generated {
  const { size } = options;
  const random = seeded(options.seed ?? 42);
  const from = Date.parse(options.from ?? BENCH_WINDOW_FROM);
  const to = from + 365 * DAY_MS;
  const repos = Array.from({ length: REPOSITORIES }, (_, i) => `acme/service-${i}`);

  const deployments: Deployment[] = new Array(size);
  const finished = new Float64Array(size);
  const shippable: number[] = [];
  const slot = (to - from) / size;
  for (let i = 0; i < size; i++) {
    const at = Math.floor(from + i * slot + random.next() * slot * 0.9);
    const production = random.next() < PRODUCTION_SHARE;
    const failed = random.next() < (production ? PRODUCTION_FAILURE_RATE : STAGING_FAILURE_RATE);
    const repository = repos[random.int(REPOSITORIES)] as string;
    finished[i] = at;
    deployments[i] = {
      id: `${repository}:run:${100_000 + i}`,
      environment: production ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      finishedAt: iso(at),
      startedAt: iso(at - 120_000 - random.int(600_000)),
      repository,
    };
    if (production && !failed) shippable.push(i);
  }

  const changes: Change[] = new Array(size);
  for (let j = 0; j < size; j++) {
    const di = shippable[random.int(shippable.length)] as number;
    const deployment = deployments[di] as Deployment;
    const repository = deployment.repository as string;
    const id = `${repository}#${j + 1}`;
    const shippedAt = finished[di] as number;
    const lead = Math.min(random.logNormal(2 * DAY_MS, 1.2), 300 * DAY_MS);
    const firstCommit =
      random.next() < NEGATIVE_LEAD_TIME_RATE
        ? shippedAt + 1000 + random.int(HOUR_MS)
        : shippedAt - Math.floor(lead);
    const merged = shippedAt - Math.floor(lead * (0.05 + 0.45 * random.next()));
    const ids = deployment.changeIds;
    if (ids) ids.push(id);
    else deployment.changeIds = [id];
    changes[j] = {
      id,
      firstCommitAt: iso(firstCommit),
      createdAt: iso(Math.min(firstCommit, merged) + Math.floor((merged - firstCommit) * 0.2)),
      mergedAt: iso(merged),
      repository,
      author: `dev-${random.int(400)}`,
      title: `Change ${j + 1}`,
    };
  }

  const count = Math.floor(size / 10);
  const incidents: Incident[] = new Array(count);
  for (let k = 0; k < count; k++) {
    let created: number;
    let repository: string;
    let deploymentId: string | undefined;
    if (random.next() < INCIDENT_CAUSED_SHARE) {
      const di = shippable[random.int(shippable.length)] as number;
      const cause = deployments[di] as Deployment;
      created = (finished[di] as number) + random.int(20 * HOUR_MS);
      repository = cause.repository as string;
      if (random.next() < INCIDENT_EXPLICIT_SHARE) deploymentId = cause.id;
    } else {
      created = from + random.int(to - from);
      repository = repos[random.int(REPOSITORIES)] as string;
    }
    const incident: Incident = {
      id: `pagerduty:P${100_000 + k}`,
      createdAt: iso(created),
      repository,
    };
    if (random.next() >= INCIDENT_OPEN_RATE) {
      incident.resolvedAt = iso(created + Math.floor(random.logNormal(3 * HOUR_MS, 1.5)));
    }
    if (deploymentId !== undefined) incident.deploymentId = deploymentId;
    incidents[k] = incident;
  }

  return {
    data: {
      deployments: asParsedJson(deployments),
      changes: asParsedJson(changes),
      incidents: asParsedJson(incidents),
    },
    window: { from: iso(from), to: iso(to) },
    repositories: REPOSITORIES,
  };
}
