import { describe, expect, it } from 'vitest';
import { dora2022 } from './dora-2022.js';
import { levelsOf } from './test-helpers.js';

const P = 'dora-2022';

describe('dora-2022 band edges (unverified, three clusters)', () => {
  it('is flagged unverified on every row', () => {
    expect(dora2022.verified).toBe(false);
    const rows = Object.values(dora2022.metrics).flatMap((m) => m.rows);
    expect(rows.every((r) => r.verified === false)).toBe(true);
  });

  it('never awards elite, even for the best values', () => {
    expect(levelsOf(P, 'deploymentFrequency', [100])).toEqual(['high']);
    expect(levelsOf(P, 'leadTime', [0])).toEqual(['high']);
    expect(levelsOf(P, 'changeFailureRate', [0])).toEqual(['high']);
    expect(levelsOf(P, 'recoveryTime', [0])).toEqual(['high']);
  });

  it('deployment frequency: daily high, monthly medium, the daily-weekly gap falls to medium', () => {
    expect(levelsOf(P, 'deploymentFrequency', [1, 0.99, 1 / 7, 1 / 30, 0.0333])).toEqual([
      'high',
      'medium',
      'medium',
      'medium',
      'low',
    ]);
  });

  it('lead time: under a week high, under 30 days medium', () => {
    expect(levelsOf(P, 'leadTime', [604_799, 604_800, 2_591_999, 2_592_000])).toEqual([
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });

  it('change failure rate: 15% high, 30% medium, the 30-46% gap falls to low', () => {
    expect(levelsOf(P, 'changeFailureRate', [0.15, 0.1501, 0.3, 0.3001, 0.45])).toEqual([
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('recovery time: under a day high, under a week medium', () => {
    expect(levelsOf(P, 'recoveryTime', [86_399, 86_400, 604_799, 604_800])).toEqual([
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });
});
