import { type Analysis, analyse } from './analysis.js';
import { lowerBound } from './group-index.js';
import { DAY_MS } from './instant.js';
import { levelOf } from './levels.js';
import type { DeploymentFrequencyResult, DoraData, DoraOptions } from './types.js';
import type { TimeRange } from './window.js';

export type DeploymentFrequencyOptions = Pick<
  DoraOptions,
  'window' | 'now' | 'environment' | 'benchmark' | 'minSample'
>;

export type DeploymentFrequencyCounts = Omit<DeploymentFrequencyResult, 'level'>;

/** Successful production deployments finished in `range`, per day and per week. */
export function countDeployments(a: Analysis, range: TimeRange): DeploymentFrequencyCounts {
  const { t, success } = a.production;
  const end = lowerBound(t, range.to);
  let deployments = 0;
  let deploymentDays = 0;
  let lastDay = Number.NaN;
  for (let i = lowerBound(t, range.from); i < end; i++) {
    if (success[i] !== 1) continue;
    deployments++;
    const day = Math.floor((t[i] as number) / DAY_MS);
    if (day !== lastDay) {
      deploymentDays++;
      lastDay = day;
    }
  }
  const perDay = deployments / ((range.to - range.from) / DAY_MS);
  return { deployments, perDay, perWeek: perDay * 7, deploymentDays };
}

export function deploymentFrequencyResult(
  a: Analysis,
  range: TimeRange,
): DeploymentFrequencyResult {
  const counts = countDeployments(a, range);
  return {
    ...counts,
    level: levelOf('deploymentFrequency', counts.perDay, counts.deployments, a.options),
  };
}

/**
 * Deployment frequency: successful production deployments finished in the window, per day
 * (fractional days allowed) and per week, and the number of distinct UTC dates with one.
 */
export function deploymentFrequency(
  data: DoraData,
  options: DeploymentFrequencyOptions,
): DeploymentFrequencyResult {
  const a = analyse(data, options);
  return deploymentFrequencyResult(a, a.options.range);
}
