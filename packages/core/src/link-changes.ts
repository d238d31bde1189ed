import { filled } from './filled.js';
import { GroupIndex } from './group-index.js';
import type { NormalData } from './normalize.js';

/** Which deployment shipped which change, both ways. */
export interface Links {
  /** Per change row: the position of its shipping deployment `s(c)`, or -1. */
  readonly ship: readonly number[];
  /**
   * The changes each deployment ships, deployment by deployment: those of position `p` are
   * `shipped[shipStart[p]]` to `shipped[shipStart[p + 1] - 1]`, so the changes shipped by a
   * run of positions (a window) are one run of `shipped`.
   */
  readonly shipStart: readonly number[];
  readonly shipped: readonly number[];
  /** Per entry of `shipped`: its lead-time sample, `s(c).finishedAt − c.firstCommitAt` in seconds (negative: a data error). */
  readonly lead: readonly number[];
}

/**
 * Links whose `ship` column is derived from `shipped` on first read: the metrics read the
 * changes deployment by deployment, and only reverts, flow and team views ask for a change's
 * deployment. Writing a million rows in change order is a million random writes.
 * A class rather than a literal with a getter (see ChangeTable in normalize.ts).
 */
class LinkTable implements Links {
  readonly #changeCount: number;
  #ship: number[] | undefined;

  constructor(
    changeCount: number,
    readonly shipStart: readonly number[],
    readonly shipped: readonly number[],
    readonly lead: readonly number[],
    ship?: number[],
  ) {
    this.#changeCount = changeCount;
    this.#ship = ship;
  }

  get ship(): readonly number[] {
    if (this.#ship === undefined) {
      const ship = filled(this.#changeCount, -1);
      const { shipStart, shipped } = this;
      for (let p = 0; p + 1 < shipStart.length; p++) {
        const to = shipStart[p + 1] as number;
        for (let k = shipStart[p] as number; k < to; k++) ship[shipped[k] as number] = p;
      }
      this.#ship = ship;
    }
    return this.#ship;
  }
}

/**
 * Sets `s(c)` for every change: the earliest-finished successful production deployment whose
 * `changeIds` lists it. Only when no deployment in the input carries `changeIds` does the
 * fallback apply: the earliest successful production deployment finished at or after
 * `mergedAt`, same repository when both name one. Listing changes explicitly therefore keeps
 * a repository's first deployment from absorbing all older history.
 */
export function linkChanges(data: NormalData, successes: readonly number[]): Links {
  // Shipped lists follow each deployment's own changeIds order: already input-order free.
  return data.linked ? linkByIds(data) : linkByMergeTime(data, successes);
}

/** Look-ups per `claimAll` batch: big enough to overlap misses, small enough to stay in cache. */
const BATCH = 4096;

function linkByIds(data: NormalData): Links {
  const { deployments: d, changeById } = data;
  const { firstCommitAt } = data.changes;
  const { listed, listStart } = d;
  const n = d.length;
  // Per position, counted first and summed into starts at the end (batches resolve late).
  const shipStart = filled(n + 1, 0);
  // Each change is shipped at most once: the lists' final size is known in advance.
  const shipped = filled(data.changes.length, 0);
  const lead = filled(data.changes.length, Number.NaN);
  const rows = filled(BATCH, 0);
  let len = 0;
  // The successful deployments' lists, in position order: the earliest listing deployment
  // claims a change, later ones find it claimed. `p` owns `listed[k]`.
  let p = 0;
  for (let from = 0; from < listed.length; from += BATCH) {
    const to = Math.min(listed.length, from + BATCH);
    changeById.claimAll(listed, from, to, rows);
    for (let k = from; k < to; k++) {
      while ((listStart[p + 1] as number) <= k) p++;
      const c = rows[k - from] as number;
      if (c < 0) continue;
      lead[len] = ((d.t[p] as number) - (firstCommitAt[c] as number)) / 1000;
      shipped[len++] = c;
      shipStart[p + 1] = (shipStart[p + 1] as number) + 1;
    }
  }
  for (let q = 0; q < n; q++)
    shipStart[q + 1] = (shipStart[q + 1] as number) + (shipStart[q] as number);
  shipped.length = len;
  lead.length = len;
  return new LinkTable(data.changes.length, shipStart, shipped, lead);
}

function linkByMergeTime(data: NormalData, successes: readonly number[]): Links {
  const { deployments: d, changes } = data;
  const index = new GroupIndex(d, successes);
  const ship = filled(changes.length, -1);
  const shipStart = filled(d.length + 1, 0);
  const mergedColumn = changes.mergedAt;
  for (let c = 0; c < changes.length; c++) {
    const mergedAt = mergedColumn[c] as number;
    if (Number.isNaN(mergedAt)) continue;
    const p = index.firstAtOrAfter(mergedAt, changes.repository[c], undefined);
    if (p < 0) continue;
    ship[c] = p;
    shipStart[p + 1] = (shipStart[p + 1] as number) + 1;
  }
  for (let p = 0; p < d.length; p++) {
    shipStart[p + 1] = (shipStart[p + 1] as number) + (shipStart[p] as number);
  }
  const fill = shipStart.slice(0, d.length);
  const shipped = filled(shipStart[d.length] as number, 0);
  for (let c = 0; c < changes.length; c++) {
    const p = ship[c] as number;
    if (p < 0) continue;
    const at = fill[p] as number;
    shipped[at] = c;
    fill[p] = at + 1;
  }
  // Within a deployment, the changes it ships by id: independent of input order.
  const ids = changes.id;
  const byId = (a: number, b: number): number => {
    const ia = ids[a] as string;
    const ib = ids[b] as string;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  for (let p = 0; p < d.length; p++) {
    const from = shipStart[p] as number;
    const to = shipStart[p + 1] as number;
    if (to - from < 2) continue;
    const sorted = shipped.slice(from, to).sort(byId);
    for (let k = from; k < to; k++) shipped[k] = sorted[k - from] as number;
  }
  const lead = filled(shipped.length, Number.NaN);
  for (let p = 0; p < d.length; p++) {
    const t = d.t[p] as number;
    const to = shipStart[p + 1] as number;
    for (let k = shipStart[p] as number; k < to; k++) {
      lead[k] = (t - (changes.firstCommitAt[shipped[k] as number] as number)) / 1000;
    }
  }
  return new LinkTable(changes.length, shipStart, shipped, lead, ship);
}
