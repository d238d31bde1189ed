import { DoraInputError } from './errors.js';
import { filled } from './filled.js';
import { hashAll, IdIndex, idHash } from './id-index.js';
import { instantInto, instantToMs, isValidInstant, requireInstant } from './instant.js';
import { HashFilter, keptRows, repeatedIds } from './repeated-ids.js';
import type { DoraData } from './types.js';

/** A validated input record, read back for the fields few metrics need. */
export type Rec = Readonly<Record<string, unknown>>;

/*
 * The normalised input is held column by column: one list of numbers per instant or flag and
 * one list per string field, indexed by row. A million records as one object each would cost
 * more garbage collection (and memory) than the metrics themselves; columns are allocated once
 * and the strings are the input's own. Plain arrays rather than typed arrays: V8 holds numbers
 * in them unboxed all the same, inside its heap, whereas a typed array's memory is external
 * and a hundred megabytes of it start a full collection of the whole heap (the input
 * included: most of a second at a million records).
 */

/** Production deployments sorted by (finishedAt, id): a row is the deployment's position. */
export interface Deployments {
  readonly length: number;
  readonly id: readonly string[];
  /** finishedAt, epoch ms. */
  readonly t: readonly number[];
  /** 1 for `success`, 0 for `failure`. */
  readonly success: readonly number[];
  readonly repository: readonly (string | undefined)[];
  readonly service: readonly (string | undefined)[];
  /** The validated input records: `environment` and `sha` are read from them. */
  readonly raw: readonly Rec[];
  /**
   * The `changeIds` of the successful deployments, row after row: those of row `p` are
   * `listed[listStart[p]]` to `listed[listStart[p + 1] - 1]`. Copied while each list is in the
   * cache: linking would otherwise read a million records and their lists from memory again.
   */
  readonly listed: readonly string[];
  readonly listStart: readonly number[];
}

/** Changes in input order (the first occurrence of each id). Absent instants are NaN. */
export interface Changes {
  readonly length: number;
  readonly id: readonly string[];
  readonly firstCommitAt: readonly number[];
  /**
   * Parsed on first read when the input lists `changeIds`: linking by id never reads it, and
   * a million parses are a tenth of the analysis. (Validated up front all the same.) For one
   * row, `changeMergedAt` does not parse the whole column.
   */
  readonly mergedAt: readonly number[];
  /** Whether `mergedAt` is parsed yet. */
  mergedParsed(): boolean;
  readonly repository: readonly (string | undefined)[];
  /** The validated input records: labels, title, branch, reverts, author, flow instants. */
  readonly raw: readonly Rec[];
}

/** Incidents in input order (the first occurrence of each id). An open incident's resolvedAt is NaN. */
export interface Incidents {
  readonly length: number;
  readonly id: readonly string[];
  readonly createdAt: readonly number[];
  readonly resolvedAt: readonly number[];
  readonly repository: readonly (string | undefined)[];
  readonly service: readonly (string | undefined)[];
  readonly deploymentId: readonly (string | undefined)[];
  /** The position of the production deployment `deploymentId` names; -1 for none. */
  readonly deploymentPosition: readonly number[];
}

export interface NormalData {
  /** Production deployments only: the others are validated, then play no part. */
  deployments: Deployments;
  changes: Changes;
  incidents: Incidents;
  /** Changes by id: their row. */
  changeById: IdIndex;
  /** True when at least one deployment in the input carries `changeIds`. */
  linked: boolean;
}

type Kind = 'deployments' | 'changes' | 'incidents';

// The record's name (`deployments[3]`) is built only when it is needed: for the error.
function fail(kind: Kind, index: number, field: string, problem: string): never {
  throw new DoraInputError(`${kind}[${index}]`, field, problem);
}

function requireId(value: unknown, kind: Kind, index: number): string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(kind, index, 'id', 'is required (a non-empty string)');
  }
  return value;
}

// `null` is read as "absent": JSON from collectors often spells a missing field that way.
function optionalString(
  value: unknown,
  kind: Kind,
  index: number,
  field: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(kind, index, field, 'must be a string');
  return value;
}

