import { type Analysis, analyse } from './analysis.js';
import { lowerBound, lowerBoundT } from './group-index.js';
import { levelOf } from './levels.js';
import type { ChangeFailureRateResult, DoraAudit, DoraData, DoraOptions } from './types.js';
import type { TimeRange } from './window.js';

export type ChangeFailureRateOptions = Pick<
  DoraOptions,
  | 'window'
  | 'now'
  | 'environment'
  | 'attributionWindow'
  | 'changeFailureRateMode'
  | 'benchmark'
  | 'minSample'
  | 'hotfixLabels'
  | 'hotfixBranchPrefixes'
>;

export type ChangeFailureRateCounts = Omit<ChangeFailureRateResult, 'level'>;

/**
 * `failed-deployments`: production deployments finished in `range`, rollbacks excepted, and
 * how many of them have a failure reason. `incidents-per-deployment`: incidents created in
 * `range` over successful deployments finished in `range` (may exceed 1).
 */
export function countFailures(a: Analysis, range: TimeRange): ChangeFailureRateCounts {
  const { production } = a;
  const start = lowerBoundT(production, range.from);
  const end = lowerBoundT(production, range.to);
  let total = 0;
  let failed = 0;
  if (a.options.mode === 'incidents-per-deployment') {
    for (let i = start; i < end; i++) if (production[i]?.success) total++;
    failed = lowerBound(a.incidentCreated, range.to) - lowerBound(a.incidentCreated, range.from);
  } else {
    for (let i = start; i < end; i++) {
      const d = production[i];
      if (d === undefined || d.rollback) continue;
      total++;
      if (d.reasons.length > 0) failed++;
    }
  }
  return { failed, total, rate: total === 0 ? null : failed / total };
}

/** The audit trail of the failed deployments finished in `range`, in finish order. */
export function failureAudit(a: Analysis, range: TimeRange): DoraAudit['failures'] {
  const { failures } = a;
  const out: DoraAudit['failures'] = [];
  const end = lowerBoundT(failures, range.to);
  for (let i = lowerBoundT(failures, range.from); i < end; i++) {
    const f = failures[i];
    if (f !== undefined)
      out.push({ deploymentId: f.id, reasons: f.reasons.map((r) => ({ ...r })) });
  }
  return out;
}

export function changeFailureRateResult(a: Analysis, range: TimeRange): ChangeFailureRateResult {
  const counts = countFailures(a, range);
  return {
    ...counts,
    level: levelOf('changeFailureRate', counts.rate, counts.total, a.options),
  };
}

/**
 * Change failure rate: failed ÷ total production deployments finished in the window; a
 * deployment fails for its own status, an attributed incident, a rollback past it, a revert
 * of a change it shipped, or a hotfix-only next deployment. Rollbacks are left out of `total`.
 */
export function changeFailureRate(
  data: DoraData,
  options: ChangeFailureRateOptions,
): ChangeFailureRateResult {
  const a = analyse(data, options);
  return changeFailureRateResult(a, a.options.range);
}
