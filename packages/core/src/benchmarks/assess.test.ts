import { describe, expect, it } from 'vitest';
import { DoraInputError } from '../errors.js';
import { assess } from './assess.js';

describe('assess', () => {
  it('uses dora-2023 by default: a two-hour lead time is elite there (high in 2021)', () => {
    expect(assess('leadTime', 7200, 10)).toEqual({ level: 'elite' });
    expect(assess('leadTime', 7200, 10, { benchmark: 'dora-2021' })).toEqual({ level: 'high' });
  });

  it('gives insufficient-data below the default minimum of 5 samples', () => {
    expect(assess('leadTime', 60, 4)).toEqual({ level: 'insufficient-data' });
    expect(assess('leadTime', 60, 5)).toEqual({ level: 'elite' });
  });

  it('honours minSample, including 0', () => {
    expect(assess('changeFailureRate', 0, 9, { minSample: 10 })).toEqual({
      level: 'insufficient-data',
    });
    expect(assess('changeFailureRate', 0, 10, { minSample: 10 })).toEqual({ level: 'elite' });
    expect(assess('deploymentFrequency', 0, 0, { minSample: 0 })).toEqual({ level: 'low' });
  });

  it('gives insufficient-data for a null or non-finite value, whatever the samples', () => {
    expect(assess('recoveryTime', null, 100)).toEqual({ level: 'insufficient-data' });
    expect(assess('recoveryTime', Number.NaN, 100)).toEqual({ level: 'insufficient-data' });
    expect(assess('leadTime', 60, Number.NaN)).toEqual({ level: 'insufficient-data' });
  });

  it('rates a change failure rate above 1 (incidents-per-deployment mode) as low', () => {
    expect(assess('changeFailureRate', 1.4, 20)).toEqual({ level: 'low' });
  });

  it('throws one DoraInputError for an unknown profile, naming the choices', () => {
    expect(() => assess('leadTime', 1, 10, { benchmark: 'dora-1999' })).toThrow(
      new DoraInputError(
        'options',
        'benchmark',
        'unknown profile "dora-1999"; expected one of dora-2021, dora-2022, dora-2023, dora-2024, dora-2025',
      ),
    );
  });

  it('throws a DoraInputError for a negative or non-finite minSample', () => {
    for (const minSample of [-1, Number.NaN]) {
      try {
        assess('leadTime', 1, 10, { minSample });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DoraInputError);
        expect((error as DoraInputError).field).toBe('minSample');
      }
    }
  });
});
