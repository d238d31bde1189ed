import { DoraInputError } from './errors.js';
import { DAY_MS, optionalInstant, requireInstant } from './instant.js';
import type { Instant, WindowPreset, WindowRange } from './types.js';

/** A resolved window in epoch milliseconds, half-open: `from <= t < to`. */
export interface TimeRange {
  from: number;
  to: number;
}

const PRESET_DAYS: Readonly<Record<WindowPreset, number>> = {
  'last-1-day': 1,
  'last-3-days': 3,
  'last-7-days': 7,
  'last-30-days': 30,
  'last-90-days': 90,
};

/** The window presets `resolveWindow` accepts. */
export const WINDOW_PRESETS = Object.keys(PRESET_DAYS) as readonly WindowPreset[];

/**
 * Resolves a window option to epoch milliseconds. A preset is the N days (of 24 h) ending at
 * `now`, exclusive: `[now − N·86400 s, now)`. Throws `DoraInputError` (record `options`) for an
 * unknown preset, a preset without `now`, an unparsable bound, or `to <= from`.
 */
export function resolveWindow(window: WindowRange | WindowPreset, now?: Instant): TimeRange {
  if (typeof window === 'string') {
    const days = Object.hasOwn(PRESET_DAYS, window)
      ? PRESET_DAYS[window as WindowPreset]
      : undefined;
    if (days === undefined) {
      throw new DoraInputError(
        'options',
        'window',
        `unknown preset ${JSON.stringify(window)} (expected one of ${WINDOW_PRESETS.join(', ')})`,
      );
    }
    const nowMs = optionalInstant(now, 'options', 'now');
    if (nowMs === undefined) {
      throw new DoraInputError('options', 'now', `is required with the preset ${window}`);
    }
    return { from: nowMs - days * DAY_MS, to: nowMs };
  }
  if (typeof window !== 'object' || window === null) {
    throw new DoraInputError('options', 'window', 'is required: { from, to } or a preset');
  }
  const from = requireInstant(window.from, 'options', 'window.from');
  const to = requireInstant(window.to, 'options', 'window.to');
  if (to <= from) {
    throw new DoraInputError('options', 'window', 'to must be after from');
  }
  return { from, to };
}
