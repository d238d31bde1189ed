import { describe, expect, it } from 'vitest';
import { recoveryTime } from './recovery-time.js';
import { DAY, data, deploy, HOUR, incident, jan, WEEK1 } from './test-builders.js';

const window = WEEK1;

describe('recoveryTime', () => {
  it('recovers a failed attempt at the next clean successful deployment of its repository', () => {
    const result = recoveryTime(
      data({
        deployments: [
          deploy('1', jan(2), { status: 'failure' }),
          deploy('2', jan(2, 1), { repository: 'acme/api', id: 'acme/api:run:2' }), // other repository
          deploy('3', jan(2, 2), { status: 'failure' }),
          deploy('4', jan(2, 5)),
        ],
      }),
      { window },
    );
    // run 1 -> run 4 (5 h), run 3 -> run 4 (3 h)
    expect(result).toMatchObject({
      count: 2,
      median: 4 * HOUR,
      min: 3 * HOUR,
      max: 5 * HOUR,
      open: 0,
    });
  });

  it('skips later deployments that failed for a reason of their own', () => {
    const result = recoveryTime(
      data({
        deployments: [
          deploy('1', jan(2), { status: 'failure' }),
          deploy('2', jan(2, 1)), // succeeded, but an incident is attributed to it
          deploy('3', jan(2, 4)),
        ],
        incidents: [incident('P1', jan(2, 2), { resolvedAt: jan(2, 3) })],
      }),
      { window },
    );
    // run 1 -> run 3 (4 h); run 2 -> its incident resolved (2 h)
    expect(result).toMatchObject({ count: 2, min: 2 * HOUR, max: 4 * HOUR, median: 3 * HOUR });
  });

  it('uses the latest resolution of all attributed incidents, open while one is unresolved', () => {
    const result = recoveryTime(
      data({
        deployments: [deploy('1', jan(2)), deploy('2', jan(3)), deploy('9', jan(6))],
        incidents: [
          incident('P1', jan(2, 1), { resolvedAt: jan(2, 2) }),
          incident('P2', jan(2, 3), { resolvedAt: jan(2, 6) }),
          incident('P3', jan(3, 1), { resolvedAt: jan(3, 2) }),
          incident('P4', jan(3, 3)), // open
        ],
      }),
      { window },
    );
    expect(result).toMatchObject({ count: 1, median: 6 * HOUR, open: 1 });
  });

  it('uses recoveries after the window ends', () => {
    const result = recoveryTime(
      data({
        deployments: [deploy('1', jan(7, 20), { status: 'failure' }), deploy('2', jan(9))],
      }),
      { window },
    );
    expect(result).toMatchObject({ count: 1, median: DAY + 4 * HOUR, open: 0 });
  });

  it('counts a failure with nothing after it as open, and has null statistics', () => {
    expect(
      recoveryTime(data({ deployments: [deploy('1', jan(2), { status: 'failure' })] }), { window }),
    ).toEqual({
      count: 0,
      median: null,
      p75: null,
      p90: null,
      p95: null,
      mean: null,
      min: null,
      max: null,
      open: 1,
      level: 'insufficient-data',
    });
  });

  it('rates the median against the benchmark', () => {
    const deployments = [1, 2, 3, 4, 5].flatMap((d) => [
      deploy(`f${d}`, jan(d + 1), { status: 'failure' }),
      deploy(`ok${d}`, jan(d + 1, 0, 30)),
    ]);
    const result = recoveryTime(data({ deployments }), { window, benchmark: 'dora-2023' });
    expect(result).toMatchObject({ count: 5, median: 30 * 60, level: 'elite' }); // < 1 h
  });
});
