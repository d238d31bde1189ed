import { type Analysis, analyse } from './analysis.js';
import { distribution } from './distribution.js';
import { lowerBoundT } from './group-index.js';
import { levelOf } from './levels.js';
import type { NChange } from './normalize.js';
import type { DoraAudit, DoraData, DoraOptions, LeadTimeResult } from './types.js';
import type { TimeRange } from './window.js';

export type LeadTimeOptions = Pick<
  DoraOptions,
  'window' | 'now' | 'environment' | 'benchmark' | 'minSample'
>;

export interface LeadTimeSamples {
  samples: number[];
  excluded: number;
  audit: DoraAudit['leadTimes'];
}

/**
 * Lead-time samples (seconds) of the changes whose shipping deployment finished in `range`.
 * Negative samples are data errors: left out and counted in `excluded`; the audit lists them
 * too (with their negative seconds) so the exclusion can be traced.
 */
export function leadTimeSamples(
  a: Analysis,
  range: TimeRange,
  withAudit: boolean,
): LeadTimeSamples {
  const { production } = a;
  const samples: number[] = [];
  const audit: DoraAudit['leadTimes'] = [];
  let excluded = 0;
  const end = lowerBoundT(production, range.to);
  for (let i = lowerBoundT(production, range.from); i < end; i++) {
    const d = production[i];
    if (d === undefined || d.shipped.length === 0) continue;
    const shipped = d.shipped;
    for (let k = 0; k < shipped.length; k++) {
      const c = shipped[k] as NChange;
      const seconds = (d.t - c.firstCommitAt) / 1000;
      if (seconds < 0) excluded++;
      else samples.push(seconds);
      if (withAudit) audit.push({ changeId: c.id, deploymentId: d.id, seconds });
    }
  }
  return { samples, excluded, audit };
}

export function leadTimeResult(a: Analysis, samples: LeadTimeSamples): LeadTimeResult {
  const dist = distribution(samples.samples);
  return {
    ...dist,
    excluded: samples.excluded,
    level: levelOf('leadTime', dist.median, dist.count, a.options),
  };
}

/**
 * Lead time for changes: `s(c).finishedAt − c.firstCommitAt` for every change whose shipping
 * deployment `s(c)` finished in the window (see `linkChanges` for how `s(c)` is found).
 */
export function leadTime(data: DoraData, options: LeadTimeOptions): LeadTimeResult {
  const a = analyse(data, options);
  return leadTimeResult(a, leadTimeSamples(a, a.options.range, false));
}
