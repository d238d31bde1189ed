import { filled } from './filled.js';

/**
 * Rows by id, one per id: the index of the changes that deployments' `changeIds` are joined
 * against, a million look-ups into a million ids. At that size the join is bound by memory
 * latency, not by arithmetic, so the layout and the order of the work are chosen for it:
 *
 * - a slot is one number, the id's hash and 1 + its row packed together (0: empty), in a list
 *   of doubles: 16 MB at a million ids, held unboxed and never scanned by the garbage
 *   collector, where a slot of three entries (hash, row, id) took 48 MB;
 * - hashes are computed in a pass of their own before the table is touched, and look-ups come
 *   in batches split into the same passes (hash, probe, compare): each pass is a short loop
 *   whose iterations do not wait on each other, so the processor overlaps their cache misses
 *   instead of taking them one after another (about twice as fast at a million).
 *
 * - ids are hashed by their last characters only (`hashId`): ids are read a character at a
 *   time, and every id format the collectors emit varies at its end. Ids that share their
 *   ends make equal hashes, which only cost string comparisons: those are counted, and past a
 *   budget proportional to the ids the index switches for good to hashing whole ids
 *   (`fullHashId`), so no input makes it quadratic.
 *
 * Plain arrays rather than typed arrays: a typed array's memory is external to V8's heap, and
 * enough of it starts a full collection of the whole heap, the input included.
 */
export class IdIndex {
  /** The id of each row. */
  readonly ids: readonly string[];
  /** Per slot: 0 when empty, else `stored hash · rows + 1 + row` (see `Packing`). */
  #table: number[];
  readonly #mask: number;
  readonly #pack: Packing;
  /** Whether ids are hashed whole (`fullHashId`) rather than by their ends (`hashId`). */
  #full = false;
  /** String comparisons of ids with equal hashes left before switching to whole-id hashes. */
  #clashBudget: number;
  /** Per row: 1 once claimed. */
  readonly #claimed: Uint8Array;
  /** Scratch lists of `claimAll`, kept between batches. */
  #batchHashes: number[] = [];
  #batchSlots: number[] = [];

  private constructor(ids: readonly string[], table: number[], pack: Packing, full: boolean) {
    this.ids = ids;
    this.#table = table;
    this.#mask = table.length - 1;
    this.#pack = pack;
    this.#full = full;
    this.#clashBudget = clashBudget(ids.length);
    this.#claimed = new Uint8Array(ids.length);
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
    return (
      IdIndex.#build(ids, later, hashes, false) ??
      (IdIndex.#build(ids, later, hashAllFull(ids), true) as BuildResult)
    );
  }

  /** `build` with hashes of one kind; undefined when ends-only hashes clash past the budget. */
  static #build(
    ids: readonly string[],
    later: (a: number, b: number) => boolean,
    hashes: readonly number[],
    full: boolean,
  ): BuildResult | undefined {
    const n = ids.length;
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    const pack = packing(n);
    const slots = fillSlots(ids, later, hashes, full, capacity, pack);
    if (slots === undefined) return undefined;
    const index = new IdIndex(ids, slots.table, pack, full);
    if (!slots.duplicates) return { index, kept: undefined };
    return index.#compact(hashes);
  }

  /** Rewrites the slots against the kept rows, in first-occurrence order. */
  #compact(hashes: readonly number[]): { index: IdIndex; kept: number[] } {
    const { ids } = this;
    const table = this.#table;
    const { rows } = this.#pack;
    const kept: number[] = [];
    const done = new Uint8Array(table.length);
    // Every slot is found before any is rewritten: probing compares the ids of the rows the
    // slots hold, and a rewritten slot holds a position in `kept` instead.
    const slots = ids.map((id, i) => this.#slotOf(id, hashes[i] as number));
    for (let i = 0; i < ids.length; i++) {
      const p = slots[i] as number;
      if (done[p] === 1) continue;
      done[p] = 1;
      const v = table[p] as number;
      kept.push(rowOf(v, rows));
      table[p] = hashOf(v, rows) * rows + kept.length;
    }
    const keptIds = kept.map((row) => ids[row] as string);
    return { index: new IdIndex(keptIds, table, this.#pack, this.#full), kept };
  }

  /** The slot holding this id (whose hash is `h`), or -1. */
  #slotOf(id: string, h: number): number {
    const table = this.#table;
    const mask = this.#mask;
    const { rows, hashMask } = this.#pack;
    const stored = h & hashMask;
    const ids = this.ids;
    let p = h & mask;
    for (;;) {
      const v = table[p] as number;
      if (v === 0) return -1;
      if (hashOf(v, rows) === stored) {
        if (ids[rowOf(v, rows)] === id) return p;
        this.#clashBudget--;
      }
      p = (p + 1) & mask;
    }
  }

  /** This index's hash of an id. */
  #hash(id: string): number {
    return this.#full ? fullIdHash(id) : idHash(id);
  }

