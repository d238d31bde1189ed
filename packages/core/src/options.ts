import { resolveBenchmark } from './benchmarks/index.js';
import { DoraInputError } from './errors.js';
import type { Bucket, ChangeFailureRateMode, DoraOptions } from './types.js';
import { resolveWindow, type TimeRange } from './window.js';

/** Options after validation, with every default applied. */
export interface NormalOptions {
  range: TimeRange;
  isProduction: (environment: string) => boolean;
  attributionMs: number;
  mode: ChangeFailureRateMode;
  benchmark: string;
  minSample: number;
  bucket: Bucket;
  compareToPrevious: boolean;
  hotfixLabels: ReadonlySet<string>;
  hotfixBranchPrefixes: readonly string[];
}

const BUCKETS: readonly Bucket[] = ['day', 'week', 'month', 'quarter'];
const MODES: readonly ChangeFailureRateMode[] = ['failed-deployments', 'incidents-per-deployment'];

/**
 * Environment names match case-insensitively (GitHub treats `Production` and `production` as
 * the same environment). A RegExp is used without its global/sticky state.
 */
function environmentMatcher(env: unknown = 'production'): (environment: string) => boolean {
  let test: (e: string) => boolean;
  if (typeof env === 'string') {
    const want = env.toLowerCase();
    test = (e) => e.toLowerCase() === want;
  } else if (env instanceof RegExp) {
    const re = new RegExp(env.source, env.flags.replace(/[gy]/g, ''));
    test = (e) => re.test(e);
  } else {
    throw new DoraInputError('options', 'environment', 'must be a string or a RegExp');
  }
  // A few distinct environment names across a million deployments: decide each name once.
  // The name most recently asked is compared first: no hash of each record's own string.
  const cache = new Map<string, boolean>();
  let last = '';
  let lastHit = false;
  return (e) => {
    if (e === last) return lastHit;
    let hit = cache.get(e);
    if (hit === undefined) {
      hit = test(e);
      cache.set(e, hit);
    }
    last = e;
    lastHit = hit;
    return hit;
  };
}

function nonNegative(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new DoraInputError('options', field, 'must be a finite number >= 0');
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new DoraInputError(
      'options',
      field,
      `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function stringList(value: unknown, field: string, fallback: readonly string[]): string[] {
  if (value === undefined) return fallback.map((s) => s.toLowerCase());
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new DoraInputError('options', field, 'must be an array of strings');
  }
  return value.map((s: string) => s.toLowerCase());
}

/** Validates options and applies defaults. `withBenchmark: false` skips the benchmark lookup. */
export function normaliseOptions(options: DoraOptions, withBenchmark = true): NormalOptions {
  if (typeof options !== 'object' || options === null) {
    throw new DoraInputError('options', 'window', 'options are required ({ window })');
  }
  const range = resolveWindow(options.window, options.now);
  if (options.compareToPrevious !== undefined && typeof options.compareToPrevious !== 'boolean') {
    throw new DoraInputError('options', 'compareToPrevious', 'must be a boolean');
  }
  if (options.benchmark !== undefined && typeof options.benchmark !== 'string') {
    throw new DoraInputError('options', 'benchmark', 'must be a string');
  }
  return {
    range,
    isProduction: environmentMatcher(options.environment),
    attributionMs: nonNegative(options.attributionWindow, 'attributionWindow', 86_400) * 1000,
    mode: oneOf(
      options.changeFailureRateMode,
      MODES,
      'changeFailureRateMode',
      'failed-deployments',
    ),
    benchmark: withBenchmark ? resolveBenchmark(options.benchmark).id : '',
    minSample: nonNegative(options.minSample, 'minSample', 5),
    bucket: oneOf(options.bucket, BUCKETS, 'bucket', 'week'),
    compareToPrevious: options.compareToPrevious ?? true,
    hotfixLabels: new Set(stringList(options.hotfixLabels, 'hotfixLabels', ['hotfix'])),
    hotfixBranchPrefixes: stringList(options.hotfixBranchPrefixes, 'hotfixBranchPrefixes', [
      'hotfix/',
    ]),
  };
}
