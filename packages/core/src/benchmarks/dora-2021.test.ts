import { describe, expect, it } from 'vitest';
import { levelsOf } from './test-helpers.js';

const P = 'dora-2021';

describe('dora-2021 band edges', () => {
  it('deployment frequency: daily is elite, monthly high, six-monthly medium', () => {
    expect(
      levelsOf(P, 'deploymentFrequency', [3, 1, 0.999, 1 / 30, 0.0333, 1 / 180, 0.0055, 0]),
    ).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('lead time: under an hour elite, under a week high, under 180 days medium', () => {
    expect(
      levelsOf(P, 'leadTime', [0, 3599, 3600, 604_799, 604_800, 15_551_999, 15_552_000]),
    ).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'medium', 'low']);
  });

  it('change failure rate: DevLake split 15/20/30%, upper limits inclusive', () => {
    expect(
      levelsOf(P, 'changeFailureRate', [0, 0.15, 0.1501, 0.2, 0.2001, 0.3, 0.3001, 1]),
    ).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'medium', 'low', 'low']);
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
