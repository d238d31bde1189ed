/**
 * Records by id, one per id. A million ids through a `Map` cost a hash of every key string on
 * insert and again on every rehash as the table doubles; here the table is sized once, each
 * slot holds the id's hash beside the record's index (one cache line per probe), and a key
 * string is compared only when its hash matches.
 */
export class IdIndex<T extends { readonly id: string }> {
  readonly #items: readonly T[];
  /** The id of each record in `#items`: one pointer less to follow per comparison. */
  readonly #ids: readonly string[];
  /** Per slot `p`: `[2p]` the id's hash, `[2p + 1]` 1 + its record's index (0: empty slot). */
  readonly #table: Int32Array;
  readonly #mask: number;

  private constructor(items: readonly T[], ids: readonly string[], table: Int32Array) {
    this.#items = items;
    this.#ids = ids;
    this.#table = table;
    this.#mask = table.length / 2 - 1;
  }

  /**
   * Indexes `items`, which the index keeps: the caller must not reorder the returned list (copy
   * it first, as `analyse` does before sorting). When ids repeat, `later(a, b)` says whether `a` replaces `b`; the records
   * kept stay in the order of each id's first occurrence (as a `Map` keeps its keys).
   */
  static build<T extends { readonly id: string }>(
    items: T[],
    later: (a: T, b: T) => boolean,
  ): { index: IdIndex<T>; items: T[] } {
    const n = items.length;
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    const mask = capacity - 1;
    const table = new Int32Array(capacity * 2);
    const ids = new Array<string>(n);
    let duplicates = false;
    for (let i = 0; i < n; i++) {
      const item = items[i] as T;
      const id = item.id;
      ids[i] = id;
      const h = hashId(id);
      let p = h & mask;
      for (;;) {
        const s = table[2 * p + 1] as number;
        if (s === 0) {
          table[2 * p] = h;
          table[2 * p + 1] = i + 1;
          break;
        }
        if (table[2 * p] === h && ids[s - 1] === id) {
          duplicates = true;
          if (later(item, items[s - 1] as T)) table[2 * p + 1] = i + 1;
          break;
        }
        p = (p + 1) & mask;
      }
    }
    if (!duplicates) return { index: new IdIndex(items, ids, table), items };
    return IdIndex.#compact(items, ids, table);
  }

  /** Rewrites the slots against a list holding only the kept records, in first-occurrence order. */
  static #compact<T extends { readonly id: string }>(
    items: T[],
    ids: readonly string[],
    table: Int32Array,
  ): { index: IdIndex<T>; items: T[] } {
    // The slot of each record's id, found while the slots still point into `items`.
    const all = new IdIndex(items, ids, table);
    const at = new Int32Array(items.length);
    for (let i = 0; i < items.length; i++) at[i] = all.#slotOf(ids[i] as string);
    const kept: T[] = [];
    const done = new Uint8Array(table.length / 2);
    for (let i = 0; i < items.length; i++) {
      const p = at[i] as number;
      if (done[p] === 1) continue;
      done[p] = 1;
      kept.push(items[(table[2 * p + 1] as number) - 1] as T);
      table[2 * p + 1] = kept.length;
    }
    const keptIds = kept.map((item) => item.id);
    return { index: new IdIndex(kept, keptIds, table), items: kept };
  }

  /** The slot holding this id, or -1. */
  #slotOf(id: string): number {
    const h = hashId(id);
    const table = this.#table;
    const mask = this.#mask;
    let p = h & mask;
    for (;;) {
      const s = table[2 * p + 1] as number;
      if (s === 0) return -1;
      if (table[2 * p] === h && this.#ids[s - 1] === id) return p;
      p = (p + 1) & mask;
    }
  }

  /** The record with this id, if any. */
  get(id: string): T | undefined {
    const p = this.#slotOf(id);
    return p < 0 ? undefined : this.#items[(this.#table[2 * p + 1] as number) - 1];
  }

  get size(): number {
    return this.#items.length;
  }
}

/** FNV-1a over the UTF-16 code units, then a final mix so the low bits (the slot) vary well. */
export function hashId(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
