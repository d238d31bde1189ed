import { parseDuration } from './duration.js';

const DAY_MS = 86_400_000;

/** The presets `window` accepts, with their length in days. */
export const WINDOW_PRESETS = {
  'last-1-day': 1,
  'last-3-days': 3,
  'last-7-days': 7,
  'last-14-days': 14,
  'last-30-days': 30,
  'last-90-days': 90,
  'last-180-days': 180,
  'last-365-days': 365,
} as const;

export type WindowPresetName = keyof typeof WINDOW_PRESETS;

/** What the `window` input says, before a clock turns it into instants. */
export type WindowSpec =
  | { kind: 'relative'; text: string; ms: number }
  | { kind: 'range'; text: string; from: Date; to: Date };

export interface ResolvedWindow {
  from: Date;
  to: Date;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A zone is required: an instant without one is ambiguous.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (UTC midnight) or a full ISO-8601 instant with a zone; `undefined` when neither. */
export function parseInstant(text: string): Date | undefined {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    // Date.UTC rolls 2026-02-30 over to March; an impossible date is refused instead.
    const real = back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
    return real ? back : undefined;
  }
  if (!INSTANT.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const EXPECTED =
  'a preset (' +
  Object.keys(WINDOW_PRESETS).join(', ') +
  '), a duration such as 90d or 12h, or FROM..TO such as 2026-01-01..2026-04-01 (TO exclusive)';

/** Reads the `window` input: a preset, a duration, or `FROM..TO` (`TO` exclusive). */
export function parseWindow(text: string): { spec: WindowSpec } | { error: string } {
  const value = text.trim();
  if (value in WINDOW_PRESETS) {
    const days = WINDOW_PRESETS[value as WindowPresetName];
    return { spec: { kind: 'relative', text: value, ms: days * DAY_MS } };
  }
  if (value.includes('..')) return parseRange(value);
  const ms = parseDuration(value);
  if (ms !== undefined) return { spec: { kind: 'relative', text: value, ms } };
  if (value.startsWith('last-')) {
    return {
      error: `unknown preset "${value}"; valid presets: ${Object.keys(WINDOW_PRESETS).join(', ')}`,
    };
  }
  return { error: `expected ${EXPECTED}; got "${value}"` };
}

function parseRange(value: string): { spec: WindowSpec } | { error: string } {
  const parts = value.split('..');
  const [fromText = '', toText = ''] = parts;
  const from = parseInstant(fromText.trim());
  const to = parseInstant(toText.trim());
  if (parts.length !== 2 || !from || !to) {
    return {
      error: `expected FROM..TO where each end is a date (2026-01-01) or an ISO-8601 instant with a zone (2026-01-01T00:00:00Z); got "${value}"`,
    };
  }
  if (to.getTime() <= from.getTime()) {
    return { error: `TO must be after FROM (TO is exclusive); got "${value}"` };
  }
  return { spec: { kind: 'range', text: value, from, to } };
}

/** The report window `[from, to)` for a given clock. */
export function resolveWindow(spec: WindowSpec, now: Date): ResolvedWindow {
  if (spec.kind === 'range') return { from: spec.from, to: spec.to };
  return { from: new Date(now.getTime() - spec.ms), to: now };
}

/**
 * What to collect for a report window: the window, the one of equal length before it (the
 * comparison) and the attribution window before that, so an incident near the start of the
 * previous window still finds its deployment.
 */
export function collectionRange(window: ResolvedWindow, attributionMs: number): ResolvedWindow {
  const length = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - length - attributionMs), to: window.to };
}
