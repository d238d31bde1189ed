/**
 * Rows by id, one per id. A million ids through a `Map` cost a hash of every key string on
 * insert and again on every rehash as the table doubles; here the table is sized once, each
 * slot holds the id's hash beside its row (one cache line per probe), the id strings sit in a
 * list parallel to the slots (fetched alongside the slot, not after it), and a key string is
 * compared only when its hash matches.
 */
export class IdIndex {
  /** The id of each row. */
  readonly ids: readonly string[];
  /**
   * Per slot `p`: `[2p]` the id's hash, `[2p + 1]` 1 + its row (0: empty slot). A plain array
   * of small integers, not an Int32Array: external memory would start a full collection.
   */
  readonly #table: number[];
  /** Per slot: the id it holds; undefined when ids are compared through their row instead. */
  readonly #keys: string[] | undefined;
  readonly #mask: number;

  private constructor(ids: readonly string[], table: number[], keys: string[] | undefined) {
    this.ids = ids;
    this.#table = table;
    this.#keys = keys;
    this.#mask = table.length / 2 - 1;
  }

  /**
   * Indexes the rows `0..ids.length-1`. When ids repeat, `later(a, b)` says whether row `a`
   * replaces row `b`; `kept` then lists the rows kept, in the order of each id's first
   * occurrence (as a `Map` keeps its keys), and the index refers to positions in `kept`.
   * Without repeats `kept` is undefined and the index refers to the rows themselves.
   * `lookups: 'few'` keeps no per-slot copy of the ids (a look-up then reads the id through
   * its row, one more dependent read): building is cheaper when the index mostly serves to
   * find repeated ids, as for deployments, which only incidents look up.
   */
  static build(
    ids: string[],
    later: (a: number, b: number) => boolean,
    lookups: 'many' | 'few' = 'many',
  ): { index: IdIndex; kept: number[] | undefined } {
    const n = ids.length;
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    const mask = capacity - 1;
    const table = new Array<number>(capacity * 2).fill(0);
    const keys = lookups === 'many' ? new Array<string>(capacity).fill('') : undefined;
    let duplicates = false;
    for (let i = 0; i < n; i++) {
      const id = ids[i] as string;
      const h = hashId(id) & SMALL;
      let p = h & mask;
      for (;;) {
        const s = table[2 * p + 1] as number;
        if (s === 0) {
          table[2 * p] = h;
          table[2 * p + 1] = i + 1;
          if (keys !== undefined) keys[p] = id;
          break;
        }
        if (
          ((table[2 * p] as number) & SMALL) === h &&
          (keys === undefined ? ids[s - 1] === id : keys[p] === id)
        ) {
          duplicates = true;
          if (later(i, s - 1)) table[2 * p + 1] = i + 1;
          break;
        }
        p = (p + 1) & mask;
      }
    }
    const index = new IdIndex(ids, table, keys);
    if (!duplicates) return { index, kept: undefined };
    return IdIndex.#compact(index);
  }

  /** Rewrites the slots against the kept rows, in first-occurrence order. */
  static #compact(all: IdIndex): { index: IdIndex; kept: number[] } {
    const { ids } = all;
    const table = all.#table;
    // Every row's slot first: once slots are rewritten, ids can no longer be compared by row.
    const slots = ids.map((id) => all.#slotOf(id));
    const kept: number[] = [];
    const done = new Uint8Array(table.length / 2);
    for (let i = 0; i < ids.length; i++) {
      const p = slots[i] as number;
      if (done[p] === 1) continue;
      done[p] = 1;
      kept.push((table[2 * p + 1] as number) - 1);
      table[2 * p + 1] = kept.length;
    }
    const keptIds = kept.map((row) => ids[row] as string);
    return { index: new IdIndex(keptIds, table, all.#keys), kept };
  }

  /**
   * The same ids in a new order: `order[i]` is the current row that becomes row `i`.
   * The index takes `order`'s ids as its own.
   */
  reorder(order: readonly number[]): IdIndex {
    const n = order.length;
    const next = new Array<number>(n).fill(0);
    const ids = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const row = order[i] as number;
      next[row] = i;
      ids[i] = this.ids[row] as string;
    }
    const table = this.#table;
    for (let p = 1; p < table.length; p += 2) {
      const s = table[p] as number;
      if (s !== 0) table[p] = (next[s - 1] as number) + 1;
    }
    return new IdIndex(ids, table, this.#keys);
  }

  /** The slot holding this id, or -1. */
  #slotOf(id: string): number {
    const h = hashId(id) & SMALL;
    const table = this.#table;
    const keys = this.#keys;
    const mask = this.#mask;
    let p = h & mask;
    for (;;) {
      const s = table[2 * p + 1] as number;
      if (s === 0) return -1;
      if (
        ((table[2 * p] as number) & SMALL) === h &&
        (keys === undefined ? this.ids[s - 1] === id : keys[p] === id)
      ) {
        return p;
      }
      p = (p + 1) & mask;
    }
  }

  /** The row with this id, or -1. */
  get(id: string): number {
    const p = this.#slotOf(id);
    return p < 0 ? -1 : (this.#table[2 * p + 1] as number) - 1;
  }

  /**
   * The row with this id the first time it is claimed; -1 when absent or claimed before.
   * Linking claims each change once: the mark sits in the slot just read, so there is no
   * second random read (of a per-row "already linked" list) per look-up.
   */
  claim(id: string): number {
    const p = this.#slotOf(id);
    if (p < 0) return -1;
    const h = this.#table[2 * p] as number;
    if ((h & CLAIMED) !== 0) return -1;
    this.#table[2 * p] = h | CLAIMED;
    return (this.#table[2 * p + 1] as number) - 1;
  }

  get size(): number {
    return this.ids.length;
  }
}

/** Hashes are stored masked to 30 bits: small integers, unboxed in any V8 configuration. */
const SMALL = 0x3fffffff;
/** Set beside the hash of a claimed id (still a small integer). */
const CLAIMED = 0x40000000;

/** FNV-1a over the UTF-16 code units, then a final mix so the low bits (the slot) vary well. */
export function hashId(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
