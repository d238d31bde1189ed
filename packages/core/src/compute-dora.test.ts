import { describe, expect, it } from 'vitest';
import { computeDora } from './compute-dora.js';
import { change, DAY, data, deploy, HOUR, incident, jan } from './test-builders.js';

const NULL_DISTRIBUTION = {
  count: 0,
  median: null,
  p75: null,
  p90: null,
  p95: null,
  mean: null,
  min: null,
  max: null,
};

describe('computeDora', () => {
  it('returns a valid report over empty input: nulls, not zeros', () => {
    const report = computeDora(data({}), {
      window: { from: jan(1), to: jan(15) },
      compareToPrevious: false,
    });
    expect(report).toEqual({
      window: { from: '2024-01-01T00:00:00.000Z', to: '2024-01-15T00:00:00.000Z' },
      benchmark: 'dora-2023',
      deploymentFrequency: {
        deployments: 0,
        perDay: 0,
        perWeek: 0,
        deploymentDays: 0,
        level: 'insufficient-data',
      },
      leadTime: { ...NULL_DISTRIBUTION, excluded: 0, level: 'insufficient-data' },
      changeFailureRate: { failed: 0, total: 0, rate: null, level: 'insufficient-data' },
      recoveryTime: { ...NULL_DISTRIBUTION, open: 0, level: 'insufficient-data' },
      timeToRestore: NULL_DISTRIBUTION,
      reworkRate: { rework: 0, total: 0, rate: null },
      overall: 'insufficient-data',
      series: [
        {
          start: '2024-01-01T00:00:00.000Z',
          end: '2024-01-08T00:00:00.000Z',
          deployments: 0,
          leadTimeMedian: null,
          changeFailureRate: null,
          recoveryTimeMedian: null,
        },
        {
          start: '2024-01-08T00:00:00.000Z',
          end: '2024-01-15T00:00:00.000Z',
          deployments: 0,
          leadTimeMedian: null,
          changeFailureRate: null,
          recoveryTimeMedian: null,
        },
      ],
      audit: { failures: [], leadTimes: [] },
    });
  });

  const input = data({
    deployments: [
      // previous window: 2023-12-25 .. 2024-01-08 is two weeks before jan 8 .. jan 22
      deploy('1', jan(2), { changeIds: ['acme/shop#1'] }),
      deploy('2', jan(3), { status: 'failure', changeIds: ['acme/shop#2'] }),
      deploy('3', jan(3, 2), { changeIds: ['acme/shop#2'] }),
      // window
      deploy('4', jan(9), { changeIds: ['acme/shop#3'] }),
      deploy('5', jan(10), { changeIds: ['acme/shop#4'] }),
      deploy('6', jan(16), { changeIds: ['acme/shop#5'] }),
      deploy('7', jan(17), { status: 'failure' }),
      deploy('8', jan(17, 1)),
    ],
    changes: [
      change(1, jan(1)),
      change(2, jan(2)),
      change(3, jan(8)), // 1 d
      change(4, jan(9, 12)), // 12 h
      change(5, jan(14)), // 2 d
    ],
    incidents: [
      incident('P1', jan(10, 1), { resolvedAt: jan(10, 3) }), // -> run 5; 2 h to restore
      incident('P0', jan(7), { resolvedAt: jan(8, 1) }), // created before the window: 25 h
    ],
  });
  const report = computeDora(input, { window: { from: jan(8), to: jan(22) }, minSample: 1 });

  it('computes every metric over the window', () => {
    expect(report.deploymentFrequency).toMatchObject({
      deployments: 4,
      perDay: 4 / 14,
      deploymentDays: 4,
    });
    expect(report.leadTime).toMatchObject({ count: 3, median: DAY, min: 12 * HOUR, max: 2 * DAY });
    expect(report.changeFailureRate).toMatchObject({ failed: 2, total: 5, rate: 0.4 });
    // run 5: incident resolved 3 h after; run 7: next clean deployment 1 h after
    expect(report.recoveryTime).toMatchObject({ count: 2, median: 2 * HOUR, open: 0 });
    expect(report.timeToRestore).toMatchObject({ count: 2, min: 2 * HOUR, max: 25 * HOUR });
    expect(report.reworkRate).toEqual({ rework: 0, total: 4, rate: 0 });
    expect(report.audit.failures).toEqual([
      { deploymentId: 'acme/shop:run:5', reasons: [{ kind: 'incident', ref: 'pagerduty:P1' }] },
      { deploymentId: 'acme/shop:run:7', reasons: [{ kind: 'deployment-failed' }] },
    ]);
    expect(report.audit.leadTimes.map((l) => l.changeId)).toEqual([
      'acme/shop#3',
      'acme/shop#4',
      'acme/shop#5',
    ]);
  });

  it('builds the audit lists on their first read, the same list on every read', () => {
    const fresh = computeDora(input, { window: { from: jan(8), to: jan(22) }, minSample: 1 });
    for (const key of ['failures', 'leadTimes'] as const) {
      expect(typeof Object.getOwnPropertyDescriptor(fresh.audit, key)?.get).toBe('function');
      expect(fresh.audit[key]).toBe(fresh.audit[key]);
      expect(fresh.audit[key]).toEqual(report.audit[key]);
    }
    expect(JSON.parse(JSON.stringify(fresh.audit))).toEqual(report.audit);
  });

  it('rates each metric and combines them into overall', () => {
    // 4 / 14 per day: at least once per week -> high; lead 1 d -> high (< 1 week);
    // CFR 40 % -> low; recovery 2 h -> high (< 1 day). Overall: the lowest, low.
    expect(report.deploymentFrequency.level).toBe('high');
    expect(report.leadTime.level).toBe('high');
    expect(report.changeFailureRate.level).toBe('low');
    expect(report.recoveryTime.level).toBe('high');
    expect(report.overall).toBe('low');
  });

  it('computes previous over the window of equal length just before, from the same data', () => {
    expect(report.previous?.window).toEqual({
      from: '2023-12-25T00:00:00.000Z',
      to: '2024-01-08T00:00:00.000Z',
    });
    expect(report.previous?.deploymentFrequency).toMatchObject({ deployments: 2 });
    expect(report.previous?.leadTime).toMatchObject({ count: 2, min: DAY, max: DAY + 2 * HOUR });
    expect(report.previous?.changeFailureRate).toMatchObject({ failed: 1, total: 3 });
    expect(report.previous?.timeToRestore.count).toBe(0);
    expect(report.previous).not.toHaveProperty('series');
    expect(report.previous).not.toHaveProperty('previous');
  });

  it('splits the series into buckets with per-bucket medians and rates', () => {
    expect(report.series).toEqual([
      {
        start: '2024-01-08T00:00:00.000Z',
        end: '2024-01-15T00:00:00.000Z',
        deployments: 2,
        leadTimeMedian: 18 * HOUR,
        changeFailureRate: 0.5,
        recoveryTimeMedian: 3 * HOUR,
      },
      {
        start: '2024-01-15T00:00:00.000Z',
        end: '2024-01-22T00:00:00.000Z',
        deployments: 2,
        leadTimeMedian: 2 * DAY,
        changeFailureRate: 1 / 3,
        recoveryTimeMedian: HOUR,
      },
    ]);
  });

  it('honours bucket and compareToPrevious', () => {
    const monthly = computeDora(input, {
      window: { from: jan(8), to: jan(22) },
      bucket: 'month',
      compareToPrevious: false,
    });
    expect(monthly.series).toHaveLength(1);
    expect(monthly.series[0]?.deployments).toBe(4);
    expect(monthly).not.toHaveProperty('previous');
  });

  it('accepts a preset window with now, and a benchmark id', () => {
    const r = computeDora(input, { window: 'last-7-days', now: jan(22), benchmark: 'dora-2021' });
    expect(r.window).toEqual({ from: '2024-01-15T00:00:00.000Z', to: '2024-01-22T00:00:00.000Z' });
    expect(r.benchmark).toBe('dora-2021');
    expect(r.deploymentFrequency.deployments).toBe(2);
  });
});

describe('computeDora at the edges of the Date range', () => {
  it('reports without throwing, omitting a previous window that cannot exist', () => {
    const early = computeDora(data({}), {
      window: { from: -8.64e15, to: -8.64e15 + 3 * 86_400_000 },
    });
    expect(early.window.from).toBe('-271821-04-20T00:00:00.000Z');
    expect(early.series.length).toBeGreaterThan(0);
    expect(early).not.toHaveProperty('previous');
    const late = computeDora(data({}), { window: { from: 8.64e15 - 3 * 86_400_000, to: 8.64e15 } });
    expect(late.series.at(-1)?.end).toBe('+275760-09-13T00:00:00.000Z');
    expect(late.previous?.window.to).toBe(late.window.from);
  });
});
