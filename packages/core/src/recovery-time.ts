import { type Analysis, analyse } from './analysis.js';
import { distribution } from './distribution.js';
import { lowerBound } from './group-index.js';
import { levelOf } from './levels.js';
import type { DoraData, DoraOptions, RecoveryTimeResult } from './types.js';
import type { TimeRange } from './window.js';

export type RecoveryTimeOptions = Pick<
  DoraOptions,
  | 'window'
  | 'now'
  | 'environment'
  | 'attributionWindow'
  | 'benchmark'
  | 'minSample'
  | 'hotfixLabels'
  | 'hotfixBranchPrefixes'
>;

/** Recovery samples (seconds) of the failed deployments finished in `range`, and the open count. */
export function recoverySamples(
  a: Analysis,
  range: TimeRange,
): { samples: number[]; open: number } {
  const { failureT, failureRecovery } = a;
  const samples: number[] = [];
  let open = 0;
  const end = lowerBound(failureT, range.to);
  for (let i = lowerBound(failureT, range.from); i < end; i++) {
    const s = failureRecovery[i] as number;
    if (Number.isNaN(s)) open++;
    else samples.push(s);
  }
  return { samples, open };
}

export function recoveryTimeResult(a: Analysis, range: TimeRange): RecoveryTimeResult {
  const { samples, open } = recoverySamples(a, range);
  const dist = distribution(samples);
  return { ...dist, open, level: levelOf('recoveryTime', dist.median, dist.count, a.options) };
}

/**
 * Failed deployment recovery time: for each failed deployment finished in the window, the time
 * until its attributed incidents were all resolved, or else until the next clean successful
 * deployment of the same repository/service. Unrecovered ones are counted in `open`.
 */
export function recoveryTime(data: DoraData, options: RecoveryTimeOptions): RecoveryTimeResult {
  const a = analyse(data, options);
  return recoveryTimeResult(a, a.options.range);
}
