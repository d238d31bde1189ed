import { describe, expect, it } from 'vitest';
import { INCIDENT_MARGIN_MS, listingStart, MAX_SPAN_MS, spans } from './incidents.js';

const DAY = 86_400_000;

describe('PagerDuty listing plan', () => {
  it('spans cover [from, until) without gaps or overlaps, each at most 180 days', () => {
    const from = Date.parse('2025-01-01T00:00:00Z');
    const until = Date.parse('2026-03-15T00:00:00Z');
    const parts = spans(from, until, MAX_SPAN_MS);
    expect(parts).toEqual([
      [from, from + 180 * DAY],
      [from + 180 * DAY, from + 360 * DAY],
      [from + 360 * DAY, until],
    ]);
    expect(spans(from, from, MAX_SPAN_MS)).toEqual([]);
  });

  it('a cold run starts 30 days before since; a warm one at the watermark minus the lookback, never earlier', () => {
    const since = new Date('2026-06-01T00:00:00Z');
    const base = {
      services: [],
      serviceRepositories: {},
      repositories: [],
      since,
      until: new Date('2026-11-20T00:00:00Z'),
      lookbackMs: DAY,
    };
    expect(INCIDENT_MARGIN_MS).toBe(30 * DAY);
    expect(listingStart(base).toISOString()).toBe('2026-05-02T00:00:00.000Z');
    expect(
      listingStart({
        ...base,
        cursor: { watermark: '2026-11-10T00:00:00.000Z', open: [] },
      }).toISOString(),
    ).toBe('2026-11-09T00:00:00.000Z');
    expect(
      listingStart({
        ...base,
        cursor: { watermark: '2026-05-01T00:00:00.000Z', open: [] },
      }).toISOString(),
    ).toBe('2026-05-02T00:00:00.000Z');
  });
});
