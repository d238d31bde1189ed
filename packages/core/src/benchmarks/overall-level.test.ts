import { describe, expect, it } from 'vitest';
import { overallLevel } from './overall-level.js';

describe('overallLevel', () => {
  it('is the lowest of the four', () => {
    expect(overallLevel(['elite', 'high', 'medium', 'low'])).toBe('low');
    expect(overallLevel(['elite', 'high', 'elite', 'elite'])).toBe('high');
    expect(overallLevel(['elite', 'elite', 'elite', 'elite'])).toBe('elite');
  });

  it('tolerates one unrated metric and rates the rest', () => {
    expect(overallLevel(['elite', 'high', 'elite', 'insufficient-data'])).toBe('high');
    expect(overallLevel(['insufficient-data', 'medium', 'elite', 'elite'])).toBe('medium');
  });

  it('is insufficient-data with two or more unrated, or nothing rated', () => {
    expect(overallLevel(['elite', 'insufficient-data', 'elite', 'insufficient-data'])).toBe(
      'insufficient-data',
    );
    expect(overallLevel(['insufficient-data'])).toBe('insufficient-data');
    expect(overallLevel([])).toBe('insufficient-data');
  });
});
