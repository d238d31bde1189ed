import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads each unit', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('2W')).toBe(1_209_600_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '0d', '5', 'd', '5y', '-1h', '1h30m'])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('formats the shortest exact unit', () => {
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(5_400_000)).toBe('90m');
  });
});