  /**
   * After too many comparisons of ids that only share their ends: the table is rebuilt with
   * whole-id hashes (rows unchanged, claims kept) and every later look-up hashes whole ids.
   */
  #spent(): void {
    if (this.#full || this.#clashBudget >= 0) return;
    // The same size and packing as the table it replaces: after compaction the rows are fewer
    // than those it was sized for, and a table sized afresh would not match `#mask` or `#pack`.
    const slots = fillSlots(
      this.ids,
      () => false,
      hashAllFull(this.ids),
      true,
      this.#table.length,
      this.#pack,
    ) as Slots;
    this.#table = slots.table;
    this.#full = true;
  }

  /** The row in slot `p`. */
  #rowAt(p: number): number {
    return rowOf(this.#table[p] as number, this.#pack.rows);
  }

  /** The row with this id, or -1. */
  get(id: string): number {
    return this.#rowOfSlot(this.#slotOf(id, this.#hash(id)));
  }

  /** `get` of an id whose `idHash` (as `hashAll` gives) is computed already. */
  getHashed(id: string, hash: number): number {
    return this.#rowOfSlot(this.#slotOf(id, this.#full ? this.#hash(id) : hash));
  }

  /** The row with this id the first time it is claimed; -1 when absent or claimed before. */
  claim(id: string): number {
    const row = this.#rowOfSlot(this.#slotOf(id, this.#hash(id)));
    return row < 0 ? -1 : this.#claimRow(row);
  }

  /** The row in slot `p` (-1: none); the look-up that found it may have spent the budget. */
  #rowOfSlot(p: number): number {
    const row = p < 0 ? -1 : this.#rowAt(p);
    this.#spent();
    return row;
  }

  #claimRow(row: number): number {
    if (this.#claimed[row] === 1) return -1;
    this.#claimed[row] = 1;
    return row;
  }

  /**
   * `claim` of `ids[from..to-1]` in that order, written to `rows[0..to-from-1]`; the same
   * answers, in passes over the run so that the look-ups' cache misses overlap.
   */
  claimAll(ids: readonly string[], from: number, to: number, rows: number[]): void {
    const table = this.#table;
    const mask = this.#mask;
    const { rows: span, hashMask } = this.#pack;
    const own = this.ids;
    const hashes = this.#batchHashes;
    const slots = this.#batchSlots;
    const count = to - from;
    for (let j = 0; j < count; j++) hashes[j] = this.#hash(ids[from + j] as string);
    // The row of the first slot with the same hash, or -1: the ids are compared in a later pass.
    for (let j = 0; j < count; j++) {
      const h = hashes[j] as number;
      const stored = h & hashMask;
      let p = h & mask;
      let row = -1;
      for (;;) {
        const v = table[p] as number;
        if (v === 0) break;
        if (hashOf(v, span) === stored) {
          row = rowOf(v, span);
          break;
        }
        p = (p + 1) & mask;
      }
      slots[j] = row;
    }
    for (let j = 0; j < count; j++) {
      let row = slots[j] as number;
      const id = ids[from + j] as string;
      // Two ids with one hash: the rare case, probed again comparing the ids themselves.
      if (row >= 0 && own[row] !== id) {
        const p = this.#slotOf(id, hashes[j] as number);
        row = p < 0 ? -1 : this.#rowAt(p);
      }
      rows[j] = row < 0 ? -1 : this.#claimRow(row);
    }
    this.#spent();
  }

  /** Whether ids are hashed whole: true once ids sharing their ends spent the budget. */
  get hashesWholeIds(): boolean {
    return this.#full;
  }

  get size(): number {
    return this.ids.length;
  }
}

