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
  return lo === hi ? a : interpolate(a, b, h - lo);
}

/** `a + f·(b − a)` for `a <= b`, kept within [a, b]: rounding may push it a hair outside. */
function interpolate(a: number, b: number, f: number): number {
  return Math.min(Math.max(a + f * (b - a), a), b);
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

/** The percentiles every distribution reports, ascending. */
const QUANTILES = [0.5, 0.75, 0.9, 0.95] as const;

/**
 * Like `distribution`, but reorders `samples` itself instead of a copy (for samples it owns).
 * The percentiles are order statistics found by selection, in linear time: a million lead
 * times are not sorted for four of their values. The mean is the exact sum rounded once, the
 * same in any order.
 */
export function summariseInPlace(samples: Float64Array): Distribution {
  const n = samples.length;
  if (n === 0) return emptyDistribution();
  let min = samples[0] as number;
  let max = min;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const x = samples[i] as number;
    if (x < min) min = x;
    else if (x > max) max = x;
    // NaN and -0 are ordered by the sort but not by comparisons: those samples are sorted.
    if (Number.isNaN(x) || (x === 0 && 1 / x < 0)) plain = false;
  }
  let quantiles: number[];
  if (plain) quantiles = selectPercentiles(samples, QUANTILES);
  else {
    const sorted = samples.sort();
    quantiles = QUANTILES.map((p) => percentile(sorted, p) as number);
    min = sorted[0] as number;
    max = sorted[n - 1] as number;
  }
  const [median, p75, p90, p95] = quantiles as [number, number, number, number];
  return {
    count: n,
    median,
    p75,
    p90,
    p95,
    mean: clamp(exactSum(samples) / n, min, max),
    min,
    max,
  };
}

/**
 * `percentile` of each of `quantiles` (ascending), by selection in linear time: `samples` are
 * left partitioned, not sorted.
 */
function selectPercentiles(samples: Float64Array, quantiles: readonly number[]): number[] {
  const last = samples.length - 1;
  // Ranks come in ascending order: once rank r is in place nothing after it is smaller, so
  // each next rank is selected among the samples after the previous one.
  let from = 0;
  const at = (rank: number): number => {
    if (rank >= from) {
      select(samples, rank, from, last);
      from = rank + 1;
    }
    return samples[rank] as number;
  };
  return quantiles.map((p) => {
    const h = last * p;
    const lo = Math.floor(h);
    const a = at(lo);
    return lo === h ? a : interpolate(a, minimumFrom(samples, lo + 1), h - lo);
  });
}

/** The smallest of `samples[from..]`: after rank `from - 1` is selected, rank `from` itself. */
function minimumFrom(samples: Float64Array, from: number): number {
  let min = samples[from] as number;
  for (let i = from + 1; i < samples.length; i++) {
    const x = samples[i] as number;
    if (x < min) min = x;
  }
  return min;
}

/**
 * The sum of `samples` exactly, rounded once to the nearest double (Shewchuk's algorithm, as
 * Python's `math.fsum`): the same number whatever their order.
 */
export function exactSum(samples: ArrayLike<number>): number {
  // Non-overlapping partial sums, smallest magnitude first, whose exact total is the sum so far.
  // Each partial is at least 2^53 times the one before: doubles span 2^2098, so 40 of them fit.
  const partials = new Float64Array(PARTIALS);
  let count = 0;
  for (let k = 0; k < samples.length; k++) {
    let x = samples[k] as number;
    // Infinities and NaN have no exact sum: the plain one says what they make.
    if (!Number.isFinite(x)) return plainSum(samples);
    let i = 0;
    for (let j = 0; j < count; j++) {
      let y = partials[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    // A finite sum past the largest double overflows: as plain addition would.
    if (!Number.isFinite(x)) return plainSum(samples);
    partials[i] = x;
    count = i + 1;
  }
  let n = count;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way between two doubles with more below in the same direction: round that way.
  const below = n > 0 ? (partials[n - 1] as number) : 0;
  if ((lo < 0 && below < 0) || (lo > 0 && below > 0)) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** Room for the partial sums of `exactSum`. */
const PARTIALS = 48;

/** The median of samples in any order, `null` when there are none. */
export function median(samples: ArrayLike<number>): number | null {
  if (samples.length === 0) return null;
  return percentile(Float64Array.from(samples).sort(), 0.5);
}

/**
 * Like `median`, but on `samples` itself and without sorting: the two middle order statistics
 * are found by selection (linear time), leaving `samples` partitioned rather than sorted. The series asks
 * a median of every bucket: a million samples sorted bucket by bucket cost several times this.
 */
export function medianBySelection(samples: Float64Array): number | null {
  return samples.length === 0 ? null : (selectPercentiles(samples, [0.5])[0] as number);
}

/**
 * Hoare's selection within `a[from..to]`: afterwards `a[k]` holds the k-th smallest of them,
 * no larger ones before it and no smaller ones after.
 */
function select(a: Float64Array, k: number, from: number, to: number): void {
  let lo = from;
  let hi = to;
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

function plainSum(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] as number;
  return sum;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
