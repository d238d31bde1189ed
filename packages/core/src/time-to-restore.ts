import { type Analysis, analyse } from './analysis.js';
import { distribution } from './distribution.js';
import type { NIncident } from './normalize.js';
import type { Distribution, DoraData, DoraOptions } from './types.js';
import type { TimeRange } from './window.js';

export type TimeToRestoreOptions = Pick<DoraOptions, 'window' | 'now'>;

function firstResolvedAtOrAfter(list: readonly NIncident[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.resolvedAt as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `resolvedAt − createdAt` (seconds) of every incident resolved in `range`, whenever it was
 * created. An incident resolved before it was created is a data error and is left out.
 */
export function timeToRestoreSamples(a: Analysis, range: TimeRange): number[] {
  const { resolved } = a;
  const samples: number[] = [];
  const end = firstResolvedAtOrAfter(resolved, range.to);
  for (let i = firstResolvedAtOrAfter(resolved, range.from); i < end; i++) {
    const incident = resolved[i];
    if (incident === undefined) continue;
    const seconds = ((incident.resolvedAt as number) - incident.createdAt) / 1000;
    if (seconds >= 0) samples.push(seconds);
  }
  return samples;
}

/** Time to restore service (the classic incident MTTR): incidents resolved in the window. */
export function timeToRestore(data: DoraData, options: TimeToRestoreOptions): Distribution {
  const a = analyse(data, options, false);
  return distribution(timeToRestoreSamples(a, a.options.range));
}
