import type { NDeployment } from './normalize.js';

/*
 * Deployments match an event's repository/service when both name one and they are equal; a
 * side that names none matches any. So the candidates for (repo, service) are the union of at
 * most four exact groups, each kept sorted, and every query is a binary search per group.
 * Maps are keyed by the strings themselves (`undefined` included): no key strings are built.
 */
type Groups = Map<string | undefined, NDeployment[]>;

function groupBy(
  list: readonly NDeployment[],
  keyOf: (d: NDeployment) => string | undefined,
): Groups {
  const groups: Groups = new Map();
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as NDeployment;
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
  #exact: Map<string | undefined, Groups> | undefined;
  #byRepo: Groups | undefined;
  #byService: Groups | undefined;

  constructor(sortedByPos: readonly NDeployment[]) {
    this.#all = sortedByPos;
  }

  #exactGroups(): Map<string | undefined, Groups> {
    if (this.#exact === undefined) {
      this.#exact = new Map();
      for (const [repo, list] of groupBy(this.#all, (d) => d.repository)) {
        this.#exact.set(
          repo,
          groupBy(list, (d) => d.service),
        );
      }
    }
    return this.#exact;
  }

  /** The sorted groups whose union is every deployment compatible with (repository, service). */
  candidates(
    repository: string | undefined,
    service: string | undefined,
  ): readonly (readonly NDeployment[])[] {
    if (repository === undefined && service === undefined) return [this.#all];
    if (service === undefined) {
      this.#byRepo ??= groupBy(this.#all, (d) => d.repository);
      return [this.#byRepo.get(repository) ?? EMPTY, this.#byRepo.get(undefined) ?? EMPTY];
    }
    if (repository === undefined) {
      this.#byService ??= groupBy(this.#all, (d) => d.service);
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
