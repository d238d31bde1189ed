import type { Level } from '../types.js';

export type BenchmarkMetric =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'recoveryTime';

/** A level a profile can award; `'insufficient-data'` is never a band. */
export type RatedLevel = Exclude<Level, 'insufficient-data'>;

/**
 * The unit of the value a band is compared with: deployments per day, seconds (a median), or a
 * fraction 0..1.
 */
export type BenchmarkUnit = 'per-day' | 'seconds' | 'fraction';

/** Whether a larger value is better (deployment frequency) or worse (everything else). */
export type Better = 'higher' | 'lower';

/**
 * Where a band starts, in the metric's unit. For `better: 'lower'` a value qualifies when it is
 * below `value` (or equal, when `inclusive`); for `better: 'higher'` when it is above (or equal).
 */
export interface Edge {
  value: number;
  inclusive: boolean;
}

/** Where a number comes from, and whether it was checked against a primary source. */
export interface Provenance {
  /** Report year and page, or the tool that published the band, with a URL or repository path. */
  source: string;
  /** `false` when the number was recalled or relayed, not read in the report or a tool's source. */
  verified: boolean;
}

export interface BandRow extends Provenance {
  level: RatedLevel;
  /** The report's own wording for the band. */
  reported: string;
  /** Absent on the last row: it takes every value the rows above it do not. */
  edge?: Edge;
}

export interface MetricBands {
  metric: BenchmarkMetric;
  unit: BenchmarkUnit;
  better: Better;
  /** The report's name for the metric that year. */
  reportedAs: string;
  /** Best level first; checked in order, the first row whose edge the value meets wins. */
  rows: readonly BandRow[];
  /** How the edges were derived where the report leaves gaps, overlaps, or gives averages. */
  derivation: string;
}

export interface LevelsProfile {
  id: string;
  kind: 'levels';
  year: number;
  title: string;
  /** True only when every row of every metric is verified. */
  verified: boolean;
  notes: string;
  metrics: { readonly [M in BenchmarkMetric]: MetricBands };
}

/** One answer of a DORA Quick Check multiple-choice question (1 = worst, 6 = best). */
export interface QuickCheckAnswer {
  answer: 1 | 2 | 3 | 4 | 5 | 6;
  reported: string;
  /** Absent on the last answer (1): it takes every value the others do not. */
  edge?: Edge;
}

/** An industry mean on the 0..10 score scale, 10 best (the Quick Check's display scale). */
export interface IndustryReference extends Provenance {
  edition: string;
  industry: string;
  mean: number;
  std: number;
}

export interface ScoreMetric extends Provenance {
  metric: BenchmarkMetric | 'reworkRate';
  unit: BenchmarkUnit;
  better: Better;
  reportedAs: string;
  /**
   * `answers`: the value picks an answer 1..6, scored (answer − 1) × 2.
   * `percentage`: 0% scores 10 and 100% scores 0, linearly.
   */
  scale: { kind: 'answers'; answers: readonly QuickCheckAnswer[] } | { kind: 'percentage' };
  references: readonly IndustryReference[];
  derivation: string;
}

export interface ScoreProfile {
  id: string;
  kind: 'score';
  year: number;
  title: string;
  verified: boolean;
  /** The levels profile whose bands give `Assessment.level` under this profile. */
  levelsFrom: string;
  notes: string;
  metrics: { readonly [M in BenchmarkMetric]: ScoreMetric };
  /** The Quick Check's fifth question; not part of `assess`, kept for renderers. */
  reworkRate: ScoreMetric;
}

export type BenchmarkProfile = LevelsProfile | ScoreProfile;
