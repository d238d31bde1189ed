import { describe, expect, it } from 'vitest';
import { distribution, median, percentile } from './distribution.js';

describe('percentile (linear interpolation, percentile_cont)', () => {
  it('interpolates between closest ranks', () => {
    const x = [1, 2, 3, 4];
    expect(percentile(x, 0.5)).toBe(2.5); // h = 1.5
    expect(percentile(x, 0.75)).toBe(3.25); // h = 2.25
    expect(percentile(x, 0.9)).toBeCloseTo(3.7, 12); // h = 2.7
    expect(percentile(x, 0.95)).toBeCloseTo(3.85, 12); // h = 2.85
    expect(percentile(x, 0)).toBe(1);
    expect(percentile(x, 1)).toBe(4);
  });

  it('lands exactly on a rank when h is whole', () => {
    expect(percentile([10, 20, 30, 40, 50], 0.75)).toBe(40); // h = 3
    expect(percentile([10, 20, 30], 0.5)).toBe(20);
  });

  it('is null without samples', () => {
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('distribution', () => {
  it('summarises unsorted samples without changing them', () => {
    const samples = [3600, 60, 600, 86_400, 7200];
    const d = distribution(samples);
    expect(d).toMatchObject({
      count: 5,
      median: 3600,
      p75: 7200,
      mean: 19_572,
      min: 60,
      max: 86_400,
    });
    expect(d.p90).toBeCloseTo(54_720, 6); // h = 3.6: 7200 + 0.6 × 79200
    expect(d.p95).toBeCloseTo(70_560, 6); // h = 3.8: 7200 + 0.8 × 79200
    expect(samples).toEqual([3600, 60, 600, 86_400, 7200]);
  });

  it('is all null, not zero, when empty', () => {
    expect(distribution([])).toEqual({
      count: 0,
      median: null,
      p75: null,
      p90: null,
      p95: null,
      mean: null,
      min: null,
      max: null,
    });
  });

  it('gives the sample itself for every statistic of a single sample', () => {
    expect(distribution([42])).toEqual({
      count: 1,
      median: 42,
      p75: 42,
      p90: 42,
      p95: 42,
      mean: 42,
      min: 42,
      max: 42,
    });
  });

  it('keeps zero as a real sample', () => {
    expect(distribution([0, 0, 10]).median).toBe(0);
  });

  it('keeps the mean within [min, max] despite rounding', () => {
    const d = distribution([0.1, 0.1, 0.1]);
    expect(d.mean).toBe(0.1);
  });
});

describe('median', () => {
  it('is the 0.5 percentile of unsorted samples, null when empty', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
