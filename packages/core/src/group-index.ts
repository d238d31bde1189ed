import { filled } from './filled.js';
import type { Deployments } from './normalize.js';

/*
 * Deployments match an event's repository/service when both name one and they are equal; a
 * side that names none matches any. So the candidates for (repo, service) are the union of at
 * most four exact groups, each a sorted list of positions, and every query is a binary search
 * per group. Maps are keyed by the strings themselves (`undefined` included): no key strings
 * are built.
 */
type Groups = Map<string | undefined, Group>;

/** Positions, ascending, and their finish times alongside (searched without a second read). */
interface Group {
  positions: ArrayLike<number>;
  times: ArrayLike<number>;
}
type Column = readonly (string | undefined)[];

/** A column's names as small numbers: `names[codes[p]]` is the name at position `p`. */
interface Interned {
  codes: number[];
  names: (string | undefined)[];
}

/*
 * Several indexes group the same deployments by the same column (incident attribution, then
 * recovery): each position's name is looked up by string once per analysis, not once per
 * index. Keyed by the column itself, so nothing outlives the analysis.
 */
const internedColumns = new WeakMap<Column, Interned>();

const CACHE = 256;

function cacheSlot(name: string): number {
  const n = name.length;
  if (n < 2) return n;
  return (n * 31 + name.charCodeAt(n - 1) * 7 + name.charCodeAt(n - 2)) & (CACHE - 1);
}

function intern(column: Column): Interned {
  let interned = internedColumns.get(column);
  if (interned === undefined) {
    const byName = new Map<string | undefined, number>();
    const names: (string | undefined)[] = [];
    const codes = new Array<number>(column.length).fill(0);
    // A cache in front of the map, by length and last two characters: names come from parsed
    // JSON, each occurrence its own string, and a map hashes every one of them (a million
    // hashes); this reads three characters and compares one string, about twice as fast.
    const cachedNames = new Array<string>(CACHE).fill('');
    const cachedCodes = new Array<number>(CACHE).fill(-1);
    for (let p = 0; p < column.length; p++) {
      const name = column[p];
      const k = name === undefined ? 0 : cacheSlot(name);
      const cached = cachedCodes[k] as number;
      if (name !== undefined && cached >= 0 && cachedNames[k] === name) {
        codes[p] = cached;
        continue;
      }
      let code = byName.get(name);
      if (code === undefined) {
        code = names.length;
        names.push(name);
        byName.set(name, code);
      }
      if (name !== undefined) {
        cachedNames[k] = name;
        cachedCodes[k] = code;
      }
      codes[p] = code;
    }
    interned = { codes, names };
    internedColumns.set(column, interned);
  }
  return interned;
}

function groupBy(list: ArrayLike<number>, column: Column, t: readonly number[]): Groups {
  const { codes, names } = intern(column);
  // Counted first, so each group's lists are allocated once at their final size.
  const sizes = new Array<number>(names.length).fill(0);
  for (let i = 0; i < list.length; i++) {
    const code = codes[list[i] as number] as number;
    sizes[code] = (sizes[code] as number) + 1;
  }
  const lists: { positions: number[]; times: number[] }[] = sizes.map((size) => ({
    positions: new Array<number>(size).fill(0),
    times: filled(size, Number.NaN),
  }));
  const fill = new Array<number>(names.length).fill(0);
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as number;
    const code = codes[p] as number;
    const g = lists[code] as { positions: number[]; times: number[] };
    const at = fill[code] as number;
    g.positions[at] = p;
    g.times[at] = t[p] as number;
    fill[code] = at + 1;
  }
  const groups: Groups = new Map();
  for (let code = 0; code < lists.length; code++) {
    if ((sizes[code] as number) > 0) groups.set(names[code], lists[code] as Group);
  }
  return groups;
}

function groupOf(list: ArrayLike<number>, t: readonly number[]): Group {
  const times = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) times[i] = t[list[i] as number] as number;
  return { positions: list, times };
}

const EMPTY: Group = { positions: [], times: [] };

/** A subset of the production deployments (positions, ascending) indexed for compatible look-ups. */
export class GroupIndex {
  readonly #d: Deployments;
  readonly #positions: ArrayLike<number>;
  #all: Group | undefined;
  #exact: Map<string | undefined, Groups> | undefined;
  #byRepo: Groups | undefined;
  #byService: Groups | undefined;

  constructor(deployments: Deployments, positions: ArrayLike<number>) {
    this.#d = deployments;
    this.#positions = positions;
  }

  #exactGroups(): Map<string | undefined, Groups> {
    if (this.#exact === undefined) {
      this.#exact = new Map();
      const { repository, service, t } = this.#d;
      for (const [repo, group] of groupBy(this.#positions, repository, t)) {
        this.#exact.set(repo, groupBy(group.positions, service, t));
      }
    }
    return this.#exact;
  }

  /** The sorted groups whose union is every deployment compatible with (repository, service). */
  candidates(repository: string | undefined, service: string | undefined): readonly Group[] {
    if (repository === undefined && service === undefined) {
      this.#all ??= groupOf(this.#positions, this.#d.t);
      return [this.#all];
    }
    if (service === undefined) {
      this.#byRepo ??= groupBy(this.#positions, this.#d.repository, this.#d.t);
      return [this.#byRepo.get(repository) ?? EMPTY, this.#byRepo.get(undefined) ?? EMPTY];
    }
    if (repository === undefined) {
      this.#byService ??= groupBy(this.#positions, this.#d.service, this.#d.t);
      return [this.#byService.get(service) ?? EMPTY, this.#byService.get(undefined) ?? EMPTY];
    }
    const exact = this.#exactGroups();
    const named = exact.get(repository);
    const unnamed = exact.get(undefined);
    return [
      named?.get(service) ?? EMPTY,
      named?.get(undefined) ?? EMPTY,
      unnamed?.get(service) ?? EMPTY,
      unnamed?.get(undefined) ?? EMPTY,
    ];
  }

  /** The position of the last compatible deployment finished at or before `t`, or -1. */
  lastAtOrBefore(t: number, repository: string | undefined, service: string | undefined): number {
    let best = -1;
    for (const { positions, times } of this.candidates(repository, service)) {
      const i = upperBound(times, t) - 1;
      if (i >= 0) best = Math.max(best, positions[i] as number);
    }
    return best;
  }

  /** The position of the first compatible deployment finished at or after `t`, or -1. */
  firstAtOrAfter(t: number, repository: string | undefined, service: string | undefined): number {
    let best = -1;
    for (const { positions, times } of this.candidates(repository, service)) {
      const i = lowerBound(times, t);
      if (i < positions.length) {
        const p = positions[i] as number;
        if (best < 0 || p < best) best = p;
      }
    }
    return best;
  }

  /** The first compatible deployment sorted after position `pos`, or -1. */
  firstAfterPos(pos: number, repository: string | undefined, service: string | undefined): number {
    let best = -1;
    for (const { positions } of this.candidates(repository, service)) {
      const i = upperBound(positions, pos);
      if (i < positions.length) {
        const p = positions[i] as number;
        if (best < 0 || p < best) best = p;
      }
    }
    return best;
  }
}

/** First index of a sorted number array whose value is `>= x`. */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index of a sorted number array whose value is `> x`. */
function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
