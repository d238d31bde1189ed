import type { Level } from '@dora/core';
import type { RunResult } from './run-info.js';

/** A plain decimal (never exponent notation), at most `digits` decimals; `null` is "" (no data). */
export function decimal(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  // toFixed switches to exponent notation from 1e21 on.
  if (Math.abs(value) >= 1e21) return BigInt(Math.round(value)).toString();
  const fixed = value.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

const level = (value: Level): string => value;

/**
 * The step outputs: numbers only, rates as fractions 0..1, durations in seconds, "" for no data.
 * Nothing here is taken from a pull request, an issue or an incident.
 */
export function buildOutputs(
  result: RunResult,
  reportPath: string | undefined,
): Record<string, string> {
  const { report, info } = result;
  return {
    deployments: String(report.deploymentFrequency.deployments),
    'deployments-per-week': decimal(report.deploymentFrequency.perWeek, 4),
    'lead-time-median-seconds': decimal(report.leadTime.median, 3),
    'change-failure-rate': decimal(report.changeFailureRate.rate, 6),
    'recovery-time-median-seconds': decimal(report.recoveryTime.median, 3),
    'time-to-restore-median-seconds': decimal(report.timeToRestore.median, 3),
    'rework-rate': decimal(report.reworkRate.rate, 6),
    level: level(report.overall),
    'deployment-frequency-level': level(report.deploymentFrequency.level),
    'lead-time-level': level(report.leadTime.level),
    'change-failure-rate-level': level(report.changeFailureRate.level),
    'recovery-time-level': level(report.recoveryTime.level),
    'report-path': reportPath ?? '',
    'api-requests': String(info.api.github + info.api.pagerduty),
  };
}
