import { type Analysis, analyse } from './analysis.js';
import { distribution } from './distribution.js';
import type { Distribution, DoraData, DoraOptions } from './types.js';
import type { TimeRange } from './window.js';

export type TimeToRestoreOptions = Pick<DoraOptions, 'window' | 'now'>;

/**
 * `resolvedAt − createdAt` (seconds) of every incident resolved in `range`, whenever it was
 * created. An incident resolved before it was created is a data error and is left out.
 */
export function timeToRestoreSamples(a: Analysis, range: TimeRange): number[] {
  // One pass over the incidents: cheaper than sorting them by resolution to search a window
  // (the summary does not depend on the samples' order).
  const { createdAt, resolvedAt } = a.data.incidents;
  const { from, to } = range;
  const samples: number[] = [];
  for (let i = 0; i < resolvedAt.length; i++) {
    // An open incident's resolvedAt is NaN: never in the window.
    const resolved = resolvedAt[i] as number;
    if (!(resolved >= from && resolved < to)) continue;
    const seconds = (resolved - (createdAt[i] as number)) / 1000;
    if (seconds >= 0) samples.push(seconds);
  }
  return samples;
}

/** Time to restore service (the classic incident MTTR): incidents resolved in the window. */
export function timeToRestore(data: DoraData, options: TimeToRestoreOptions): Distribution {
  const a = analyse(data, options, false);
  return distribution(timeToRestoreSamples(a, a.options.range));
}
