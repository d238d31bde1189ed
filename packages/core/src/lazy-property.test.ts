import { describe, expect, it } from 'vitest';
import { lazyProperty } from './lazy-property.js';

interface Box {
  list: number[];
  other: string;
}

function box(build: () => number[]): Box {
  const b = { other: 'x' } as Box;
  lazyProperty(b, 'list', build);
  return b;
}

describe('lazyProperty', () => {
  it('builds on the first read only, and keeps the same value', () => {
    let calls = 0;
    const b = box(() => {
      calls++;
      return [1, 2];
    });
    expect(calls).toBe(0);
    const first = b.list;
    expect(b.list).toBe(first);
    expect(first).toEqual([1, 2]);
    expect(calls).toBe(1);
  });

  it('is seen as a data property by JSON, spread, keys, structuredClone and deep equality', () => {
    const b = box(() => [3]);
    expect(JSON.stringify(b)).toBe('{"other":"x","list":[3]}');
    expect({ ...b }).toEqual({ other: 'x', list: [3] });
    expect(Object.keys(b)).toEqual(['other', 'list']);
    expect(structuredClone(b)).toEqual({ other: 'x', list: [3] });
    expect(b).toEqual({ other: 'x', list: [3] });
  });

  it('takes a write instead of building, and still reads on a frozen object', () => {
    let calls = 0;
    const b = box(() => {
      calls++;
      return [1];
    });
    b.list = [9];
    expect(b.list).toEqual([9]);
    expect(calls).toBe(0);
    const frozen = Object.freeze(box(() => [4]));
    expect(frozen.list).toEqual([4]);
  });
});
