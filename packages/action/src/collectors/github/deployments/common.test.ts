import { describe, expect, it } from 'vitest';
import { before, etagKey, isoSeconds, uniqueById, within } from './common.js';

describe('deployment source helpers', () => {
  it('within is half-open [from, until)', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const until = new Date('2026-11-02T00:00:00Z');
    expect(within('2026-11-01T00:00:00Z', from, until)).toBe(true);
    expect(within('2026-11-01T23:59:59Z', from, until)).toBe(true);
    expect(within('2026-11-02T00:00:00Z', from, until)).toBe(false);
    expect(within(null, from, until)).toBe(false);
    expect(before('2026-10-31T23:59:59Z', from)).toBe(true);
    expect(before(undefined, from)).toBe(false);
  });

  it('isoSeconds prints GitHub instants', () => {
    expect(isoSeconds(Date.parse('2026-11-01T10:20:30.999Z'))).toBe('2026-11-01T10:20:30Z');
  });

  it('etagKey does not depend on parameter order', () => {
    expect(etagKey('GET /x', { b: 2, a: 'z' })).toBe('GET /x?a=z&b=2');
    expect(etagKey('GET /x', { a: 'z', b: 2 })).toBe(etagKey('GET /x', { b: 2, a: 'z' }));
  });

  it('uniqueById keeps the last copy in first-seen order', () => {
    expect(
      uniqueById([
        { id: 'a', v: 1 },
        { id: 'b', v: 1 },
        { id: 'a', v: 2 },
      ]),
    ).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
  });
});
