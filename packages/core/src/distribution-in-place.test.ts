import { describe, expect, it } from 'vitest';
import {
  distribution,
  exactSum,
  median,
  medianBySelection,
  percentile,
  summariseInPlace,
} from './distribution.js';

describe('summariseInPlace and medianBySelection', () => {
  it('give what distribution and median give, on the given array itself', () => {
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
    expect([...owned].sort((a, b) => a - b)).toEqual([0.5, 1, 4, 4, 9, 16]);
    const other = Float64Array.from(xs);
    expect(medianBySelection(other)).toBe(median(xs));
    expect(medianBySelection(Float64Array.from(xs))).toBe(4);
    // Reordered in place, the same samples.
    expect([...other].sort((a, b) => a - b)).toEqual([0.5, 1, 4, 4, 9, 16]);
  });

  it('say "no data" for no samples', () => {
    expect(summariseInPlace(new Float64Array(0))).toEqual(distribution([]));
    expect(medianBySelection(new Float64Array(0))).toBeNull();
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

  it('summarises many samples by selection exactly as a numeric sort would', () => {
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
      const owned = Float64Array.from(xs);
      expect(summariseInPlace(owned)).toEqual({
        count: n,
        median: percentile(sorted, 0.5),
        p75: percentile(sorted, 0.75),
        p90: percentile(sorted, 0.9),
        p95: percentile(sorted, 0.95),
        mean: exactMean(xs),
        min: sorted[0],
        max: sorted[n - 1],
      });
      expect([...owned].sort((a, b) => a - b)).toEqual(sorted);
    }
    // Negative samples and -0 are sorted: -0 keeps its place before +0.
    const mixed = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? -i : i === 1 ? -0 : i));
    const sortedMixed = Float64Array.from(mixed).sort();
    expect([...summariseAndKeep(mixed)]).toEqual([...sortedMixed]);
    expect(Object.is(distribution([0, -0, 0]).min, -0)).toBe(true);
  });
});

describe('exactSum', () => {
  it('is the exact sum rounded once, whatever the order', () => {
    expect(exactSum([1e100, 1, -1e100])).toBe(1);
    expect(exactSum(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(exactSum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    expect(exactSum([])).toBe(0);
    let seed = 3;
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 4_294_967_296;
    };
    for (let round = 0; round < 50; round++) {
      const xs = Array.from(
        { length: 200 + round * 20 },
        () => Math.floor(Math.exp(next() * 25) * 1000) / 1000,
      );
      const expected = exactSumReference(xs);
      expect(exactSum(xs)).toBe(expected);
      expect(exactSum([...xs].reverse())).toBe(expected);
      expect(exactSum([...xs].sort((a, b) => a - b))).toBe(expected);
    }
  });

  it('gives what plain addition gives for infinities and NaN', () => {
    expect(exactSum([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(exactSum([1, Number.NaN])).toBeNaN();
  });
});

/** 2^64: every sample in these tests (at least 0.001, 53-bit mantissa) times it is an integer. */
const SCALE = 64n;

/** The exact value of a double times 2^64, as an integer. */
function scaled(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (exponent !== 0) mantissa |= 1n << 52n;
  const shift = BigInt(Math.max(exponent, 1) - 1075) + SCALE;
  const magnitude = shift >= 0n ? mantissa << shift : mantissa >> -shift;
  if (shift < 0n && magnitude << -shift !== mantissa) throw new Error(`${x} is too fine`);
  return bits >> 63n === 1n ? -magnitude : magnitude;
}

/** The sum computed in integers, rounded once (to nearest, ties to even) by `Number`. */
function exactSumReference(xs: number[]): number {
  let total = 0n;
  for (const x of xs) total += scaled(x);
  return Number(total) / 2 ** Number(SCALE);
}

function exactMean(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = exactSumReference(xs) / xs.length;
  return Math.min(Math.max(mean, sorted[0] as number), sorted[xs.length - 1] as number);
}

function summariseAndKeep(xs: number[]): Float64Array {
  const owned = Float64Array.from(xs);
  summariseInPlace(owned);
  return owned;
}
