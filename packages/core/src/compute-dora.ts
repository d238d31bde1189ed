import { type Analysis, analyse } from './analysis.js';
import { overallLevel } from './benchmarks/index.js';
import { buckets } from './buckets.js';
import { changeFailureRateResult, countFailures, failureAudit } from './change-failure-rate.js';
import { countDeployments, deploymentFrequencyResult } from './deployment-frequency.js';
import { distribution, median, medianBySelection } from './distribution.js';
import { MAX_INSTANT_MS, toIso } from './instant.js';
import { lazyProperty } from './lazy-property.js';
import { leadTimeAudit, leadTimeResult, leadTimeSamples } from './lead-time.js';
import { recoverySamples, recoveryTimeResult } from './recovery-time.js';
import { reworkRateResult } from './rework-rate.js';
import { timeToRestoreSamples } from './time-to-restore.js';
import type { DoraAudit, DoraData, DoraOptions, DoraReport, SeriesPoint } from './types.js';
import type { TimeRange } from './window.js';

type WindowReport = Omit<DoraReport, 'previous' | 'series'>;

function windowReport(a: Analysis, range: TimeRange): WindowReport {
  const deploymentFrequency = deploymentFrequencyResult(a, range);
  const leadTime = leadTimeResult(a, leadTimeSamples(a, range));
  const changeFailureRate = changeFailureRateResult(a, range);
  const recoveryTime = recoveryTimeResult(a, range);
  // The audit lists run to a million entries: built when first read, not for every report.
  const audit = {} as DoraAudit;
  lazyProperty(audit, 'failures', failureAudit(a, range));
  lazyProperty(audit, 'leadTimes', leadTimeAudit(a, range));
  return {
    window: { from: toIso(range.from), to: toIso(range.to) },
    benchmark: a.options.benchmark,
    deploymentFrequency,
    leadTime,
    changeFailureRate,
    recoveryTime,
    timeToRestore: distribution(timeToRestoreSamples(a, range)),
    reworkRate: reworkRateResult(a, range),
    overall: overallLevel([
      deploymentFrequency.level,
      leadTime.level,
      changeFailureRate.level,
      recoveryTime.level,
    ]),
    audit,
  };
}

function seriesPoint(a: Analysis, range: TimeRange): SeriesPoint {
  return {
    start: toIso(range.from),
    end: toIso(range.to),
    deployments: countDeployments(a, range).deployments,
    leadTimeMedian: medianBySelection(leadTimeSamples(a, range).samples),
    changeFailureRate: countFailures(a, range).rate,
    recoveryTimeMedian: median(recoverySamples(a, range).samples),
  };
}

/**
 * Every DORA metric over the window, its `series` and (by default) the `previous` window of
 * equal length ending where this one starts. All three read the same analysed input: events
 * before the window still link, attribute and recover across its edges.
 */
export function computeDora(data: DoraData, options: DoraOptions): DoraReport {
  const a = analyse(data, options);
  const { range } = a.options;
  const report: DoraReport = {
    ...windowReport(a, range),
    series: buckets(range, a.options.bucket).map((b) => seriesPoint(a, b)),
  };
  const length = range.to - range.from;
  // A window reaching before the first representable instant has no "previous": it is omitted.
  if (a.options.compareToPrevious && range.from - length >= -MAX_INSTANT_MS) {
    report.previous = windowReport(a, { from: range.from - length, to: range.from });
  }
  return report;
}
