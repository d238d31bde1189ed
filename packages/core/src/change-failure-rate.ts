import { type Analysis, analyse } from './analysis.js';
import { ROLLBACK } from './failure-reasons.js';
import { lowerBound } from './group-index.js';
import { levelOf } from './levels.js';
import type {
  ChangeFailureRateResult,
  DoraAudit,
  DoraData,
  DoraOptions,
  FailureReason,
} from './types.js';
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
  const { t, success } = a.production;
  const start = lowerBound(t, range.from);
  const end = lowerBound(t, range.to);
  let total = 0;
  let failed = 0;
  if (a.options.mode === 'incidents-per-deployment') {
    for (let i = start; i < end; i++) total += success[i] as number;
    failed = lowerBound(a.incidentCreated, range.to) - lowerBound(a.incidentCreated, range.from);
  } else {
    const { flags, reasons } = a;
    for (let i = start; i < end; i++) {
      if (((flags[i] as number) & ROLLBACK) !== 0) continue;
      total++;
      if (reasons.has(i)) failed++;
    }
  }
  return { failed, total, rate: total === 0 ? null : failed / total };
}

/** A fresh copy for the caller (the same fields in the same order as a spread would give). */
function copyReason(r: FailureReason): FailureReason {
  return r.ref === undefined ? { kind: r.kind } : { kind: r.kind, ref: r.ref };
}

/**
 * Builds the audit trail of the failed deployments finished in `range`, in finish order.
 * Returned as a builder that holds only the columns it reads (not the analysis): the report
 * builds it when the audit is first read.
 */
export function failureAudit(a: Analysis, range: TimeRange): () => DoraAudit['failures'] {
  const { failures, failureT, reasons } = a;
  const { id } = a.production;
  const start = lowerBound(failureT, range.from);
  const end = lowerBound(failureT, range.to);
  return () => {
    const out: DoraAudit['failures'] = new Array(end - start);
    for (let i = start; i < end; i++) {
      const f = failures[i] as number;
      out[i - start] = { deploymentId: id[f] as string, reasons: reasons.get(f).map(copyReason) };
    }
    return out;
  };
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
