import { describe, expect, it } from 'vitest';
import { collectionRange, parseInstant, parseWindow, resolveWindow } from './window.js';

const NOW = new Date('2026-11-20T12:00:00Z');

function resolved(text: string) {
  const parsed = parseWindow(text);
  if ('error' in parsed) throw new Error(parsed.error);
  const window = resolveWindow(parsed.spec, NOW);
  return [window.from.toISOString(), window.to.toISOString()];
}

describe('parseWindow', () => {
  it('reads a preset as the days before now', () => {
    expect(resolved('last-30-days')).toEqual([
      '2026-10-21T12:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ]);
    expect(resolved('last-1-day')).toEqual([
      '2026-11-19T12:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ]);
  });

  it('reads a duration', () => {
    expect(resolved('90d')).toEqual(['2026-08-22T12:00:00.000Z', '2026-11-20T12:00:00.000Z']);
    expect(resolved('12h')).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-20T12:00:00.000Z']);
    expect(resolved('2w')).toEqual(['2026-11-06T12:00:00.000Z', '2026-11-20T12:00:00.000Z']);
  });

  it('reads FROM..TO with dates as UTC midnight and TO exclusive', () => {
    expect(resolved('2026-01-01..2026-04-01')).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
    expect(resolved('2026-01-01T06:30:00+02:00..2026-01-02')).toEqual([
      '2026-01-01T04:30:00.000Z',
      '2026-01-02T00:00:00.000Z',
    ]);
  });

  it('lists the valid presets for an unknown one', () => {
    expect(parseWindow('last-2-weeks')).toEqual({
      error:
        'unknown preset "last-2-weeks"; valid presets: last-1-day, last-3-days, last-7-days, last-14-days, last-30-days, last-90-days, last-180-days, last-365-days',
    });
  });

  it('refuses zero or negative durations, impossible dates, instants without a zone and empty ranges', () => {
    for (const bad of [
      '0d',
      '-7d',
      '30x',
      '',
      '2026-02-30..2026-03-01',
      '2026-01-01T00:00..2026-02-01',
      '2026-02-01..2026-01-01',
      '2026-01-01..2026-01-01',
    ]) {
      expect(parseWindow(bad)).toHaveProperty('error');
    }
    expect(parseWindow('2026-02-01..2026-01-01')).toEqual({
      error: 'TO must be after FROM (TO is exclusive); got "2026-02-01..2026-01-01"',
    });
  });
});

describe('parseInstant', () => {
  it('accepts leap days only in leap years', () => {
    expect(parseInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseInstant('2026-02-29')).toBeUndefined();
  });
});

describe('collectionRange', () => {
  it('covers the previous window and the attribution window before it', () => {
    const range = collectionRange(
      { from: new Date('2026-10-21T00:00:00Z'), to: new Date('2026-11-20T00:00:00Z') },
      86_400_000,
    );
    expect(range.from.toISOString()).toBe('2026-09-20T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });
});
