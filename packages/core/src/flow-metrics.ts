import { analyse } from './analysis.js';
import { distribution } from './distribution.js';
import { DAY_MS } from './instant.js';
import { changeInstant, type NChange } from './normalize.js';
import type { DoraData, DoraOptions, FlowMetricsResult } from './types.js';

export type FlowMetricsOptions = Pick<DoraOptions, 'window' | 'now' | 'environment'>;

function push(samples: number[], from: number | undefined, to: number | undefined): void {
  if (from === undefined || to === undefined) return;
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
  const merged: NChange[] = a.data.changes.filter(
    (c) => c.mergedAt !== undefined && c.mergedAt >= from && c.mergedAt < to,
  );
  const cycle: number[] = [];
  const coding: number[] = [];
  const pickup: number[] = [];
  const review: number[] = [];
  const deploy: number[] = [];
  for (const c of merged) {
    push(cycle, c.firstCommitAt, c.mergedAt);
    const createdAt = changeInstant(c, 'createdAt');
    const firstReviewAt = changeInstant(c, 'firstReviewAt');
    push(coding, c.firstCommitAt, createdAt);
    push(pickup, createdAt, firstReviewAt);
    push(review, firstReviewAt, c.mergedAt);
    push(deploy, c.mergedAt, c.ship?.t);
  }
  const days = (to - from) / DAY_MS;
  return {
    throughput: { merged: merged.length, perWeek: (merged.length / days) * 7 },
    cycleTime: distribution(cycle),
    coding: distribution(coding),
    pickup: distribution(pickup),
    review: distribution(review),
    deploy: distribution(deploy),
  };
}
