import { assess, type BenchmarkMetric } from './benchmarks/index.js';
import type { NormalOptions } from './options.js';
import type { Level } from './types.js';

/** The level of one metric under the chosen profile, `'insufficient-data'` below `minSample`. */
export function levelOf(
  metric: BenchmarkMetric,
  value: number | null,
  samples: number,
  options: NormalOptions,
): Level {
  return assess(metric, value, samples, {
    benchmark: options.benchmark,
    minSample: options.minSample,
  }).level;
}
