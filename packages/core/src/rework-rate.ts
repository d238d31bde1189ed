import { type Analysis, analyse } from './analysis.js';
import { REMEDIATION } from './failure-reasons.js';
import { lowerBound } from './group-index.js';
import type { DoraData, DoraOptions, ReworkRateResult } from './types.js';
import type { TimeRange } from './window.js';

export type ReworkRateOptions = Pick<
  DoraOptions,
  'window' | 'now' | 'environment' | 'hotfixLabels' | 'hotfixBranchPrefixes'
>;

export function reworkRateResult(a: Analysis, range: TimeRange): ReworkRateResult {
  const { t, success } = a.production;
  const { flags } = a;
  let total = 0;
  let rework = 0;
  const end = lowerBound(t, range.to);
  for (let i = lowerBound(t, range.from); i < end; i++) {
    if (success[i] !== 1) continue;
    total++;
    if (((flags[i] as number) & REMEDIATION) !== 0) rework++;
  }
  return { rework, total, rate: total === 0 ? null : rework / total };
}

/**
 * Deployment rework rate: successful deployments in the window that are remediation (a
 * rollback, or every change they ship is a revert or a hotfix) ÷ successful deployments.
 */
export function reworkRate(data: DoraData, options: ReworkRateOptions): ReworkRateResult {
  const a = analyse(data, options, false);
  return reworkRateResult(a, a.options.range);
}
