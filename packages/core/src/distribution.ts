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
  const sorted = samples.sort();
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

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}
