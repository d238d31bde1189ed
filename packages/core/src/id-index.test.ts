import { describe, expect, it } from 'vitest';
import { hashId, IdIndex } from './id-index.js';

interface Rec {
  id: string;
  v: number;
}

/** Indexes `items` by id, a repeated id keeping the row with the higher `v`. */
function build(items: Rec[], lookups: 'many' | 'few' = 'many') {
  return IdIndex.build(
    items.map((r) => r.id),
    (a, b) => (items[a] as Rec).v > (items[b] as Rec).v,
    lookups,
  );
}

describe.each(['many', 'few'] as const)('IdIndex (%s look-ups)', (lookups) => {
  it('finds every row by id and nothing else', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `acme/shop#${i}`, v: i }));
    const { index, kept } = build(items, lookups);
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
    const { index, kept } = build(items, lookups);
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

  it('reorders its rows without losing any id', () => {
    const { index } = build(
      [
        { id: 'x', v: 2 },
        { id: 'y', v: 1 },
        { id: 'z', v: 0 },
      ],
      lookups,
    );
    const moved = index.reorder([2, 0, 1]);
    expect(moved.ids).toEqual(['z', 'x', 'y']);
    expect(moved.get('z')).toBe(0);
    expect(moved.get('x')).toBe(1);
    expect(moved.get('y')).toBe(2);
  });

  it('claims each id once, and still finds it afterwards', () => {
    const { index } = build(
      [
        { id: 'x', v: 2 },
        { id: 'y', v: 1 },
      ],
      lookups,
    );
    expect(index.claim('y')).toBe(1);
    expect(index.claim('y')).toBe(-1);
    expect(index.claim('nope')).toBe(-1);
    expect(index.get('y')).toBe(1);
    expect(index.claim('x')).toBe(0);
    expect(index.get('x')).toBe(0);
  });

  it('resolves colliding hashes by comparing the ids themselves', () => {
    // 40,000 ids in a 131,072-slot table: many share low bits, so probing is exercised.
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: String(i), v: i }));
    const { index } = build(items, lookups);
    let found = 0;
    for (let i = 0; i < 40_000; i++) if (index.get(String(i)) === i) found++;
    expect(found).toBe(40_000);
  });

  it('hashes to a 32-bit integer that depends on every character', () => {
    expect(hashId('acme/shop#1')).toBe(hashId('acme/shop#1'));
    expect(hashId('acme/shop#1')).not.toBe(hashId('bcme/shop#1'));
    expect(hashId('acme/shop#1')).not.toBe(hashId('acme/shop#2'));
    expect(Number.isInteger(hashId('x'))).toBe(true);
    expect(hashId('x') | 0).toBe(hashId('x'));
  });
});
