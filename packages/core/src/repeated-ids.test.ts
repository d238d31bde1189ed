import { describe, expect, it } from 'vitest';
import { hashAll } from './id-index.js';
import { HashFilter, keptRows, repeatedIds } from './repeated-ids.js';

describe('repeatedIds', () => {
  it('finds nothing when every id is distinct', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `acme/shop:run:${i}`);
    expect(repeatedIds(ids, hashAll(ids))).toEqual([]);
  });

  it('groups the rows of each repeated id, in input order, first rows first', () => {
    const ids = ['b', 'a', 'b', 'c', 'a', 'b', 'd'];
    expect(repeatedIds(ids, hashAll(ids))).toEqual([
      [0, 2, 5],
      [1, 4],
    ]);
  });

  it('compares the ids themselves when their bits clash', () => {
    // Every hash equal: each row's bit clashes, and only equal strings are grouped.
    const ids = Array.from({ length: 50 }, (_, i) => `x${i % 20}`);
    const groups = repeatedIds(ids, new Array<number>(ids.length).fill(7));
    expect(groups).toHaveLength(20);
    expect(groups[0]).toEqual([0, 20, 40]);
    expect(groups[19]).toEqual([19, 39]);
  });
});

describe('keptRows', () => {
  const v = [1, 5, 3, 0, 2, 2];
  const later = (a: number, b: number) => (v[a] as number) > (v[b] as number);

  it('is undefined when nothing repeats', () => {
    expect(keptRows(6, [], later)).toBeUndefined();
  });

  it('keeps one row per id, the one `later` prefers, in first-occurrence order', () => {
    // ids: b a b c a b
    expect(
      keptRows(
        6,
        [
          [0, 2, 5],
          [1, 4],
        ],
        later,
      ),
    ).toEqual([2, 1, 3]);
  });

  it('keeps the first of equals (later is strict)', () => {
    expect(keptRows(6, [[4, 5]], later)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('HashFilter', () => {
  it('holds every hash it was given, and lets few others through', () => {
    const mine = hashAll(Array.from({ length: 5000 }, (_, i) => `acme/shop:run:${i}`));
    const filter = new HashFilter(mine);
    expect(mine.every((h) => filter.mayHold(h))).toBe(true);
    const others = hashAll(Array.from({ length: 100_000 }, (_, i) => `other:${i}`));
    const through = others.filter((h) => filter.mayHold(h)).length;
    // One bit in sixteen is set: about 6,250 of 100,000.
    expect(through).toBeGreaterThan(3000);
    expect(through).toBeLessThan(10_000);
  });
});