function optionalStrings(
  value: unknown,
  kind: Kind,
  index: number,
  field: string,
): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(kind, index, field, 'must be an array of strings');
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') fail(kind, index, `${field}[${i}]`, 'must be a string');
  }
  return value as string[];
}

function asRecord(value: unknown, kind: Kind, index: number): Rec {
  if (typeof value !== 'object' || value === null) {
    fail(kind, index, 'id', 'the record must be an object');
  }
  return value as Rec;
}

/** Writes a required instant's epoch ms to `out[i]`; throws naming the record and field. */
function instant(
  value: unknown,
  out: number[],
  i: number,
  kind: Kind,
  index: number,
  field: string,
): void {
  // requireInstant words the error exactly as for the options.
  if (!instantInto(value, out, i)) requireInstant(value, `${kind}[${index}]`, field);
}

/** Like `instant`, NaN when absent. */
function optionalInstant(
  value: unknown,
  out: number[],
  i: number,
  kind: Kind,
  index: number,
  field: string,
): void {
  if (value === undefined || value === null) out[i] = Number.NaN;
  else instant(value, out, i, kind, index, field);
}

/** Validates an instant that is not kept (read again only if asked); optional unless `required`. */
function validInstant(
  value: unknown,
  kind: Kind,
  index: number,
  field: string,
  required = false,
): void {
  const absent = value === undefined || value === null;
  if (absent ? required : !isValidInstant(value)) requireInstant(value, `${kind}[${index}]`, field);
}

function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** The deployment's environment name, as given. */
export function deploymentEnvironment(d: Deployments, p: number): string {
  return (d.raw[p] as Rec).environment as string;
}

/** The deployed commit, validated (`null` reads as absent). */
export function deploymentSha(d: Deployments, p: number): string | undefined {
  return optional((d.raw[p] as Rec).sha as string | null | undefined);
}

type ChangeText = 'author' | 'title' | 'branch' | 'reverts';

/**
 * A validated optional string field of a change (`null` reads as absent, as in validation).
 * One named property read per field: a read by a computed name is several times slower, and
 * a million changes are read this way.
 */
export function changeText(c: Changes, row: number, field: ChangeText): string | undefined {
  const r = c.raw[row] as Rec;
  let v: unknown;
  switch (field) {
    case 'title':
      v = r.title;
      break;
    case 'branch':
      v = r.branch;
      break;
    case 'reverts':
      v = r.reverts;
      break;
    default:
      v = r.author;
  }
  return v === null ? undefined : (v as string | undefined);
}

/** A validated change record's mergedAt in epoch ms, NaN when absent. */
function mergedAtOf(r: Rec): number {
  const v = r.mergedAt;
  return v === null || v === undefined ? Number.NaN : instantToMs(v);
}

/** A change's mergedAt in epoch ms (NaN when absent), without parsing the whole column. */
export function changeMergedAt(c: Changes, row: number): number {
  return c.mergedParsed() ? (c.mergedAt[row] as number) : mergedAtOf(c.raw[row] as Rec);
}

/** The change's labels, validated. */
export function changeLabels(c: Changes, row: number): readonly string[] | undefined {
  return optional((c.raw[row] as Rec).labels as readonly string[] | null | undefined);
}

/** A validated optional instant of a change in epoch ms, parsed again (only the flow view asks). */
export function changeInstant(
  c: Changes,
  row: number,
  field: 'createdAt' | 'firstReviewAt',
): number | undefined {
  const v = (c.raw[row] as Rec)[field];
  return v === null || v === undefined ? undefined : instantToMs(v);
}

function requireArray(data: Rec, field: keyof DoraData): unknown[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DoraInputError('data', field, 'must be an array');
  return value;
}

function pick<T>(list: readonly T[], rows: readonly number[]): T[] {
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = list[rows[i] as number] as T;
  return out;
}

/*
 * Duplicate ids keep one record each, chosen by content so the result never depends on input
 * order: a deployment's latest-finished attempt (a re-run replaces the earlier attempt), the
 * latest-merged change, the latest-resolved incident (resolved beats open).
 */

