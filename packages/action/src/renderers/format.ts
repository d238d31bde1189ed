import type { Level } from '@dora/core';
import { escapeMarkdown } from './markdown-escape.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** One decimal, without a trailing `.0`, never `-0`. */
export function formatNumber(value: number): string {
  const fixed = (Math.round(value * 10) / 10).toFixed(1);
  const trimmed = fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A duration in the two largest units that matter: `42 s`, `12 min`, `3 h 5 min`, `1 d 4 h`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'no data';
  // Millisecond rounding first: 401399.99999999994 s (interpolation noise) must read like 401400 s.
  const total = Math.abs(Math.round(seconds * 1000) / 1000);
  if (Math.round(total) < MINUTE) return `${Math.round(total)} s`;
  const minutes = Math.round(total / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < DAY / MINUTE) {
    const rest = minutes % 60;
    return rest === 0
      ? `${Math.floor(minutes / 60)} h`
      : `${Math.floor(minutes / 60)} h ${rest} min`;
  }
  const hours = Math.round(total / HOUR);
  const restHours = hours % 24;
  return restHours === 0
    ? `${Math.floor(hours / 24)} d`
    : `${Math.floor(hours / 24)} d ${restHours} h`;
}

/** A fraction 0..1 as a percentage: `12.5 %`. */
export function formatPercent(rate: number | null): string {
  return rate === null ? 'no data' : `${formatNumber(rate * 100)} %`;
}

export type FrequencyUnit = 'day' | 'week' | 'month';

/** The unit that gives a deployment rate a whole number before the point when it can. */
export function frequencyUnit(perDay: number): FrequencyUnit {
  if (perDay >= 1) return 'day';
  if (perDay * 7 >= 1 || perDay === 0) return 'week';
  return 'month';
}

const DAYS_PER_UNIT: Record<FrequencyUnit, number> = { day: 1, week: 7, month: 30 };

/** Deployments per day in `unit`: `3.2 / day`, `2.6 / week`, `1.5 / month`. */
export function formatFrequency(
  perDay: number,
  unit: FrequencyUnit = frequencyUnit(perDay),
): string {
  return `${formatNumber(perDay * DAYS_PER_UNIT[unit])} / ${unit}`;
}

export function perUnit(perDay: number, unit: FrequencyUnit): number {
  return perDay * DAYS_PER_UNIT[unit];
}

const LEVEL_LABEL: Record<Level, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  'insufficient-data': 'Insufficient data',
};

// One marker per level, the same hues as the badges (shields brightgreen/green/yellow/orange/lightgrey).
const LEVEL_MARKER: Record<Level, string> = {
  elite: '🟢',
  high: '🟩',
  medium: '🟡',
  low: '🟠',
  'insufficient-data': '⚪',
};

export function levelLabel(level: Level): string {
  return LEVEL_LABEL[level];
}

/** The level with its coloured marker: `🟢 Elite`. */
export function formatLevel(level: Level): string {
  return `${LEVEL_MARKER[level]} ${LEVEL_LABEL[level]}`;
}

/**
 * `2026-10-21` for a UTC midnight, else `2026-10-21 14:05 UTC`; Markdown-safe either way (text that is not an
 * instant is escaped, since it came from outside).
 */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeMarkdown(iso);
  const text = date.toISOString();
  return text.slice(11, 19) === '00:00:00'
    ? text.slice(0, 10)
    : `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** Window length in days between two ISO instants. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (DAY * 1000);
}

/** `1 deployment`, `3 deployments`, `30,014 changes`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
