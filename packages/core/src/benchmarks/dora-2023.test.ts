import { describe, expect, it } from 'vitest';
import { levelsOf } from './test-helpers.js';

const P = 'dora-2023';

describe('dora-2023 band edges', () => {
  it('deployment frequency: daily elite, weekly high, monthly medium', () => {
    expect(levelsOf(P, 'deploymentFrequency', [1, 0.99, 1 / 7, 0.1428, 1 / 30, 0.0333])).toEqual([
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });

  it('deployment frequency: 4 deployments in 28 days is exactly weekly (edge tolerance)', () => {
    expect(
      levelsOf(P, 'deploymentFrequency', [4 / 28, (4 * 86_400_000) / (28 * 86_400_000)]),
    ).toEqual(['high', 'high']);
  });

  it('lead time: under a day elite, under a week high, under 30 days medium', () => {
    expect(
      levelsOf(P, 'leadTime', [86_399, 86_400, 604_799, 604_800, 2_591_999, 2_592_000]),
    ).toEqual(['elite', 'high', 'high', 'medium', 'medium', 'low']);
  });

  it('change failure rate: cluster averages 5/10/15% as inclusive upper limits', () => {
    expect(
      levelsOf(P, 'changeFailureRate', [0, 0.05, 0.0501, 0.1, 0.1001, 0.15, 0.1501, 0.64]),
    ).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('change failure rate: 3 failed of 20 is exactly 15%, medium', () => {
    expect(levelsOf(P, 'changeFailureRate', [3 / 20, 0.1 + 0.05])).toEqual(['medium', 'medium']);
  });

  it('recovery time: under an hour elite, under a day high, under a week medium', () => {
    expect(levelsOf(P, 'recoveryTime', [3599, 3600, 86_399, 86_400, 604_799, 604_800])).toEqual([
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });
});
