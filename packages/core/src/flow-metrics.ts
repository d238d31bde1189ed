import { analyse } from './analysis.js';
import { distribution } from './distribution.js';
import { DAY_MS } from './instant.js';
import { changeInstant } from './normalize.js';
import type { DoraData, DoraOptions, FlowMetricsResult } from './types.js';

export type FlowMetricsOptions = Pick<DoraOptions, 'window' | 'now' | 'environment'>;

function push(samples: number[], from: number | undefined, to: number | undefined): void {
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return;
  // A stage that ends before it starts is a data error (clock skew, rebased history): left out.
  if (to >= from) samples.push((to - from) / 1000);
}

/**
 * Flow view of the changes merged in the window: throughput and the stage durations
 * (coding, pickup, review, deploy) of each change that has both ends of the stage.
 * `deploy` uses the same shipping deployment `s(c)` as lead time.
 */
export function flowMetrics(data: DoraData, options: FlowMetricsOptions): FlowMetricsResult {
  const a = analyse(data, options, false);
  const { from, to } = a.options.range;
  const { changes } = a.data;
  const mergedColumn = changes.mergedAt;
  const { ship } = a.links;
  const { t } = a.production;
  let merged = 0;
  const cycle: number[] = [];
  const coding: number[] = [];
  const pickup: number[] = [];
  const review: number[] = [];
  const deploy: number[] = [];
  for (let c = 0; c < changes.length; c++) {
    // An absent mergedAt is NaN: never in the window.
    const mergedAt = mergedColumn[c] as number;
    if (!(mergedAt >= from && mergedAt < to)) continue;
    merged++;
    const firstCommitAt = changes.firstCommitAt[c] as number;
    push(cycle, firstCommitAt, mergedAt);
    const createdAt = changeInstant(changes, c, 'createdAt');
    const firstReviewAt = changeInstant(changes, c, 'firstReviewAt');
    push(coding, firstCommitAt, createdAt);
    push(pickup, createdAt, firstReviewAt);
    push(review, firstReviewAt, mergedAt);
    const p = ship[c] as number;
    if (p >= 0) push(deploy, mergedAt, t[p]);
  }
  const days = (to - from) / DAY_MS;
  return {
    throughput: { merged, perWeek: (merged / days) * 7 },
    cycleTime: distribution(cycle),
    coding: distribution(coding),
    pickup: distribution(pickup),
    review: distribution(review),
    deploy: distribution(deploy),
  };
}
