import { describe, expect, it } from 'vitest';
import { buckets } from './buckets.js';

const at = (iso: string) => Date.parse(iso);
const iso = (r: { from: number; to: number }) => [
  new Date(r.from).toISOString().slice(0, 16),
  new Date(r.to).toISOString().slice(0, 16),
];

describe('buckets', () => {
  it('cuts ISO weeks starting Monday, clipped to the window', () => {
    // 2024-02-01 is a Thursday; 2024-02-19 a Monday.
    const out = buckets(
      { from: at('2024-02-01T12:00:00Z'), to: at('2024-02-19T06:00:00Z') },
      'week',
    );
    expect(out.map(iso)).toEqual([
      ['2024-02-01T12:00', '2024-02-05T00:00'],
      ['2024-02-05T00:00', '2024-02-12T00:00'],
      ['2024-02-12T00:00', '2024-02-19T00:00'],
      ['2024-02-19T00:00', '2024-02-19T06:00'],
    ]);
  });

  it('cuts UTC days', () => {
    const out = buckets(
      { from: at('2024-03-30T22:00:00Z'), to: at('2024-04-01T00:00:00Z') },
      'day',
    );
    expect(out.map(iso)).toEqual([
      ['2024-03-30T22:00', '2024-03-31T00:00'],
      ['2024-03-31T00:00', '2024-04-01T00:00'],
    ]);
  });

  it('cuts calendar months and quarters', () => {
    const range = { from: at('2024-01-15T00:00:00Z'), to: at('2024-04-02T00:00:00Z') };
    expect(buckets(range, 'month').map(iso)).toEqual([
      ['2024-01-15T00:00', '2024-02-01T00:00'],
      ['2024-02-01T00:00', '2024-03-01T00:00'],
      ['2024-03-01T00:00', '2024-04-01T00:00'],
      ['2024-04-01T00:00', '2024-04-02T00:00'],
    ]);
    expect(buckets(range, 'quarter').map(iso)).toEqual([
      ['2024-01-15T00:00', '2024-04-01T00:00'],
      ['2024-04-01T00:00', '2024-04-02T00:00'],
    ]);
  });

  it('gives one bucket when the window sits inside one', () => {
    const out = buckets(
      { from: at('2024-01-02T00:00:00Z'), to: at('2024-01-03T00:00:00Z') },
      'week',
    );
    expect(out.map(iso)).toEqual([['2024-01-02T00:00', '2024-01-03T00:00']]);
  });
});
