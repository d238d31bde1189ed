import type { DoraReport } from '@dora/core';
import type { Figures } from './duckdb.js';

/** The compared figures, read from a `DoraReport`. */
export function figuresOf(report: DoraReport): Figures {
  return {
    deployments: report.deploymentFrequency.deployments,
    leadTimeCount: report.leadTime.count,
    leadTimeExcluded: report.leadTime.excluded,
    leadTimeMedian: report.leadTime.median,
    leadTimeP90: report.leadTime.p90,
    failed: report.changeFailureRate.failed,
    total: report.changeFailureRate.total,
    changeFailureRate: report.changeFailureRate.rate,
    timeToRestoreMedian: report.timeToRestore.median,
  };
}

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null
    ? a === b
    : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Names of the figures that differ (relative tolerance 1e-9 for the fractional ones). */
export function differences(a: Figures, b: Figures): string[] {
  return (Object.keys(a) as Array<keyof Figures>).filter((k) => !close(a[k], b[k]));
}
