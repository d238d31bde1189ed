import { type Analysis, analyse } from './analysis.js';
import { distribution } from './distribution.js';
import { lowerBound } from './group-index.js';
import type { Distribution, DoraData, DoraOptions } from './types.js';
import type { TimeRange } from './window.js';

export type TimeToRestoreOptions = Pick<DoraOptions, 'window' | 'now'>;

/**
 * `resolvedAt − createdAt` (seconds) of every incident resolved in `range`, whenever it was
 * created. An incident resolved before it was created is a data error and is left out.
 */
export function timeToRestoreSamples(a: Analysis, range: TimeRange): number[] {
  const { resolvedAt, restoreSeconds } = a;
  const samples: number[] = [];
  const end = lowerBound(resolvedAt, range.to);
  for (let i = lowerBound(resolvedAt, range.from); i < end; i++) {
    const seconds = restoreSeconds[i] as number;
    if (seconds >= 0) samples.push(seconds);
  }
  return samples;
}

/** Time to restore service (the classic incident MTTR): incidents resolved in the window. */
export function timeToRestore(data: DoraData, options: TimeToRestoreOptions): Distribution {
  const a = analyse(data, options, false);
  return distribution(timeToRestoreSamples(a, a.options.range));
}
