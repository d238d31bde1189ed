import { describe, expect, it } from 'vitest';
import { byTimeThenId, mapLimit, mergeById } from './merge.js';

describe('merge helpers', () => {
  it('mergeById: the fresh copy replaces the previous one', () => {
    const previous = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(
      mergeById(previous, [
        { id: 'b', v: 2 },
        { id: 'c', v: 1 },
      ]),
    ).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'c', v: 1 },
    ]);
  });

  it('byTimeThenId orders by instant, then id', () => {
    const items = [
      { id: 'b', t: '2026-11-01T00:00:00Z' },
      { id: 'a', t: '2026-11-01T00:00:00.000Z' },
      { id: 'c', t: '2026-10-01T00:00:00Z' },
    ];
    expect(items.sort(byTimeThenId((x) => x.t)).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('mapLimit keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });
});
