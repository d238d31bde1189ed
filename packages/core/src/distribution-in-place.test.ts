import { describe, expect, it } from 'vitest';
import {
  distribution,
  median,
  medianBySelection,
  medianInPlace,
  percentile,
  summariseInPlace,
} from './distribution.js';

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

  it('medianBySelection gives the median exactly, whatever the order and repeats', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 4_294_967_296;
    };
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 200);
      const spread = round % 3 === 0 ? 5 : 1e6;
      const xs = Array.from({ length: n }, () => Math.floor(next() * spread) / 7);
      if (round % 10 === 0) xs.sort((a, b) => a - b);
      if (round % 10 === 1) xs.sort((a, b) => b - a);
      expect(medianBySelection(Float64Array.from(xs))).toBe(median(xs));
    }
    expect(medianBySelection(new Float64Array(0))).toBeNull();
  });

  it('summarises many samples (sorted by their bits) exactly as a numeric sort would', () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 4_294_967_296;
    };
    for (const n of [5000, 20_001]) {
      const xs = Array.from({ length: n }, (_, i) =>
        i % 50 === 0 ? 0 : Math.floor(Math.exp(next() * 20) * 1000) / 1000,
      );
      const sorted = [...xs].sort((a, b) => a - b);
      let sum = 0;
      for (const x of sorted) sum += x;
      const owned = Float64Array.from(xs);
      expect(summariseInPlace(owned)).toEqual({
        count: n,
        median: percentile(sorted, 0.5),
        p75: percentile(sorted, 0.75),
        p90: percentile(sorted, 0.9),
        p95: percentile(sorted, 0.95),
        mean: sum / n,
        min: sorted[0],
        max: sorted[n - 1],
      });
      expect([...owned]).toEqual(sorted);
    }
    // Negative samples and -0 take the built-in sort: the same result.
    const mixed = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? -i : i === 1 ? -0 : i));
    const sortedMixed = Float64Array.from(mixed).sort();
    expect([...summariseAndKeep(mixed)]).toEqual([...sortedMixed]);
  });
});

function summariseAndKeep(xs: number[]): Float64Array {
  const owned = Float64Array.from(xs);
  summariseInPlace(owned);
  return owned;
}
