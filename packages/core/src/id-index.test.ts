import { describe, expect, it } from 'vitest';
import { fullHashId, hashAll, hashId, IdIndex, packing } from './id-index.js';

interface Rec {
  id: string;
  v: number;
}

/** Indexes `items` by id, a repeated id keeping the row with the higher `v`. */
function build(items: Rec[]) {
  return IdIndex.build(
    items.map((r) => r.id),
    (a, b) => (items[a] as Rec).v > (items[b] as Rec).v,
  );
}

describe('IdIndex', () => {
  it('finds every row by id and nothing else', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `acme/shop#${i}`, v: i }));
    const { index, kept } = build(items);
    expect(kept).toBeUndefined();
    expect(index.size).toBe(5000);
    for (const i of [0, 1, 2499, 4999]) expect(index.get(`acme/shop#${i}`)).toBe(i);
    expect(index.get('acme/shop#5000')).toBe(-1);
    expect(index.get('')).toBe(-1);
  });

  it('keeps one row per repeated id, chosen by `later`, in first-occurrence order', () => {
    const items: Rec[] = [
      { id: 'b', v: 1 },
      { id: 'a', v: 5 },
      { id: 'b', v: 3 },
      { id: 'c', v: 0 },
      { id: 'a', v: 2 },
      { id: 'b', v: 2 },
    ];
    const { index, kept } = build(items);
    expect(kept?.map((row) => items[row])).toEqual([
      { id: 'b', v: 3 },
      { id: 'a', v: 5 },
      { id: 'c', v: 0 },
    ]);
    expect(index.size).toBe(3);
    expect(index.ids).toEqual(['b', 'a', 'c']);
    // Positions in the kept list.
    expect(index.get('a')).toBe(1);
    expect(index.get('b')).toBe(0);
    expect(index.get('c')).toBe(2);
    expect(index.get('d')).toBe(-1);
  });

  it('claims each id once, and still finds it afterwards', () => {
    const { index } = build([
      { id: 'x', v: 2 },
      { id: 'y', v: 1 },
    ]);
    expect(index.claim('y')).toBe(1);
    expect(index.claim('y')).toBe(-1);
    expect(index.claim('nope')).toBe(-1);
    expect(index.get('y')).toBe(1);
    expect(index.claim('x')).toBe(0);
    expect(index.get('x')).toBe(0);
  });

  it('claims a batch exactly as one claim after another, in order', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ id: `acme/shop#${i}`, v: i }));
    const queries = [
      'acme/shop#5',
      'acme/shop#9',
      'acme/shop#5',
      'missing',
      'acme/shop#2999',
      'acme/shop#9',
      ...Array.from({ length: 5000 }, (_, i) => `acme/shop#${(i * 7) % 3500}`),
    ];
    const one = build(items).index;
    const expected = queries.map((q) => one.claim(q));
    const batched = build(items).index;
    const rows: number[] = [];
    // Two batches: a claim in the first is seen by the second.
    batched.claimAll(queries, 0, 4000, rows);
    const rest: number[] = [];
    batched.claimAll(queries, 4000, queries.length, rest);
    expect([...rows.slice(0, 4000), ...rest]).toEqual(expected);
    expect(expected.slice(0, 6)).toEqual([5, 9, -1, -1, 2999, -1]);
  });

  it('finds every id after compaction, when positions in kept differ from rows', () => {
    // 20,000 ids, each twice in a row: compaction rewrites a slot before the id's second row
    // looks for it, and from the third id on, positions in `kept` differ from the rows.
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: String(i >> 1), v: i }));
    const { index, kept } = build(items);
    expect(kept).toEqual(Array.from({ length: 20_000 }, (_, i) => 2 * i + 1));
    for (let i = 0; i < 20_000; i++) expect(index.ids[index.get(String(i))]).toBe(String(i));
    expect(index.get('20000')).toBe(-1);
  });

  it('packs hash and row exactly in a double at every size, keeping all 30 hash bits to 8M rows', () => {
    for (const n of [0, 1, 1000, 2 ** 20, 2 ** 23 - 1, 2 ** 23, 2 ** 26, 2 ** 30]) {
      const { rows, hashMask } = packing(n);
      expect(rows).toBeGreaterThan(n);
      // The largest value a slot can hold is still exact.
      expect(Number.isSafeInteger(hashMask * rows + rows - 1)).toBe(true);
      expect(hashMask).toBe(n < 2 ** 23 ? 0x3fffffff : 2 ** (53 - Math.log2(rows)) - 1);
    }
  });

  it('finds an id already hashed, with the hash hashAll gives', () => {
    const ids = ['a', 'b', 'c'];
    const { index } = IdIndex.build(ids, () => false);
    const hashes = hashAll(['c', 'z']);
    expect(index.getHashed('c', hashes[0] as number)).toBe(2);
    expect(index.getHashed('z', hashes[1] as number)).toBe(-1);
  });

  it('resolves colliding hashes by comparing the ids themselves', () => {
    // 40,000 ids in a 131,072-slot table: many share low bits, so probing is exercised.
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: String(i), v: i }));
    const { index } = build(items);
    let found = 0;
    for (let i = 0; i < 40_000; i++) if (index.get(String(i)) === i) found++;
    expect(found).toBe(40_000);
  });

  it('tells apart two ids with the same stored hash, one by one and in a batch', () => {
    // Two ids whose 30-bit hashes are equal, found by brute force (birthday bound: ~40,000).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const id = `id-${i}`;
      const h = hashId(id) & 0x3fffffff;
      const other = seen.get(h);
      if (other === undefined) seen.set(h, id);
      else pair = [other, id];
    }
    const [a, b] = pair;
    const { index } = IdIndex.build([a, b], () => false);
    expect([index.get(a), index.get(b)]).toEqual([0, 1]);
    const rows: number[] = [];
    index.claimAll(['x', b, a, b, 'other'], 1, 5, rows);
    expect(rows).toEqual([1, 0, -1, -1]);
  });

  it('hashes to a 32-bit integer that depends on the length and the last 12 characters', () => {
    expect(hashId('acme/shop#1')).toBe(hashId('acme/shop#1'));
    expect(hashId('acme/shop#1')).not.toBe(hashId('bcme/shop#1'));
    expect(hashId('acme/shop#1')).not.toBe(hashId('acme/shop#2'));
    expect(hashId('acme/shop#1')).not.toBe(hashId('acme/shop#11'));
    // Beyond the last 12 characters only the length counts.
    expect(hashId('a-0123456789ab')).toBe(hashId('b-0123456789ab'));
    expect(fullHashId('a-0123456789ab')).not.toBe(fullHashId('b-0123456789ab'));
    for (const f of [hashId, fullHashId]) {
      expect(Number.isInteger(f('x'))).toBe(true);
      expect(f('x') | 0).toBe(f('x'));
    }
  });

  it('hashes whole ids when ids share their ends, and finds every one', () => {
    // 20,000 ids alike in their last 20 characters: one ends-only hash for all of them.
    const tail = ':deployment:production';
    const ids = Array.from({ length: 20_000 }, (_, i) => `${i.toString(16)}${tail}`);
    const { index, kept } = IdIndex.build(ids, () => false);
    expect(kept).toBeUndefined();
    expect(index.hashesWholeIds).toBe(true);
    for (const i of [0, 1, 9999, 19_999]) expect(index.get(ids[i] as string)).toBe(i);
    expect(index.get(`zz${tail}`)).toBe(-1);
    const rows: number[] = [];
    index.claimAll([ids[5] as string, `zz${tail}`, ids[5] as string], 0, 3, rows);
    expect(rows).toEqual([5, -1, -1]);
  });

  it('keeps the same rows and claims when look-ups spend the budget and it rehashes', () => {
    // Ids with distinct ends build an ends-hashed index; absent ids sharing those ends, looked
    // up again and again, are each compared as strings until the index hashes whole ids.
    const ids = Array.from({ length: 100 }, (_, i) => `a-${String(i).padStart(12, '0')}`);
    const { index } = IdIndex.build(ids, () => false);
    expect(index.hashesWholeIds).toBe(false);
    expect(index.claim(ids[7] as string)).toBe(7);
    const strangers = ids.map((id) => `b${id.slice(1)}`);
    for (let round = 0; round < 2 && !index.hashesWholeIds; round++) {
      for (const s of strangers) expect(index.get(s)).toBe(-1);
    }
    expect(index.hashesWholeIds).toBe(true);
    expect(ids.map((id) => index.get(id))).toEqual(ids.map((_, i) => i));
    expect(index.claim(ids[7] as string)).toBe(-1);
    expect(index.claim(ids[8] as string)).toBe(8);
  });

  it('rehashes an index built from repeated ids against its own table and packing', () => {
    // 1,200 rows keep 600 ids: the kept index is half the size a fresh one of 600 ids would
    // be built at, so a rehash must reuse its table's size and packing, not recompute them.
    const unique = Array.from({ length: 600 }, (_, i) => `a-${String(i).padStart(12, '0')}`);
    const { index, kept } = IdIndex.build([...unique, ...unique], () => false);
    expect(kept).toEqual(unique.map((_, i) => i));
    expect(index.hashesWholeIds).toBe(false);
    for (const s of unique.map((id) => `b${id.slice(1)}`)) expect(index.get(s)).toBe(-1);
    expect(index.hashesWholeIds).toBe(true);
    expect(unique.map((id) => index.get(id))).toEqual(unique.map((_, i) => i));
    expect(index.get('b-000000000003')).toBe(-1);
  });
});
