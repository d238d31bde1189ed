import type { NDeployment } from './normalize.js';

/*
 * Deployments match an event's repository/service when both name one and they are equal; a
 * side that names none matches any. So the candidates for (repo, service) are the union of at
 * most four exact groups, each kept sorted, and every query is a binary search per group.
 */
const NONE = '\u0000none';

function key(value: string | undefined): string {
  return value === undefined ? NONE : `=${value}`;
}

function groupBy(list: readonly NDeployment[], keyOf: (d: NDeployment) => string) {
  const groups = new Map<string, NDeployment[]>();
  for (const d of list) {
    const k = keyOf(d);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [d]);
    else g.push(d);
  }
  return groups;
}

const EMPTY: readonly NDeployment[] = [];

/** Deployments (sorted by `pos`) indexed for compatible repository/service look-ups. */
export class GroupIndex {
  readonly #all: readonly NDeployment[];
  #exact: Map<string, NDeployment[]> | undefined;
  #byRepo: Map<string, NDeployment[]> | undefined;
  #byService: Map<string, NDeployment[]> | undefined;

  constructor(sortedByPos: readonly NDeployment[]) {
    this.#all = sortedByPos;
  }

  /** The sorted groups whose union is every deployment compatible with (repository, service). */
  candidates(
    repository: string | undefined,
    service: string | undefined,
  ): readonly (readonly NDeployment[])[] {
    if (repository === undefined && service === undefined) return [this.#all];
    if (service === undefined) {
      this.#byRepo ??= groupBy(this.#all, (d) => key(d.repository));
      return [this.#byRepo.get(key(repository)) ?? EMPTY, this.#byRepo.get(NONE) ?? EMPTY];
    }
    if (repository === undefined) {
      this.#byService ??= groupBy(this.#all, (d) => key(d.service));
      return [this.#byService.get(key(service)) ?? EMPTY, this.#byService.get(NONE) ?? EMPTY];
    }
    this.#exact ??= groupBy(this.#all, (d) => `${key(d.repository)}\u0000${key(d.service)}`);
    const r = key(repository);
    const s = key(service);
    return [
      this.#exact.get(`${r}\u0000${s}`) ?? EMPTY,
      this.#exact.get(`${r}\u0000${NONE}`) ?? EMPTY,
      this.#exact.get(`${NONE}\u0000${s}`) ?? EMPTY,
      this.#exact.get(`${NONE}\u0000${NONE}`) ?? EMPTY,
    ];
  }

  /** The last compatible deployment finished at or before `t` (latest `pos` on ties). */
  lastAtOrBefore(
    t: number,
    repository: string | undefined,
    service: string | undefined,
  ): NDeployment | undefined {
    let best: NDeployment | undefined;
    for (const group of this.candidates(repository, service)) {
      const i = upperBoundT(group, t) - 1;
      const d = group[i];
      if (d !== undefined && (best === undefined || d.pos > best.pos)) best = d;
    }
    return best;
  }

  /** The first compatible deployment finished at or after `t`. */
  firstAtOrAfter(
    t: number,
    repository: string | undefined,
    service: string | undefined,
  ): NDeployment | undefined {
    let best: NDeployment | undefined;
    for (const group of this.candidates(repository, service)) {
      const d = group[lowerBoundT(group, t)];
      if (d !== undefined && (best === undefined || d.pos < best.pos)) best = d;
    }
    return best;
  }

  /** The first compatible deployment sorted after position `pos`. */
  firstAfterPos(
    pos: number,
    repository: string | undefined,
    service: string | undefined,
  ): NDeployment | undefined {
    let best: NDeployment | undefined;
    for (const group of this.candidates(repository, service)) {
      const d = group[upperBoundPos(group, pos)];
      if (d !== undefined && (best === undefined || d.pos < best.pos)) best = d;
    }
    return best;
  }
}

/** First index whose `t >= value`. */
export function lowerBoundT(list: readonly { t: number }[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as { t: number }).t < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose `t > value`. */
export function upperBoundT(list: readonly { t: number }[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as { t: number }).t <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundPos(list: readonly NDeployment[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as NDeployment).pos <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
