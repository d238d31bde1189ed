import { type Analysis, analyse } from './analysis.js';
import { summariseInPlace } from './distribution.js';
import { lowerBoundT } from './group-index.js';
import { levelOf } from './levels.js';
import type { NChange, NDeployment } from './normalize.js';
import type { DoraAudit, DoraData, DoraOptions, LeadTimeResult } from './types.js';
import type { TimeRange } from './window.js';

export type LeadTimeOptions = Pick<
  DoraOptions,
  'window' | 'now' | 'environment' | 'benchmark' | 'minSample'
>;

export interface LeadTimeSamples {
  /** Owned by the caller: summarised in place. */
  samples: Float64Array;
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
  const start = lowerBoundT(production, range.from);
  const end = lowerBoundT(production, range.to);
  // Counted first so both lists are allocated once at their final size: a million samples
  // grown by `push` would leave each earlier, smaller copy behind as garbage.
  let n = 0;
  for (let i = start; i < end; i++) n += (production[i] as NDeployment).shipped.length;
  const samples = new Float64Array(n);
  const audit: DoraAudit['leadTimes'] = withAudit ? new Array(n) : [];
  let count = 0;
  let row = 0;
  let excluded = 0;
  for (let i = start; i < end; i++) {
    const d = production[i] as NDeployment;
    const shipped = d.shipped;
    for (let k = 0; k < shipped.length; k++) {
      const c = shipped[k] as NChange;
      const seconds = (d.t - c.firstCommitAt) / 1000;
      if (seconds < 0) excluded++;
      else samples[count++] = seconds;
      if (withAudit) audit[row++] = { changeId: c.id, deploymentId: d.id, seconds };
    }
  }
  return { samples: samples.subarray(0, count), excluded, audit };
}

export function leadTimeResult(a: Analysis, samples: LeadTimeSamples): LeadTimeResult {
  const dist = summariseInPlace(samples.samples);
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
