import { describe, expect, it } from 'vitest';
import { distribution, median, medianInPlace, summariseInPlace } from './distribution.js';

describe('summariseInPlace and medianInPlace', () => {
  it('give what distribution and median give, sorting the given array itself', () => {
    const xs = [9, 1, 4, 16, 0.5, 4];
    const owned = Float64Array.from(xs);
    expect(summariseInPlace(owned)).toEqual(distribution(xs));
    expect(summariseInPlace(Float64Array.from(xs))).toEqual({
      count: 6,
      median: 4,
      p75: 7.75,
      p90: 12.5,
      p95: 14.25,
      mean: 34.5 / 6,
      min: 0.5,
      max: 16,
    });
    expect([...owned]).toEqual([0.5, 1, 4, 4, 9, 16]);
    const other = Float64Array.from(xs);
    expect(medianInPlace(other)).toBe(median(xs));
    expect(medianInPlace(Float64Array.from(xs))).toBe(4);
    expect([...other]).toEqual([0.5, 1, 4, 4, 9, 16]);
  });

  it('say "no data" for no samples', () => {
    expect(summariseInPlace(new Float64Array(0))).toEqual(distribution([]));
    expect(medianInPlace(new Float64Array(0))).toBeNull();
  });
});