function normaliseDeployments(
  rawDeployments: readonly unknown[],
  isProduction: (environment: string) => boolean,
  changeCount: number,
): { deployments: Deployments; hashes: number[]; linked: boolean } {
  const n = rawDeployments.length;
  // Sized for every record and cut to the production ones at the end: lists grown by `push`
  // to a million entries are copied again and again, and the copies are old-space garbage.
  const ids = new Array<string>(n);
  const t = filled(n, Number.NaN);
  const success = filled(n, 0);
  const repository = new Array<string | undefined>(n);
  const service = new Array<string | undefined>(n);
  const raw = new Array<Rec>(n);
  // Each id is hashed here, while its string is in the cache: a pass of its own would read the
  // million strings from memory again.
  const idHashes = filled(n, 0);
  // Sized for a list entry per change (the usual case; a longer list grows it), for the same reason.
  const listed = new Array<string>(changeCount);
  let listedCount = 0;
  const listStart = filled(n + 1, 0);
  let count = 0;
  let linked = false;
  const K = 'deployments';
  for (let i = 0; i < n; i++) {
    const d = asRecord(rawDeployments[i], K, i);
    const id = requireId(d.id, K, i);
    const environment = d.environment;
    if (typeof environment !== 'string') fail(K, i, 'environment', 'is required (a string)');
    const status = d.status;
    if (status !== 'success' && status !== 'failure') {
      fail(K, i, 'status', `${JSON.stringify(status)} is not 'success' or 'failure'`);
    }
    // Other environments play no part beyond validation: their finish is checked, not parsed.
    const production = isProduction(environment);
    if (production) instant(d.finishedAt, t, count, K, i, 'finishedAt');
    else validInstant(d.finishedAt, K, i, 'finishedAt', true);
    validInstant(d.startedAt, K, i, 'startedAt');
    optionalString(d.sha, K, i, 'sha');
    const repo = optionalString(d.repository, K, i, 'repository');
    const svc = optionalString(d.service, K, i, 'service');
    const changeIds = optionalStrings(d.changeIds, K, i, 'changeIds');
    if (changeIds !== undefined) linked = true;
    if (!production) continue;
    ids[count] = id;
    idHashes[count] = idHash(id);
    listStart[count] = listedCount;
    if (status === 'success') {
      success[count] = 1;
      if (changeIds !== undefined) {
        for (let k = 0; k < changeIds.length; k++) listed[listedCount++] = changeIds[k] as string;
      }
    }
    repository[count] = repo;
    service[count] = svc;
    raw[count] = d;
    count++;
  }

  for (const column of [ids, t, success, repository, service, raw, idHashes]) column.length = count;
  listed.length = listedCount;
  listStart[count] = listedCount;
  listStart.length = count + 1;
  let table: Deployments = {
    length: count,
    id: ids,
    t,
    success,
    repository,
    service,
    raw,
    listed,
    listStart,
  };
  const later = (a: number, b: number): boolean => {
    const ta = table.t[a] as number;
    const tb = table.t[b] as number;
    if (ta !== tb) return ta > tb;
    if (table.success[a] !== table.success[b]) return table.success[a] === 1;
    return (deploymentSha(table, a) ?? '') > (deploymentSha(table, b) ?? '');
  };
  // Only incidents look deployments up, and few name one: no index of them all, only a check
  // for repeats (see namedPositions for the look-ups).
  let hashes = idHashes;
  const kept = keptRows(count, repeatedIds(ids, hashes), later);
  if (kept !== undefined) {
    table = pickDeployments(table, kept);
    hashes = pick(hashes, kept);
  }
  // Collectors usually emit deployments in time order: check before paying for a sort.
  const order = sortOrder(table);
  if (order !== undefined) {
    table = pickDeployments(table, order);
    hashes = pick(hashes, order);
  }
  return { deployments: table, hashes, linked };
}

function pickDeployments(d: Deployments, rows: readonly number[]): Deployments {
  const listStart = filled(rows.length + 1, 0);
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    listStart[i] = size;
    size += (d.listStart[r + 1] as number) - (d.listStart[r] as number);
  }
  listStart[rows.length] = size;
  const listed = new Array<string>(size);
  for (let i = 0, k = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const to = d.listStart[r + 1] as number;
    for (let j = d.listStart[r] as number; j < to; j++) listed[k++] = d.listed[j] as string;
  }
  return {
    length: rows.length,
    id: pick(d.id, rows),
    t: pick(d.t, rows),
    success: pick(d.success, rows),
    repository: pick(d.repository, rows),
    service: pick(d.service, rows),
    raw: pick(d.raw, rows),
    listed,
    listStart,
  };
}

