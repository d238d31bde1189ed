import type { Level } from '../types.js';
import { assess } from './assess.js';
import type { BenchmarkMetric } from './profile.js';

/** Levels for a list of values under one profile, with plenty of samples. */
export function levelsOf(
  benchmark: string,
  metric: BenchmarkMetric,
  values: readonly number[],
): Level[] {
  return values.map((value) => assess(metric, value, 100, { benchmark }).level);
}
