import { computeDora, type DoraData } from '@dora/core';
import { describe, expect, it } from 'vitest';
import { runDuckDb } from './duckdb.js';
import { differences, figuresOf } from './figures.js';
import { generate } from './generate.js';

const T0 = Date.parse('2025-03-03T00:00:00.000Z');
const H = 3_600_000;
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const repository = 'acme/shop';

/** Small enough to compute by hand (see the expected figures below). */
const data: DoraData = {
  deployments: [
    {
      id: 'acme/shop:run:0',
      environment: 'staging',
      status: 'success',
      finishedAt: at(H / 2),
      repository,
      changeIds: ['acme/shop#1'],
    },
    {
      id: 'acme/shop:run:1',
      environment: 'production',
      status: 'success',
      finishedAt: at(H),
      repository,
      changeIds: ['acme/shop#1', 'acme/shop#2'],
    },
    {
      id: 'acme/shop:run:2',
      environment: 'production',
      status: 'failure',
      finishedAt: at(2 * H),
      repository,
    },
    {
      id: 'acme/shop:run:3',
      environment: 'production',
      status: 'success',
      finishedAt: at(5 * H),
      repository,
      changeIds: ['acme/shop#3'],
    },
    {
      id: 'acme/shop:run:4',
      environment: 'production',
      status: 'success',
      finishedAt: at(72 * H),
      repository,
      changeIds: ['acme/shop#4'],
    },
  ],
  changes: [
    { id: 'acme/shop#1', firstCommitAt: at(-H), repository },
    { id: 'acme/shop#2', firstCommitAt: at(0), repository },
    { id: 'acme/shop#3', firstCommitAt: at(4 * H), repository },
    { id: 'acme/shop#4', firstCommitAt: at(73 * H), repository },
  ],
  incidents: [
    { id: 'pagerduty:P1', createdAt: at(3 * H), resolvedAt: at(4 * H), repository },
    {
      id: 'pagerduty:P2',
      createdAt: at(6 * H),
      resolvedAt: at(8 * H),
      repository,
      deploymentId: 'acme/shop:run:3',
    },
    { id: 'pagerduty:P3', createdAt: at(240 * H), repository },
  ],
};
const window = { from: at(0), to: at(30 * 24 * H) };

// run:1, run:3, run:4 succeed in production (the staging run does not count). Lead times: #1
// 2 h, #2 1 h, #3 1 h; #4's first commit is after its deployment (excluded). p90 of
// [3600, 3600, 7200]: h = 1.8 -> 3600 + 0.8 x 3600 = 6480. Failed: run:2 (status), run:1 (P1,
// by the latest successful production deployment 2 h before), run:3 (P2, by id); P3 is 7 days
// after run:4, beyond 86400 s. Time to restore: [3600, 7200] -> median 5400.
const expected = {
  deployments: 3,
  leadTimeCount: 3,
  leadTimeExcluded: 1,
  leadTimeMedian: 3600,
  leadTimeP90: 6480,
  failed: 3,
  total: 4,
  changeFailureRate: 0.75,
  timeToRestoreMedian: 5400,
};

describe('DuckDB side of the benchmark', () => {
  it.each(['appender', 'csv'] as const)(
    'computes the hand-computed figures (%s loader)',
    async (loader) => {
      const run = await runDuckDb(data, window, loader);
      expect(run.figures).toEqual(expected);
      expect(run.loadMs).toBeGreaterThan(0);
    },
  );

  it('agrees with computeDora on the hand-made data', () => {
    expect(figuresOf(computeDora(data, { window }))).toEqual(expected);
  });

  it('agrees with computeDora on 3,000 generated deployments, every figure', async () => {
    const g = generate({ size: 3000, seed: 11 });
    const ours = figuresOf(computeDora(g.data, { window: g.window }));
    const theirs = await runDuckDb(g.data, g.window, 'csv');
    expect(differences(ours, theirs.figures)).toEqual([]);
    expect(ours.deployments).toBeGreaterThan(2000);
    expect(ours.failed).toBeGreaterThan(0);
  });
});
