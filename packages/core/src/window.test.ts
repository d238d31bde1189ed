import { describe, expect, it } from 'vitest';
import { DoraInputError } from './errors.js';
import { resolveWindow } from './window.js';

const NOW = Date.UTC(2024, 2, 31, 12, 0, 0);
const DAY_MS = 86_400_000;

describe('resolveWindow', () => {
  it('resolves each preset to the N days ending at now', () => {
    expect(resolveWindow('last-1-day', NOW)).toEqual({ from: NOW - DAY_MS, to: NOW });
    expect(resolveWindow('last-3-days', NOW)).toEqual({ from: NOW - 3 * DAY_MS, to: NOW });
    expect(resolveWindow('last-7-days', new Date(NOW))).toEqual({
      from: NOW - 7 * DAY_MS,
      to: NOW,
    });
    expect(resolveWindow('last-30-days', '2024-03-31T12:00:00Z')).toEqual({
      from: NOW - 30 * DAY_MS,
      to: NOW,
    });
    expect(resolveWindow('last-90-days', NOW)).toEqual({ from: NOW - 90 * DAY_MS, to: NOW });
  });

  it('parses an explicit range', () => {
    expect(
      resolveWindow({ from: '2024-01-01T00:00:00Z', to: '2024-01-01T02:00:00+01:00' }),
    ).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 1, 1) });
  });

  it.each([
    [() => resolveWindow('last-7-days'), 'options.now'],
    [() => resolveWindow('last-2-weeks' as 'last-7-days', NOW), 'options.window'],
    [() => resolveWindow({ from: NOW, to: NOW }), 'options.window'],
    [() => resolveWindow({ from: NOW, to: NOW - 1 }), 'options.window'],
    [() => resolveWindow({ from: '2024-01-01', to: NOW }), 'options.window.from'],
    [() => resolveWindow({ from: NOW, to: 'soon' }), 'options.window.to'],
    [() => resolveWindow('last-7-days', 'now'), 'options.now'],
  ])('rejects bad windows (%#) naming %s', (call, where) => {
    expect(call).toThrowError(DoraInputError);
    expect(call).toThrowError(new RegExp(`^${where.replace('.', '\\.')}: `));
  });
});
