import { type Analysis, analyse } from './analysis.js';
import { lowerBoundT } from './group-index.js';
import type { DoraData, DoraOptions, ReworkRateResult } from './types.js';
import type { TimeRange } from './window.js';

export type ReworkRateOptions = Pick<
  DoraOptions,
  'window' | 'now' | 'environment' | 'hotfixLabels' | 'hotfixBranchPrefixes'
>;

export function reworkRateResult(a: Analysis, range: TimeRange): ReworkRateResult {
  const { production } = a;
  let total = 0;
  let rework = 0;
  const end = lowerBoundT(production, range.to);
  for (let i = lowerBoundT(production, range.from); i < end; i++) {
    const d = production[i];
    if (d === undefined || !d.success) continue;
    total++;
    if (d.remediation) rework++;
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
