import { describe, expect, it } from 'vitest';
import { dora2024 } from './dora-2024.js';
import { levelsOf } from './test-helpers.js';

const P = 'dora-2024';

describe('dora-2024 band edges (partly unverified)', () => {
  it('flags exactly the unverified rows', () => {
    const unverified = Object.values(dora2024.metrics).flatMap((m) =>
      m.rows.filter((r) => !r.verified).map((r) => `${m.metric}:${r.level}`),
    );
    expect(unverified).toEqual([
      'changeFailureRate:medium',
      'changeFailureRate:low',
      'recoveryTime:elite',
      'recoveryTime:high',
      'recoveryTime:medium',
      'recoveryTime:low',
    ]);
    expect(dora2024.verified).toBe(false);
  });

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

  it('lead time: under a day elite, under a week high, under 30 days medium', () => {
    expect(
      levelsOf(P, 'leadTime', [86_399, 86_400, 604_799, 604_800, 2_591_999, 2_592_000]),
    ).toEqual(['elite', 'high', 'high', 'medium', 'medium', 'low']);
  });

  it('change failure rate: non-monotonic averages leave medium empty', () => {
    expect(levelsOf(P, 'changeFailureRate', [0.05, 0.0501, 0.1, 0.2, 0.2001, 0.4])).toEqual([
      'elite',
      'high',
      'high',
      'high',
      'low',
      'low',
    ]);
  });

  it('recovery time: medium repeats high, so a day or more is low', () => {
    expect(levelsOf(P, 'recoveryTime', [3599, 3600, 86_399, 86_400, 604_800])).toEqual([
      'elite',
      'high',
      'high',
      'low',
      'low',
    ]);
  });
});