/** The rows in (finishedAt, id) order, or undefined when they already are. */
function sortOrder(d: Deployments): number[] | undefined {
  const { t, id } = d;
  const compare = (a: number, b: number): number => {
    const ta = t[a] as number;
    const tb = t[b] as number;
    if (ta !== tb) return ta < tb ? -1 : 1;
    const ia = id[a] as string;
    const ib = id[b] as string;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  let sorted = true;
  for (let i = 1; i < d.length && sorted; i++) sorted = compare(i - 1, i) <= 0;
  if (sorted) return undefined;
  return Array.from({ length: d.length }, (_, i) => i).sort(compare);
}

/**
 * A table of changes whose mergedAt column is parsed from `raw` on first read when not given.
 * A class, not an object literal with a getter: a literal's getter is a new function per
 * table, which puts the object in dictionary mode and slows every property read of it.
 */
class ChangeTable implements Changes {
  readonly length: number;
  #merged: number[] | undefined;

  constructor(
    readonly id: readonly string[],
    readonly firstCommitAt: readonly number[],
    merged: number[] | undefined,
    readonly repository: readonly (string | undefined)[],
    readonly raw: readonly Rec[],
  ) {
    this.length = id.length;
    this.#merged = merged;
  }

  get mergedAt(): readonly number[] {
    this.#merged ??= this.raw.map(mergedAtOf);
    return this.#merged;
  }

  mergedParsed(): boolean {
    return this.#merged !== undefined;
  }
}

function normaliseChanges(
  rawChanges: readonly unknown[],
  parseMerged: boolean,
): { changes: Changes; index: IdIndex } {
  const n = rawChanges.length;
  const ids = new Array<string>(n);
  const firstCommitAt = filled(n, Number.NaN);
  const mergedAt = parseMerged ? filled(n, Number.NaN) : undefined;
  const repository = new Array<string | undefined>(n);
  const raw = new Array<Rec>(n);
  // Hashed while each id is in the cache (see normaliseDeployments).
  const hashes = filled(n, 0);
  const K = 'changes';
  for (let i = 0; i < n; i++) {
    const c = asRecord(rawChanges[i], K, i);
    const id = requireId(c.id, K, i);
    ids[i] = id;
    hashes[i] = idHash(id);
    instant(c.firstCommitAt, firstCommitAt, i, K, i, 'firstCommitAt');
    validInstant(c.createdAt, K, i, 'createdAt');
    validInstant(c.firstReviewAt, K, i, 'firstReviewAt');
    if (mergedAt === undefined) validInstant(c.mergedAt, K, i, 'mergedAt');
    else optionalInstant(c.mergedAt, mergedAt, i, K, i, 'mergedAt');
    repository[i] = optionalString(c.repository, K, i, 'repository');
    optionalString(c.author, K, i, 'author');
    optionalStrings(c.labels, K, i, 'labels');
    optionalString(c.title, K, i, 'title');
    optionalString(c.branch, K, i, 'branch');
    optionalString(c.reverts, K, i, 'reverts');
    raw[i] = c;
  }

  const table = new ChangeTable(ids, firstCommitAt, mergedAt, repository, raw);
  const merged = (row: number): number => {
    const m = changeMergedAt(table, row);
    return Number.isNaN(m) ? Number.NEGATIVE_INFINITY : m;
  };
  const later = (a: number, b: number): boolean => {
    const am = merged(a);
    const bm = merged(b);
    if (am !== bm) return am > bm;
    const fa = firstCommitAt[a] as number;
    const fb = firstCommitAt[b] as number;
    if (fa !== fb) return fa < fb;
    return (changeText(table, a, 'title') ?? '') > (changeText(table, b, 'title') ?? '');
  };
  const { index, kept } = IdIndex.build(ids, later, hashes);
  if (kept === undefined) return { changes: table, index };
  return {
    changes: new ChangeTable(
      index.ids,
      pick(firstCommitAt, kept),
      mergedAt === undefined ? undefined : pick(mergedAt, kept),
      pick(repository, kept),
      pick(raw, kept),
    ),
    index,
  };
}

function normaliseIncidents(
  rawIncidents: readonly unknown[],
): Omit<Incidents, 'deploymentPosition'> {
  const n = rawIncidents.length;
  const ids = new Array<string>(n);
  const createdAt = filled(n, Number.NaN);
  const resolvedAt = filled(n, Number.NaN);
  const repository = new Array<string | undefined>(n);
  const service = new Array<string | undefined>(n);
  const deploymentId = new Array<string | undefined>(n);
  const hashes = filled(n, 0);
  const K = 'incidents';
  for (let i = 0; i < n; i++) {
    const r = asRecord(rawIncidents[i], K, i);
    const id = requireId(r.id, K, i);
    ids[i] = id;
    hashes[i] = idHash(id);
    instant(r.createdAt, createdAt, i, K, i, 'createdAt');
    optionalInstant(r.resolvedAt, resolvedAt, i, K, i, 'resolvedAt');
    repository[i] = optionalString(r.repository, K, i, 'repository');
    service[i] = optionalString(r.service, K, i, 'service');
    deploymentId[i] = optionalString(r.deploymentId, K, i, 'deploymentId');
  }
  const resolved = (row: number): number => {
    const r = resolvedAt[row] as number;
    return Number.isNaN(r) ? Number.NEGATIVE_INFINITY : r;
  };
  const later = (a: number, b: number): boolean => {
    const ra = resolved(a);
    const rb = resolved(b);
    if (ra !== rb) return ra > rb;
    return (createdAt[a] as number) < (createdAt[b] as number);
  };
  const kept = keptRows(n, repeatedIds(ids, hashes), later);
  if (kept === undefined) {
    return { length: n, id: ids, createdAt, resolvedAt, repository, service, deploymentId };
  }
  return {
    length: kept.length,
    id: pick(ids, kept),
    createdAt: pick(createdAt, kept),
    resolvedAt: pick(resolvedAt, kept),
    repository: pick(repository, kept),
    service: pick(service, kept),
    deploymentId: pick(deploymentId, kept),
  };
}

/**
 * Per incident, the position of the production deployment its `deploymentId` names, or -1.
 * The named ids are few beside the deployments: they are indexed (a table within the
 * processor's cache) and the deployments' ids, already hashed, are looked up in it.
 */
function namedPositions(
  incidents: Omit<Incidents, 'deploymentPosition'>,
  d: Deployments,
  hashes: readonly number[],
): number[] {
  const out = filled(incidents.length, -1);
  const named: string[] = [];
  for (let i = 0; i < incidents.length; i++) {
    const id = incidents.deploymentId[i];
    if (id !== undefined) named.push(id);
  }
  if (named.length === 0) return out;
  // Hashed once: for the index, its filter and the incidents' own look-ups below.
  const namedHashes = hashAll(named);
  const { index } = IdIndex.build(named, () => false, namedHashes);
  const filter = new HashFilter(namedHashes);
  const position = filled(index.size, -1);
  for (let p = 0; p < d.length; p++) {
    const h = hashes[p] as number;
    if (!filter.mayHold(h)) continue;
    const r = index.getHashed(d.id[p] as string, h);
    if (r >= 0) position[r] = p;
  }
  for (let i = 0, j = 0; i < incidents.length; i++) {
    const id = incidents.deploymentId[i];
    if (id === undefined) continue;
    out[i] = position[index.getHashed(id, namedHashes[j++] as number)] as number;
  }
  return out;
}

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
  const d = normaliseDeployments(rawDeployments, isProduction, rawChanges.length);
  // Linking by changeIds never reads mergedAt: then it is only validated, parsed if asked.
  const c = normaliseChanges(rawChanges, !d.linked);
  const incidents = normaliseIncidents(rawIncidents);
  return {
    deployments: d.deployments,
    changes: c.changes,
    incidents: {
      ...incidents,
      deploymentPosition: namedPositions(incidents, d.deployments, d.hashes),
    },
    changeById: c.index,
    linked: d.linked,
  };
}
