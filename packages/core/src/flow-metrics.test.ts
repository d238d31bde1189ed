import { describe, expect, it } from 'vitest';
import { flowMetrics } from './flow-metrics.js';
import { change, DAY, data, deploy, HOUR, jan, WEEK1 } from './test-builders.js';

describe('flowMetrics', () => {
  it('splits the cycle of changes merged in the window into stages', () => {
    const result = flowMetrics(
      data({
        deployments: [deploy('1', jan(4)), deploy('2', jan(6, 12))],
        changes: [
          change(1, jan(1), {
            createdAt: jan(1, 4),
            firstReviewAt: jan(1, 6),
            mergedAt: jan(2),
          }),
          change(2, jan(2), { createdAt: jan(3), mergedAt: jan(5) }), // no review
          change(3, '2023-12-20T00:00:00Z', { mergedAt: '2023-12-31T00:00:00Z' }), // before
          change(4, jan(6), { mergedAt: jan(8) }), // at `to`: out
          change(5, jan(3)), // not merged
        ],
      }),
      { window: WEEK1 },
    );
    expect(result.throughput).toEqual({ merged: 2, perWeek: 2 });
    expect(result.cycleTime).toMatchObject({ count: 2, min: DAY, max: 3 * DAY, median: 2 * DAY });
    expect(result.coding).toMatchObject({ count: 2, min: 4 * HOUR, max: DAY });
    expect(result.pickup).toMatchObject({ count: 1, median: 2 * HOUR });
    expect(result.review).toMatchObject({ count: 1, median: 18 * HOUR });
    // #1 merged jan 2 -> run 1 (jan 4): 2 d; #2 merged jan 5 -> run 2 (jan 6 12:00): 1.5 d
    expect(result.deploy).toMatchObject({ count: 2, min: 1.5 * DAY, max: 2 * DAY });
  });

  it('reports null distributions and zero throughput for empty input', () => {
    const result = flowMetrics(data({}), { window: WEEK1 });
    expect(result.throughput).toEqual({ merged: 0, perWeek: 0 });
    expect(result.cycleTime.median).toBeNull();
    expect(result.deploy.count).toBe(0);
  });
});
