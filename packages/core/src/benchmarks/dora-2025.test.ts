import { describe, expect, it } from 'vitest';
import { assess } from './assess.js';
import type { BenchmarkMetric } from './profile.js';

function scored(
  metric: BenchmarkMetric,
  values: readonly number[],
): Array<[number | undefined, string]> {
  return values.map((value) => {
    const a = assess(metric, value, 100, { benchmark: 'dora-2025' });
    return [a.score, a.level];
  });
}

describe('dora-2025 Quick Check scores (levels from dora-2023)', () => {
  it('lead time: the six answers score 10, 8, 6, 4, 2, 0', () => {
    const values = [
      3599, 3600, 86_399, 86_400, 604_799, 604_800, 2_591_999, 2_592_000, 15_551_999, 15_552_000,
    ];
    expect(scored('leadTime', values)).toEqual([
      [10, 'elite'],
      [8, 'elite'],
      [8, 'elite'],
      [6, 'high'],
      [6, 'high'],
      [4, 'medium'],
      [4, 'medium'],
      [2, 'low'],
      [2, 'low'],
      [0, 'low'],
    ]);
  });

  it('deployment frequency: two a day scores 10, daily 8, weekly 6, monthly 4, six-monthly 2', () => {
    const values = [2, 1.99, 1, 0.99, 1 / 7, 0.1428, 1 / 30, 0.0333, 1 / 180, 0.0055];
    expect(scored('deploymentFrequency', values)).toEqual([
      [10, 'elite'],
      [8, 'elite'],
      [8, 'elite'],
      [6, 'high'],
      [6, 'high'],
      [4, 'medium'],
      [4, 'medium'],
      [2, 'low'],
      [2, 'low'],
      [0, 'low'],
    ]);
  });

  it('change failure rate: 0% scores 10 and 100% scores 0, linearly, rounded to 0.01', () => {
    expect(scored('changeFailureRate', [0, 0.07, 0.15, 0.333, 0.5, 1, 1.5])).toEqual([
      [10, 'elite'],
      [9.3, 'high'],
      [8.5, 'medium'],
      [6.67, 'low'],
      [5, 'low'],
      [0, 'low'],
      [0, 'low'],
    ]);
  });

  it('recovery time: answers as lead time, levels from 2023 recovery bands', () => {
    expect(scored('recoveryTime', [3599, 3600, 86_400, 604_800, 15_552_000])).toEqual([
      [10, 'elite'],
      [8, 'high'],
      [6, 'medium'],
      [4, 'low'],
      [0, 'low'],
    ]);
  });

  it('gives no score when the data is insufficient', () => {
    expect(assess('leadTime', 3599, 4, { benchmark: 'dora-2025' })).toEqual({
      level: 'insufficient-data',
    });
  });
});
