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
}

/** The positions `[start, end)` of the production deployments finished in `range`. */
function positionsIn(a: Analysis, range: TimeRange): { start: number; end: number } {
  const { t } = a.production;
  return { start: lowerBound(t, range.from), end: lowerBound(t, range.to) };
}

/**
 * Lead-time samples (seconds) of the changes whose shipping deployment finished in `range`.
 * Negative samples are data errors: left out and counted in `excluded`.
 */
export function leadTimeSamples(a: Analysis, range: TimeRange): LeadTimeSamples {
  const { shipStart } = a.links;
  const lead = a.shippedLead;
  const { start, end } = positionsIn(a, range);
  // The changes shipped by a run of positions are one run of `shipped`: no per-window scan
  // to size the list, which is allocated once at its final size.
  const from = shipStart[start] as number;
  const to = shipStart[end] as number;
  const samples = new Float64Array(to - from);
  let count = 0;
  let excluded = 0;
  for (let k = from; k < to; k++) {
    const seconds = lead[k] as number;
    if (seconds < 0) excluded++;
    else samples[count++] = seconds;
  }
  return { samples: samples.subarray(0, count), excluded };
}

/**
 * Builds the audit of the lead times in `range`, one entry per shipped change in finish order,
 * the negative (excluded) samples included so the exclusion can be traced. Returned as a
 * builder that holds only the columns it reads (not the analysis): the report builds it when
 * the audit is first read.
 */
export function leadTimeAudit(a: Analysis, range: TimeRange): () => DoraAudit['leadTimes'] {
  const { id } = a.production;
  const { shipStart, shipped } = a.links;
  const lead = a.shippedLead;
  const changeIds = a.data.changes.id;
  const { start, end } = positionsIn(a, range);
  return () => {
    const from = shipStart[start] as number;
    const audit: DoraAudit['leadTimes'] = new Array((shipStart[end] as number) - from);
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
    return audit;
  };
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
  return leadTimeResult(a, leadTimeSamples(a, a.options.range));
}
