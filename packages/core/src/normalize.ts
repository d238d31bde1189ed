import { DoraInputError } from './errors.js';
import { IdIndex } from './id-index.js';
import { instantToMs, optionalInstant, requireInstant } from './instant.js';
import type { Change, DoraData, FailureReason, Incident } from './types.js';

/** A deployment after validation, instants in epoch ms. Analysis fields are filled by `analyse`. */
export interface NDeployment {
  readonly id: string;
  readonly success: boolean;
  readonly t: number;
  readonly repository: string | undefined;
  readonly service: string | undefined;
  /** The validated input record: `environment`, `sha` and `changeIds` are read from it. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Position in the sorted production list; -1 outside production. */
  pos: number;
  /** Changes whose shipping deployment this is, sorted by id. */
  shipped: readonly NChange[];
  /** Incidents attributed to this deployment. */
  incidents: readonly NIncident[];
  reasons: readonly FailureReason[];
  /** A rollback: left out of the change failure rate's total and failures. */
  rollback: boolean;
  /** Every change it ships is a revert or hotfix, or it is a rollback (rework rate). */
  remediation: boolean;
  /** Failed deployment recovery time in seconds; `null` while unrecovered. */
  recoverySeconds: number | null;
}

/**
 * A change after validation. Only what the metrics read for every change is copied; the other
 * fields, validated, are read from the input record `raw` through the accessors below: a
 * million changes would otherwise carry copies of them (and a boxed number per instant)
 * through the whole call, as garbage-collection time and peak memory.
 */
export interface NChange {
  readonly id: string;
  readonly firstCommitAt: number;
  readonly mergedAt: number | undefined;
  readonly repository: string | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
  /** The shipping deployment `s(c)`. */
  ship: NDeployment | undefined;
  hotfix: boolean;
  revert: boolean;
  revertedBy: readonly NChange[];
}

export interface NIncident {
  readonly id: string;
  readonly createdAt: number;
  readonly resolvedAt: number | undefined;
  readonly repository: string | undefined;
  readonly service: string | undefined;
  readonly deploymentId: string | undefined;
}

export interface NormalData {
  /** Production deployments only: the others are validated, then play no part. */
  deployments: NDeployment[];
  changes: NChange[];
  incidents: NIncident[];
  /** Production deployments by id. */
  deploymentById: IdIndex<NDeployment>;
  changeById: IdIndex<NChange>;
  /** True when at least one deployment in the input carries `changeIds`. */
  linked: boolean;
}

type Rec = Record<string, unknown>;

/**
 * The one shared empty list. Most deployments ship few changes and have no incident or failure
 * reason: a million empty arrays would cost more garbage collection than the metrics themselves.
 */
export const NONE: readonly never[] = Object.freeze([]);

/** Appends to a list that may be the shared empty one (which is never mutated). */
export function append<T>(list: readonly T[], item: T): readonly T[] {
  if (list.length === 0) return [item];
  (list as T[]).push(item);
  return list;
}

function requireId(value: unknown, record: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new DoraInputError(record, 'id', 'is required (a non-empty string)');
  }
  return value;
}

// `null` is read as "absent": JSON from collectors often spells a missing field that way.
function optionalString(value: unknown, record: string, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new DoraInputError(record, field, 'must be a string');
  return value;
}

function optionalStrings(
  value: unknown,
  record: string,
  field: string,
): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new DoraInputError(record, field, 'must be an array of strings');
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') {
      throw new DoraInputError(record, `${field}[${i}]`, 'must be a string');
    }
  }
  return value as string[];
}

function asRecord(value: unknown, record: string): Rec {
  if (typeof value !== 'object' || value === null) {
    throw new DoraInputError(record, 'id', 'the record must be an object');
  }
  return value as Rec;
}

function normaliseDeployment(
  raw: unknown,
  index: number,
  isProduction: (environment: string) => boolean,
): NDeployment | undefined {
  const record = `deployments[${index}]`;
  const d = asRecord(raw, record);
  const id = requireId(d.id, record);
  if (typeof d.environment !== 'string') {
    throw new DoraInputError(record, 'environment', 'is required (a string)');
  }
  if (d.status !== 'success' && d.status !== 'failure') {
    throw new DoraInputError(
      record,
      'status',
      `${JSON.stringify(d.status)} is not 'success' or 'failure'`,
    );
  }
  const t = requireInstant(d.finishedAt, record, 'finishedAt');
  optionalInstant(d.startedAt, record, 'startedAt');
  optionalString(d.sha, record, 'sha');
  const repository = optionalString(d.repository, record, 'repository');
  const service = optionalString(d.service, record, 'service');
  const changeIds = optionalStrings(d.changeIds, record, 'changeIds');
  if (!isProduction(d.environment)) return changeIds === undefined ? undefined : NOT_PRODUCTION;
  return {
    id,
    success: d.status === 'success',
    t,
    repository,
    service,
    raw: d,
    pos: -1,
    shipped: NONE,
    incidents: NONE,
    reasons: NONE,
    rollback: false,
    remediation: false,
    recoverySeconds: null,
  };
}

function normaliseChange(raw: unknown, index: number): NChange {
  const record = `changes[${index}]`;
  const c = asRecord(raw, record) as Rec & Partial<Change>;
  const id = requireId(c.id, record);
  const firstCommitAt = requireInstant(c.firstCommitAt, record, 'firstCommitAt');
  optionalInstant(c.createdAt, record, 'createdAt');
  optionalInstant(c.firstReviewAt, record, 'firstReviewAt');
  const mergedAt = optionalInstant(c.mergedAt, record, 'mergedAt');
  const repository = optionalString(c.repository, record, 'repository');
  optionalString(c.author, record, 'author');
  optionalStrings(c.labels, record, 'labels');
  optionalString(c.title, record, 'title');
  optionalString(c.branch, record, 'branch');
  optionalString(c.reverts, record, 'reverts');
  return {
    id,
    firstCommitAt,
    mergedAt,
    repository,
    raw: c,
    ship: undefined,
    hotfix: false,
    revert: false,
    revertedBy: NONE,
  };
}

