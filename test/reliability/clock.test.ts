import { computeDora, type Deployment } from '@dora/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInstant, parseWindow, resolveWindow } from '../../packages/action/src/window.js';
import { ledgerFor } from './ledger.js';

const ledger = ledgerFor(import.meta.url);
afterAll(() => {
  ledger.flush();
});

const DAY = 86_400_000;

function deployment(id: number, finishedAt: string): Deployment {
  return { id: `acme/shop:run:${id}`, environment: 'production', status: 'success', finishedAt };
}

describe('row 33: clock edges', () => {
  it('row 33: leap days, impossible dates and instants without a zone', () => {
    expect(parseInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseInstant('2026-02-29')).toBeUndefined();
    expect(parseInstant('2026-13-01')).toBeUndefined();
    // No zone: ambiguous, refused rather than read in the runner's local time.
    expect(parseInstant('2026-03-29T01:30:00')).toBeUndefined();
    expect(parseInstant('2026-03-29T01:30:00Z')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('row 33: across a DST change everything is UTC: offsets are honoured and a day is 24 h', () => {
    // Europe's spring-forward (2026-03-29 01:00 UTC) and the US fall-back (2026-11-01 06:00 UTC).
    expect(parseInstant('2026-03-29T03:30:00+02:00')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(parseInstant('2026-11-01T01:30:00-05:00')?.toISOString()).toBe(
      '2026-11-01T06:30:00.000Z',
    );
    const day = parseWindow('last-1-day');
    if (!('spec' in day)) throw new Error(day.error);
    for (const now of ['2026-03-29T12:00:00Z', '2026-11-01T12:00:00Z']) {
      const window = resolveWindow(day.spec, new Date(now));
      expect(window.to.getTime() - window.from.getTime()).toBe(DAY);
    }
    const range = parseWindow('2026-03-28..2026-03-30');
    if (!('spec' in range)) throw new Error(range.error);
    const resolved = resolveWindow(range.spec, new Date('2026-04-01T00:00:00Z'));
    expect(resolved.to.getTime() - resolved.from.getTime()).toBe(2 * DAY);
  });

  it('row 33: until == since is refused; the window is [from, to): from counts, to does not', () => {
    expect(parseWindow('2026-01-01..2026-01-01')).toEqual({
      error: 'TO must be after FROM (TO is exclusive); got "2026-01-01..2026-01-01"',
    });
    const from = new Date('2026-02-28T00:00:00Z');
    const to = new Date('2026-03-01T00:00:00Z');
    const report = computeDora(
      {
        deployments: [
          deployment(1, '2026-02-27T23:59:59.999Z'),
          deployment(2, '2026-02-28T00:00:00.000Z'),
          deployment(3, '2026-02-28T23:59:59.999Z'),
          deployment(4, '2026-03-01T00:00:00.000Z'),
        ],
        changes: [],
        incidents: [],
      },
      { window: { from, to }, now: to, compareToPrevious: false },
    );
    expect(report.deploymentFrequency.deployments).toBe(2);
  });

  it('row 33: any instant written as ISO-8601 UTC or with an offset reads back as the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1971-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          expect(parseInstant(date.toISOString())?.getTime()).toBe(date.getTime());
          const local = new Date(date.getTime() + offsetMinutes * 60_000)
            .toISOString()
            .slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseInstant(`${local}${zone}`)?.getTime()).toBe(date.getTime());
          const midnight = date.toISOString().slice(0, 10);
          expect(parseInstant(midnight)?.toISOString()).toBe(`${midnight}T00:00:00.000Z`);
        },
      ),
      { numRuns: 500, seed: 33 },
    );
    ledger.add(33, {});
  });
});
