import { describe, expect, it } from 'vitest';
import type { Figures } from './duckdb.js';
import type { EngineResult } from './results.js';
import { checkFigures, checkTargets } from './targets.js';

const MB = 1024 * 1024;
const figures: Figures = {
  deployments: 10,
  leadTimeCount: 9,
  leadTimeExcluded: 1,
  leadTimeMedian: 3600,
  leadTimeP90: 7200,
  failed: 1,
  total: 12,
  changeFailureRate: 1 / 12,
  timeToRestoreMedian: 60,
};

function result(engine: string, size: number, ms: number, memMb = 100, f = figures): EngineResult {
  return {
    engine,
    size,
    generateMs: 0,
    inputHeap: 0,
    medianTotalMs: ms,
    figures: f,
    runs: [
      { loadMs: 0, queryMs: ms, totalMs: ms, heapAboveInput: memMb * MB, rssAboveInput: 10 * MB },
    ],
  };
}

describe('checkTargets', () => {
  it('passes when every target is met at 1M', () => {
    const checks = checkTargets([
      result('computeDora', 100_000, 200),
      result('computeDora', 1_000_000, 2500, 400),
      result('DuckDB (csv)', 1_000_000, 6000),
      result('DuckDB (appender)', 1_000_000, 5000),
    ]);
    expect(checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(checks[1]?.detail).toBe('2500 ms vs fastest DuckDB 5000 ms (0.50x)');
    expect(checks[3]?.detail).toContain('exponent 1.10');
  });

  it('fails each target on its own edge', () => {
    const checks = checkTargets([
      result('computeDora', 100_000, 190),
      result('computeDora', 1_000_000, 3000, 500),
      result('DuckDB (csv)', 1_000_000, 5999),
    ]);
    // 3000 ms is not under 3 s; 3000 > 0.5 x 5999; 500 MB is not under 500 MB; 3000/190 = 15.8x
    // gives exponent 1.198 (pass) - so growth is checked with a clearly superlinear case below.
    expect(checks.map((c) => c.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'PASS']);
    const growth = checkTargets([
      result('computeDora', 10_000, 10),
      result('computeDora', 100_000, 200),
    ]);
    expect(growth.map((c) => c.status)).toEqual(['SKIP', 'SKIP', 'SKIP', 'FAIL']);
  });
});

describe('checkFigures', () => {
  it('fails only on the asserted figures (deployments, lead-time median)', () => {
    const checks = checkFigures([
      result('computeDora', 1000, 1),
      result('DuckDB (csv)', 1000, 1, 0, { ...figures, timeToRestoreMedian: 61 }),
      result('DuckDB (appender)', 1000, 1, 0, { ...figures, leadTimeMedian: 3601 }),
    ]);
    expect(checks.map((c) => [c.status, c.detail])).toEqual([
      ['PASS', 'differ: timeToRestoreMedian'],
      ['FAIL', 'differ: leadTimeMedian'],
    ]);
  });
});
