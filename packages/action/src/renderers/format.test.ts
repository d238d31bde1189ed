import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  formatDuration,
  formatFrequency,
  formatInstant,
  formatLevel,
  formatNumber,
  formatPercent,
  frequencyUnit,
  plural,
} from './format.js';

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(59.4)).toBe('59 s');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(11_100)).toBe('3 h 5 min');
    expect(formatDuration(10_350)).toBe('2 h 53 min');
    expect(formatDuration(100_800)).toBe('1 d 4 h');
    expect(formatDuration(133_200)).toBe('1 d 13 h');
    expect(formatDuration(172_800)).toBe('2 d');
  });

  it('rounds across unit borders without printing 60 min or 24 h', () => {
    expect(formatDuration(3599)).toBe('1 h');
    expect(formatDuration(86_399)).toBe('1 d');
  });

  it('says "no data" for null and shows magnitudes only', () => {
    expect(formatDuration(null)).toBe('no data');
    expect(formatDuration(-7200)).toBe('2 h');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(401_399.99999999994)).toBe(formatDuration(401_400));
  });
});

describe('numbers, rates and frequencies', () => {
  it('formats one decimal without a trailing zero', () => {
    expect(formatNumber(3.25)).toBe('3.3');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(-0.01)).toBe('0');
  });

  it('formats rates as percentages', () => {
    expect(formatPercent(0.125)).toBe('12.5 %');
    expect(formatPercent(4 / 13)).toBe('30.8 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(null)).toBe('no data');
  });

  it('picks day, week or month for deployment frequency', () => {
    expect(frequencyUnit(3.2)).toBe('day');
    expect(formatFrequency(3.2)).toBe('3.2 / day');
    expect(formatFrequency(11 / 30)).toBe('2.6 / week');
    expect(formatFrequency(1 / 20)).toBe('1.5 / month');
    expect(formatFrequency(0)).toBe('0 / week');
  });
});

describe('levels, instants, plurals', () => {
  it('prefixes the level with its marker', () => {
    expect(formatLevel('elite')).toBe('🟢 Elite');
    expect(formatLevel('insufficient-data')).toBe('⚪ Insufficient data');
  });

  it('shows midnight as a date and other instants to the minute', () => {
    expect(formatInstant('2026-10-21T00:00:00Z')).toBe('2026-10-21');
    expect(formatInstant('2026-10-21T14:05:59.900Z')).toBe('2026-10-21 14:05 UTC');
    expect(formatInstant('not-a-date')).toBe('not\\-a\\-date');
  });

  it('measures windows in days and pluralises', () => {
    expect(daysBetween('2026-10-21T00:00:00Z', '2026-11-20T00:00:00Z')).toBe(30);
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(2, 'change')).toBe('2 changes');
    expect(plural(30_014, 'change')).toBe('30,014 changes');
  });
});