/**
 * How a slot packs an id's hash with its row: `stored · rows + 1 + row`, exact in a double
 * while it stays below 2^53. `rows` is the power of two above the row count; the hash keeps
 * as many of its low bits as fit beside it (all 30 up to 8 million rows).
 */
export interface Packing {
  rows: number;
  hashMask: number;
}

/** The stored hash of an occupied slot's value `v`. */
function hashOf(v: number, rows: number): number {
  return Math.floor(v / rows);
}

/** The row of an occupied slot's value `v`. */
function rowOf(v: number, rows: number): number {
  return v - Math.floor(v / rows) * rows - 1;
}

export function packing(n: number): Packing {
  let bits = 1;
  while (2 ** bits <= n) bits++;
  const hashBits = Math.min(30, 53 - bits);
  return { rows: 2 ** bits, hashMask: hashBits >= 30 ? SMALL : 2 ** hashBits - 1 };
}

/** Hashes are stored masked to 30 bits: small integers, unboxed in any V8 configuration. */
const SMALL = 0x3fffffff;

/** An id's hash as the index keeps it, masked to 30 bits. */
export function idHash(id: string): number {
  return hashId(id) & SMALL;
}

/** Ends-only hashes may clash this many times (string comparisons) before whole ids are hashed. */
function clashBudget(n: number): number {
  return 64 + (n >>> 4);
}

interface BuildResult {
  index: IdIndex;
  kept: number[] | undefined;
}

interface Slots {
  table: number[];
  duplicates: boolean;
}

/**
 * A table of `capacity` slots (a power of two, at least twice the ids) holding every row of
 * `ids` packed by `pack`; of repeated ids, the row `later` prefers. Undefined when ends-only
 * hashes (`full` false) clash past the budget.
 */
function fillSlots(
  ids: readonly string[],
  later: (a: number, b: number) => boolean,
  hashes: readonly number[],
  full: boolean,
  capacity: number,
  pack: Packing,
): Slots | undefined {
  const n = ids.length;
  const mask = capacity - 1;
  const { rows, hashMask } = pack;
  // Created as a list of doubles (filled from a double), then emptied: slots exceed small integers.
  const table = filled(capacity, 0.5).fill(0);
  let budget = clashBudget(n);
  let duplicates = false;
  for (let i = 0; i < n; i++) {
    const h = hashes[i] as number;
    const stored = h & hashMask;
    let p = h & mask;
    for (;;) {
      const v = table[p] as number;
      if (v === 0) {
        table[p] = stored * rows + i + 1;
        break;
      }
      if (hashOf(v, rows) === stored) {
        const row = rowOf(v, rows);
        if (ids[row] === ids[i]) {
          duplicates = true;
          if (later(i, row)) table[p] = stored * rows + i + 1;
          break;
        }
        if (!full && --budget < 0) return undefined;
      }
      p = (p + 1) & mask;
    }
  }
  return { table, duplicates };
}

/** An id's `fullHashId`, masked as the index keeps it. */
function fullIdHash(id: string): number {
  return fullHashId(id) & SMALL;
}

/** Every id's hash, in one pass that touches nothing else. */
function hashEach(ids: readonly string[], hash: (id: string) => number): number[] {
  const out = new Array<number>(ids.length).fill(0);
  for (let i = 0; i < ids.length; i++) out[i] = hash(ids[i] as string);
  return out;
}

/** Every id's `idHash`. */
export function hashAll(ids: readonly string[]): number[] {
  return hashEach(ids, idHash);
}

/** Every id's `fullIdHash`. */
function hashAllFull(ids: readonly string[]): number[] {
  return hashEach(ids, fullIdHash);
}

/** Characters `hashId` reads from the end of an id. */
const ENDS = 12;

/**
 * FNV-1a over the length and the last `ENDS` UTF-16 code units, then a final mix so the low
 * bits (the slot) vary well. Ids that differ only before their last characters hash alike:
 * the index then compares their strings, and past its budget hashes whole ids instead.
 */
export function hashId(s: string): number {
  const n = s.length;
  return hashFrom(s, n > ENDS ? n - ENDS : 0);
}

/** `hashId` over every code unit: the index's fallback for ids that share their ends. */
export function fullHashId(s: string): number {
  return hashFrom(s, 0);
}

/** FNV-1a over the length and the code units from `start` on, then a final mix. */
function hashFrom(s: string, start: number): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  for (let i = start; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
