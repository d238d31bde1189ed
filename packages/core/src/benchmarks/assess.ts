import { DoraInputError } from '../errors.js';
import type { Level } from '../types.js';
import type {
  BenchmarkMetric,
  Better,
  Edge,
  MetricBands,
  RatedLevel,
  ScoreMetric,
} from './profile.js';
import { findLevelsProfile, findProfile } from './registry.js';

export interface Assessment {
  level: Level;
  /** 0..10, 10 best: only under a score profile (dora-2025). */
  score?: number;
}

export interface AssessOptions {
  benchmark?: string | undefined;
  minSample?: number | undefined;
}

export const DEFAULT_MIN_SAMPLE = 5;

/**
 * Edges compare with this relative tolerance, so a rate that equals an edge up to floating-point
 * rounding (4 deployments in 28 days against "once per week") counts as equal to it.
 */
const TOLERANCE = 1e-9;

/**
 * Rates one metric against a benchmark profile. `value`: deployments per day, median seconds, or a
 * fraction 0..1; `samples`: the count behind it. Too few samples or no value gives
 * `'insufficient-data'` (and no score): never a confident level from too little data.
 */
export function assess(
  metric: BenchmarkMetric,
  value: number | null,
  samples: number,
  options: AssessOptions = {},
): Assessment {
  const profile = findProfile(options.benchmark);
  const minSample = checkMinSample(options.minSample);
  if (value === null || !Number.isFinite(value) || !(samples >= minSample)) {
    return { level: 'insufficient-data' };
  }
  if (profile.kind === 'levels') return { level: bandLevel(profile.metrics[metric], value) };
  const levels = findLevelsProfile(profile.levelsFrom);
  return {
    level: bandLevel(levels.metrics[metric], value),
    score: scoreOf(profile.metrics[metric], value),
  };
}

function checkMinSample(minSample: number | undefined): number {
  if (minSample === undefined) return DEFAULT_MIN_SAMPLE;
  if (!Number.isFinite(minSample) || minSample < 0) {
    throw new DoraInputError('options', 'minSample', `expected a number >= 0, got ${minSample}`);
  }
  return minSample;
}

/** The first row whose edge the value meets; the edgeless last row takes the rest. */
export function bandLevel(bands: MetricBands, value: number): RatedLevel {
  for (const row of bands.rows) {
    if (!row.edge || meets(row.edge, bands.better, value)) return row.level;
  }
  return 'low';
}

/** 0..10, 10 best, rounded to 0.01. */
export function scoreOf(metric: ScoreMetric, value: number): number {
  if (metric.scale.kind === 'percentage') {
    const rate = Math.min(1, Math.max(0, value));
    return Math.round((1 - rate) * 1000) / 100;
  }
  for (const answer of metric.scale.answers) {
    if (!answer.edge || meets(answer.edge, metric.better, value)) return (answer.answer - 1) * 2;
  }
  return 0;
}

export function meets(edge: Edge, better: Better, value: number): boolean {
  const slack = Math.abs(edge.value) * TOLERANCE;
  if (better === 'lower') {
    return edge.inclusive ? value <= edge.value + slack : value < edge.value - slack;
  }
  return edge.inclusive ? value >= edge.value - slack : value > edge.value + slack;
}
