import { keepLoads } from './warm.js';

/**
 * Rows by id, one per id: the index of the changes that deployments' `changeIds` are joined
 * against, a million look-ups into a million ids. At that size the join is bound by memory
 * latency, not by arithmetic, so the layout and the order of the work are chosen for it:
 *
 * - one plain array holds three entries per slot, the id's hash, 1 + its row (0: empty) and
 *   the id itself, so a probe reads one cache line rather than one per list;
 * - hashes are computed in a pass of their own before the table is touched, and look-ups come
 *   in batches split into the same passes (hash, probe, compare): each pass is a short loop
 *   whose iterations do not wait on each other, so the processor overlaps their cache misses
 *   instead of taking them one after another (about twice as fast at a million).
 *
 * A plain array rather than typed arrays: a typed array's memory is external to V8's heap, and
 * enough of it starts a full collection of the whole heap, the input included.
 */
export class IdIndex {
  /** The id of each row. */
  readonly ids: readonly string[];
  /** Per slot `p`: `[3p]` the id's hash (with `CLAIMED`), `[3p + 1]` 1 + its row, `[3p + 2]` the id. */
  readonly #table: (number | string)[];
  readonly #mask: number;
  /** Scratch lists of `claimAll`, kept between batches. */
  #batchHashes: number[] = [];
  #batchSlots: number[] = [];

  private constructor(ids: readonly string[], table: (number | string)[]) {
    this.ids = ids;
    this.#table = table;
    this.#mask = table.length / 3 - 1;
  }

  /**
   * Indexes the rows `0..ids.length-1`. When ids repeat, `later(a, b)` says whether row `a`
   * replaces row `b`; `kept` then lists the rows kept, in the order of each id's first
   * occurrence (as a `Map` keeps its keys), and the index refers to positions in `kept`.
   * Without repeats `kept` is undefined and the index refers to the rows themselves.
   * `hashes` are the ids' `hashAll`, when the caller has them already.
   */
  static build(
    ids: readonly string[],
    later: (a: number, b: number) => boolean,
    hashes: readonly number[] = hashAll(ids),
  ): { index: IdIndex; kept: number[] | undefined } {
    const n = ids.length;
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    const mask = capacity - 1;
    const table = new Array<number | string>(capacity * 3).fill(0);
    let duplicates = false;
    for (let i = 0; i < n; i++) {
      const h = hashes[i] as number;
      let p = h & mask;
      for (;;) {
        const at = 3 * p;
        const s = table[at + 1] as number;
        if (s === 0) {
          table[at] = h;
          table[at + 1] = i + 1;
          table[at + 2] = ids[i] as string;
          break;
        }
        if (table[at] === h && table[at + 2] === ids[i]) {
          duplicates = true;
          if (later(i, s - 1)) table[at + 1] = i + 1;
          break;
        }
        p = (p + 1) & mask;
      }
    }
    const index = new IdIndex(ids, table);
    if (!duplicates) return { index, kept: undefined };
    return index.#compact(hashes);
  }

  /** Rewrites the slots against the kept rows, in first-occurrence order. */
  #compact(hashes: readonly number[]): { index: IdIndex; kept: number[] } {
    const { ids } = this;
    const table = this.#table;
    const kept: number[] = [];
    const done = new Uint8Array(table.length / 3);
    for (let i = 0; i < ids.length; i++) {
      const p = this.#slotOf(ids[i] as string, hashes[i] as number);
      if (done[p] === 1) continue;
      done[p] = 1;
      kept.push((table[3 * p + 1] as number) - 1);
      table[3 * p + 1] = kept.length;
    }
    const keptIds = kept.map((row) => ids[row] as string);
    return { index: new IdIndex(keptIds, table), kept };
  }

  /** The slot holding this id (whose hash is `h`), or -1. */
  #slotOf(id: string, h: number): number {
    const table = this.#table;
    const mask = this.#mask;
    let p = h & mask;
    for (;;) {
      const at = 3 * p;
      if (table[at + 1] === 0) return -1;
      if (((table[at] as number) & SMALL) === h && table[at + 2] === id) return p;
      p = (p + 1) & mask;
    }
  }

  /** The row with this id, or -1. */
  get(id: string): number {
    return this.getHashed(id, hashId(id) & SMALL);
  }

  /** `get` of an id whose hash `hashAll` has already computed. */
  getHashed(id: string, hash: number): number {
    const p = this.#slotOf(id, hash);
    return p < 0 ? -1 : (this.#table[3 * p + 1] as number) - 1;
  }

  /**
   * The row with this id the first time it is claimed; -1 when absent or claimed before.
   * The mark sits in the slot just read: no second random read per look-up.
   */
  claim(id: string): number {
    const p = this.#slotOf(id, hashId(id) & SMALL);
    return p < 0 ? -1 : this.#claimSlot(p);
  }

  #claimSlot(p: number): number {
    const table = this.#table;
    const h = table[3 * p] as number;
    if ((h & CLAIMED) !== 0) return -1;
    table[3 * p] = h | CLAIMED;
    return (table[3 * p + 1] as number) - 1;
  }

  /**
   * `claim` of `ids[from..to-1]` in that order, written to `rows[0..to-from-1]`; the same
   * answers, in passes over the run so that the look-ups' cache misses overlap.
   */
  claimAll(ids: readonly string[], from: number, to: number, rows: number[]): void {
    const table = this.#table;
    const mask = this.#mask;
    const hashes = this.#batchHashes;
    const slots = this.#batchSlots;
    const count = to - from;
    // The ids' strings are read first (see warm.ts): hashing them one by one would take the
    // cache misses in turn.
    let sum = 0;
    for (let j = 0; j < count; j++) sum += (ids[from + j] as string).length;
    keepLoads(sum);
    for (let j = 0; j < count; j++) hashes[j] = hashId(ids[from + j] as string) & SMALL;
    // First slot with the same hash, or -1: the ids are compared only in the next pass.
    for (let j = 0; j < count; j++) {
      const h = hashes[j] as number;
      let p = h & mask;
      for (;;) {
        const at = 3 * p;
        if (table[at + 1] === 0) {
          p = -1;
          break;
        }
        if (((table[at] as number) & SMALL) === h) break;
        p = (p + 1) & mask;
      }
      slots[j] = p;
    }
    for (let j = 0; j < count; j++) {
      let p = slots[j] as number;
      const id = ids[from + j] as string;
      // Two ids with one hash: the rare case, probed again comparing the ids themselves.
      if (p >= 0 && table[3 * p + 2] !== id) p = this.#slotOf(id, hashes[j] as number);
      rows[j] = p < 0 ? -1 : this.#claimSlot(p);
    }
  }

  get size(): number {
    return this.ids.length;
  }
}

/** Hashes are stored masked to 30 bits: small integers, unboxed in any V8 configuration. */
const SMALL = 0x3fffffff;
/** Set beside the hash of a claimed id (still a small integer). */
const CLAIMED = 0x40000000;

/** An id's hash as the index keeps it, masked to 30 bits. */
export function idHash(id: string): number {
  return hashId(id) & SMALL;
}

/** Every id's `idHash`, in one pass that touches nothing else. */
export function hashAll(ids: readonly string[]): number[] {
  const out = new Array<number>(ids.length).fill(0);
  for (let i = 0; i < ids.length; i++) out[i] = idHash(ids[i] as string);
  return out;
}

/** FNV-1a over the UTF-16 code units, then a final mix so the low bits (the slot) vary well. */
export function hashId(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
