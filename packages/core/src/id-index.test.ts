import { describe, expect, it } from 'vitest';
import { hashId, IdIndex } from './id-index.js';

interface Rec {
  id: string;
  v: number;
}

const keepHigher = (a: Rec, b: Rec): boolean => a.v > b.v;

describe('IdIndex', () => {
  it('finds every record by id and nothing else', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `acme/shop#${i}`, v: i }));
    const { index, items: kept } = IdIndex.build(items, keepHigher);
    expect(kept).toBe(items);
    expect(index.size).toBe(5000);
    for (const i of [0, 1, 2499, 4999]) expect(index.get(`acme/shop#${i}`)?.v).toBe(i);
    expect(index.get('acme/shop#5000')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
  });

  it('keeps one record per repeated id, chosen by `later`, in first-occurrence order', () => {
    const items: Rec[] = [
      { id: 'b', v: 1 },
      { id: 'a', v: 5 },
      { id: 'b', v: 3 },
      { id: 'c', v: 0 },
      { id: 'a', v: 2 },
      { id: 'b', v: 2 },
    ];
    const { index, items: kept } = IdIndex.build(items, keepHigher);
    expect(kept).toEqual([
      { id: 'b', v: 3 },
      { id: 'a', v: 5 },
      { id: 'c', v: 0 },
    ]);
    expect(index.size).toBe(3);
    expect(index.get('a')?.v).toBe(5);
    expect(index.get('b')?.v).toBe(3);
    expect(index.get('c')?.v).toBe(0);
    expect(index.get('d')).toBeUndefined();
  });

  it('keeps the list it is given, without a copy', () => {
    const items: Rec[] = [
      { id: 'x', v: 2 },
      { id: 'y', v: 1 },
    ];
    const { index, items: kept } = IdIndex.build(items, keepHigher);
    expect(kept).toBe(items);
    expect(index.get('y')).toBe(items[1]);
  });

  it('resolves colliding hashes by comparing the ids themselves', () => {
    // 40,000 ids in a 131,072-slot table: many share low bits, so probing is exercised.
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: String(i), v: i }));
    const { index } = IdIndex.build(items, keepHigher);
    let found = 0;
    for (let i = 0; i < 40_000; i++) if (index.get(String(i))?.v === i) found++;
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
