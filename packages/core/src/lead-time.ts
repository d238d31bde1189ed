import { type Analysis, analyse } from './analysis.js';
import { summariseInPlace } from './distribution.js';
import { lowerBound } from './group-index.js';
import { levelOf } from './levels.js';
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
  const { t, id } = a.production;
  const { shipStart, shipped } = a.links;
  const lead = a.shippedLead;
  const start = lowerBound(t, range.from);
  const end = lowerBound(t, range.to);
  // The changes shipped by a run of positions are one run of `shipped`: no per-window scan
  // to size the lists, which are allocated once at their final size.
  const from = shipStart[start] as number;
  const n = (shipStart[end] as number) - from;
  const samples = new Float64Array(n);
  let count = 0;
  let excluded = 0;
  for (let k = from; k < from + n; k++) {
    const seconds = lead[k] as number;
    if (seconds < 0) excluded++;
    else samples[count++] = seconds;
  }
  const audit: DoraAudit['leadTimes'] = withAudit ? new Array(n) : [];
  if (withAudit) {
    const changeIds = a.data.changes.id;
    for (let p = start; p < end; p++) {
      const deploymentId = id[p] as string;
      const to = shipStart[p + 1] as number;
      for (let k = shipStart[p] as number; k < to; k++) {
        audit[k - from] = {
          changeId: changeIds[shipped[k] as number] as string,
          deploymentId,
          seconds: lead[k] as number,
        };
      }
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
