import { UTCDate } from '@date-fns/utc';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  startOfDay,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
} from 'date-fns';
import type { Bucket } from './types.js';
import type { TimeRange } from './window.js';

const CALENDAR: Readonly<Record<Bucket, { start: (d: UTCDate) => Date; next: (d: Date) => Date }>> =
  {
    day: { start: startOfDay, next: (d) => addDays(d, 1) },
    week: { start: startOfISOWeek, next: (d) => addWeeks(d, 1) },
    month: { start: startOfMonth, next: (d) => addMonths(d, 1) },
    quarter: { start: startOfQuarter, next: (d) => addQuarters(d, 1) },
  };

/**
 * The UTC calendar buckets covering `range` (days; ISO weeks starting Monday; months;
 * quarters starting January, April, July, October), the first and last clipped to the range.
 */
export function buckets(range: TimeRange, bucket: Bucket): TimeRange[] {
  const { start, next } = CALENDAR[bucket];
  const out: TimeRange[] = [];
  // At the edges of the Date range a calendar boundary may not exist (NaN): clip to the window.
  const first = start(new UTCDate(range.from)).getTime();
  let from = Number.isNaN(first) ? range.from : first;
  while (from < range.to) {
    const boundary = next(new UTCDate(from)).getTime();
    const to = Number.isNaN(boundary) ? range.to : boundary;
    out.push({ from: Math.max(from, range.from), to: Math.min(to, range.to) });
    from = to;
  }
  return out;
}
