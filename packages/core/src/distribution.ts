import type { Distribution } from './types.js';

/**
 * Linear interpolation between closest ranks, exactly PostgreSQL's `percentile_cont` and DuckDB's
 * `quantile_cont`: `h = (n − 1)·p`, `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋])`.
 * `sorted` must be ascending; `null` when it is empty.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  if (lo === hi) return a;
  // Rounding may push a + f·(b − a) a hair outside [a, b]; keep percentiles ordered.
  const v = a + (h - lo) * (b - a);
  return Math.min(Math.max(v, a), b);
}

/** The empty distribution: every statistic is `null` ("no data"), never zero. */
export function emptyDistribution(): Distribution {
  return {
    count: 0,
    median: null,
    p75: null,
    p90: null,
    p95: null,
    mean: null,
    min: null,
    max: null,
  };
}

/** Summarises samples in any order; the input is not modified. */
export function distribution(samples: ArrayLike<number>): Distribution {
  return samples.length === 0 ? emptyDistribution() : summariseInPlace(Float64Array.from(samples));
}

/** Like `distribution`, but sorts `samples` itself instead of a copy (for samples it owns). */
export function summariseInPlace(samples: Float64Array): Distribution {
  const n = samples.length;
  if (n === 0) return emptyDistribution();
  const sorted = n >= RADIX_MIN && nonNegative(samples) ? radixSort(samples) : samples.sort();
  // Summing in sorted order makes the mean independent of the input order.
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    count: n,
    median: percentile(sorted, 0.5),
    p75: percentile(sorted, 0.75),
    p90: percentile(sorted, 0.9),
    p95: percentile(sorted, 0.95),
    mean: clamp(sum / n, sorted[0] as number, sorted[n - 1] as number),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
  };
}

/** Below this many samples the built-in sort is as fast. */
const RADIX_MIN = 4096;

/** True when every sample is +0 or above (no NaN, no -0): their bit patterns sort as numbers. */
function nonNegative(samples: Float64Array): boolean {
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i] as number;
    if (!(x > 0) && !(x === 0 && 1 / x > 0)) return false;
  }
  return true;
}

/**
 * Sorts non-negative doubles by their IEEE bit patterns, least significant 16 bits first (four
 * stable counting passes): a million lead times in about a third of the built-in sort's time,
 * and the same order (equal numbers have equal bits here).
 */
function radixSort(samples: Float64Array): Float64Array {
  const n = samples.length;
  let from: Uint32Array<ArrayBufferLike> = new Uint32Array(
    samples.buffer,
    samples.byteOffset,
    n * 2,
  );
  let to: Uint32Array<ArrayBufferLike> = new Uint32Array(n * 2);
  const count = new Int32Array(65_536);
  for (let pass = 0; pass < 4; pass++) {
    // Little-endian words: [2i] holds the low 32 bits of sample i, [2i + 1] the high ones.
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const k = ((from[2 * i + word] as number) >>> shift) & 0xffff;
      count[k] = (count[k] as number) + 1;
    }
    // A pass where every sample has the same digit would only copy them.
    if (count.includes(n)) continue;
    let sum = 0;
    for (let k = 0; k < 65_536; k++) {
      const c = count[k] as number;
      count[k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = from[2 * i] as number;
      const hi = from[2 * i + 1] as number;
      const k = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const j = count[k] as number;
      count[k] = j + 1;
      to[2 * j] = lo;
      to[2 * j + 1] = hi;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  // An odd number of copying passes leaves the result in the scratch buffer.
  if (from.buffer !== samples.buffer) samples.set(new Float64Array(from.buffer, 0, n));
  return samples;
}

/** The median of samples in any order, `null` when there are none. */
export function median(samples: ArrayLike<number>): number | null {
  if (samples.length === 0) return null;
  return percentile(Float64Array.from(samples).sort(), 0.5);
}

/** Like `median`, but sorts `samples` itself instead of a copy. */
export function medianInPlace(samples: Float64Array): number | null {
  if (samples.length === 0) return null;
  return percentile(samples.sort(), 0.5);
}

/**
 * Like `medianInPlace`, but without sorting: the two middle order statistics are found by
 * selection (linear time), leaving `samples` partitioned rather than sorted. The series asks
 * a median of every bucket: a million samples sorted bucket by bucket cost several times this.
 */
export function medianBySelection(samples: Float64Array): number | null {
  const n = samples.length;
  if (n === 0) return null;
  const h = (n - 1) * 0.5;
  const lo = Math.floor(h);
  select(samples, lo);
  const a = samples[lo] as number;
  if (lo === Math.ceil(h)) return a;
  // Everything after `lo` is >= a: the next order statistic is their minimum.
  let b = samples[lo + 1] as number;
  for (let i = lo + 2; i < n; i++) if ((samples[i] as number) < b) b = samples[i] as number;
  const v = a + (h - lo) * (b - a);
  return Math.min(Math.max(v, a), b);
}

/** Hoare's selection: afterwards `a[k]` holds the k-th smallest, smaller before, larger after. */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo] as number;
    const y = a[(lo + hi) >>> 1] as number;
    const z = a[hi] as number;
    // Median of three: sorted or reversed runs do not degrade to quadratic time.
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
