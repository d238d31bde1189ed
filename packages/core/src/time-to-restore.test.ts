import { describe, expect, it } from 'vitest';
import { DAY, data, HOUR, incident, jan, WEEK1 } from './test-builders.js';
import { timeToRestore } from './time-to-restore.js';

describe('timeToRestore', () => {
  it('measures incidents resolved in the window, including ones created before it', () => {
    const result = timeToRestore(
      data({
        incidents: [
          incident('P1', '2023-12-30T00:00:00Z', { resolvedAt: jan(1, 12) }), // 2.5 d
          incident('P2', jan(3), { resolvedAt: jan(3, 1) }), // 1 h
          incident('P3', jan(4)), // open
          incident('P4', jan(7), { resolvedAt: jan(8) }), // resolved at `to`: out
          incident('P5', '2023-12-31T00:00:00Z', { resolvedAt: '2023-12-31T23:00:00Z' }), // before
          incident('P6', jan(5, 2), { resolvedAt: jan(5, 1) }), // resolved before created: data error
        ],
      }),
      { window: WEEK1 },
    );
    expect(result).toMatchObject({
      count: 2,
      min: HOUR,
      max: 2.5 * DAY,
      median: (HOUR + 2.5 * DAY) / 2,
    });
  });

  it('has null statistics without resolved incidents', () => {
    expect(timeToRestore(data({ incidents: [incident('P1', jan(2))] }), { window: WEEK1 })).toEqual(
      {
        count: 0,
        median: null,
        p75: null,
        p90: null,
        p95: null,
        mean: null,
        min: null,
        max: null,
      },
    );
  });
});