/** The deployment's environment name, as given. */
export function deploymentEnvironment(d: NDeployment): string {
  return d.raw.environment as string;
}

/** The deployed commit, validated (`null` reads as absent). */
export function deploymentSha(d: NDeployment): string | undefined {
  const v = d.raw.sha;
  return v === null || v === undefined ? undefined : (v as string);
}

/** The changes the deployment lists, validated (`null` reads as absent). */
export function deploymentChangeIds(d: NDeployment): readonly string[] | undefined {
  const v = d.raw.changeIds;
  return v === null || v === undefined ? undefined : (v as readonly string[]);
}

type ChangeText = 'author' | 'title' | 'branch' | 'reverts';

/** A validated optional string field of a change (`null` reads as absent, as in validation). */
export function changeText(c: NChange, field: ChangeText): string | undefined {
  const v = c.raw[field];
  return v === null || v === undefined ? undefined : (v as string);
}

/** The change's labels, validated. */
export function changeLabels(c: NChange): readonly string[] | undefined {
  const v = c.raw.labels;
  return v === null || v === undefined ? undefined : (v as readonly string[]);
}

/** A validated optional instant of a change in epoch ms, parsed again (only the flow view asks). */
export function changeInstant(
  c: NChange,
  field: 'createdAt' | 'firstReviewAt',
): number | undefined {
  const v = c.raw[field];
  return v === null || v === undefined ? undefined : instantToMs(v);
}

function normaliseIncident(raw: unknown, index: number): NIncident {
  const record = `incidents[${index}]`;
  const i = asRecord(raw, record) as Rec & Partial<Incident>;
  return {
    id: requireId(i.id, record),
    createdAt: requireInstant(i.createdAt, record, 'createdAt'),
    resolvedAt: optionalInstant(i.resolvedAt, record, 'resolvedAt'),
    repository: optionalString(i.repository, record, 'repository'),
    service: optionalString(i.service, record, 'service'),
    deploymentId: optionalString(i.deploymentId, record, 'deploymentId'),
  };
}

/*
 * Duplicate ids keep one record each, chosen by content so the result never depends on input
 * order: a deployment's latest-finished attempt (a re-run replaces the earlier attempt), the
 * latest-merged change, the latest-resolved incident (resolved beats open).
 */
function laterDeployment(a: NDeployment, b: NDeployment): boolean {
  if (a.t !== b.t) return a.t > b.t;
  if (a.success !== b.success) return a.success;
  return (deploymentSha(a) ?? '') > (deploymentSha(b) ?? '');
}

function laterChange(a: NChange, b: NChange): boolean {
  const am = a.mergedAt ?? Number.NEGATIVE_INFINITY;
  const bm = b.mergedAt ?? Number.NEGATIVE_INFINITY;
  if (am !== bm) return am > bm;
  if (a.firstCommitAt !== b.firstCommitAt) return a.firstCommitAt < b.firstCommitAt;
  return (changeText(a, 'title') ?? '') > (changeText(b, 'title') ?? '');
}

function laterIncident(a: NIncident, b: NIncident): boolean {
  const ar = a.resolvedAt ?? Number.NEGATIVE_INFINITY;
  const br = b.resolvedAt ?? Number.NEGATIVE_INFINITY;
  if (ar !== br) return ar > br;
  return a.createdAt < b.createdAt;
}

function requireArray(data: Rec, field: keyof DoraData): unknown[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DoraInputError('data', field, 'must be an array');
  return value;
}

/** Stands for a non-production deployment that carries `changeIds` (it still means linked mode). */
const NOT_PRODUCTION = {
  raw: { changeIds: NONE },
} as unknown as NDeployment;

/**
 * Validates and converts every record once. Throws one `DoraInputError` naming the first bad
 * record and field (e.g. `deployments[3].finishedAt`). A missing collection is read as empty.
 */
export function normaliseData(
  data: DoraData,
  isProduction: (environment: string) => boolean,
): NormalData {
  if (typeof data !== 'object' || data === null) {
    throw new DoraInputError('data', 'deployments', 'data must be an object');
  }
  const raw = data as unknown as Rec;
  const rawDeployments = requireArray(raw, 'deployments');
  const rawChanges = requireArray(raw, 'changes');
  const rawIncidents = requireArray(raw, 'incidents');
  const deployments: NDeployment[] = [];
  let linked = false;
  for (let i = 0; i < rawDeployments.length; i++) {
    const d = normaliseDeployment(rawDeployments[i], i, isProduction);
    if (d === undefined) continue;
    if (deploymentChangeIds(d) !== undefined) linked = true;
    if (d !== NOT_PRODUCTION) deployments.push(d);
  }
  const changes = new Array<NChange>(rawChanges.length);
  for (let i = 0; i < rawChanges.length; i++) changes[i] = normaliseChange(rawChanges[i], i);
  const incidents = new Array<NIncident>(rawIncidents.length);
  for (let i = 0; i < rawIncidents.length; i++)
    incidents[i] = normaliseIncident(rawIncidents[i], i);
  const d = IdIndex.build(deployments, laterDeployment);
  const c = IdIndex.build(changes, laterChange);
  return {
    deployments: d.items,
    changes: c.items,
    incidents: IdIndex.build(incidents, laterIncident).items,
    deploymentById: d.index,
    changeById: c.index,
    linked,
  };
}
