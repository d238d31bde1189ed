import { DoraInputError } from './errors.js';

const DAY_MS = 86_400_000;
/** The largest distance from the epoch a Date can represent. */
export const MAX_INSTANT_MS = 8.64e15;

/** Matches ISO-8601 / RFC 3339 date-times that carry a zone. Anything without a zone is ambiguous. */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fromParts(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return Number.NaN;
  }
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): plain integer
 * arithmetic, several times faster than `Date.UTC`, and without its two-digit-year quirk.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The canonical form collectors emit, `YYYY-MM-DDTHH:MM:SS(.sss)Z`, read with straight-line
 * character arithmetic: a million deployments means millions of these, so this path carries
 * the load (several times faster than the general reader and `Date.parse`). The epoch ms are
 * written to `out[i]` rather than returned: a number this large returned from a call that is
 * not inlined is a heap allocation, and millions of them are garbage to collect. Returns false
 * (and writes nothing) when `s` is not in the canonical form or names no real date-time.
 */
function canonicalInto(s: string, out: number[], i: number): boolean {
  const n = s.length;
  if (
    (n !== 24 && n !== 20) ||
    s.charCodeAt(n - 1) !== 90 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const i0 = s.charCodeAt(14) - 48;
  const i1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48;
  const s1 = s.charCodeAt(18) - 48;
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46) return false;
    f0 = s.charCodeAt(20) - 48;
    f1 = s.charCodeAt(21) - 48;
    f2 = s.charCodeAt(22) - 48;
  }
  // Every value must be a digit, 0 to 9: one sign test over all of them instead of 17 branches.
  const below = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1 | i0 | i1 | s0 | s1 | f0 | f1 | f2;
  const above =
    (9 - y0) |
    (9 - y1) |
    (9 - y2) |
    (9 - y3) |
    (9 - m0) |
    (9 - m1) |
    (9 - d0) |
    (9 - d1) |
    (9 - h0) |
    (9 - h1) |
    (9 - i0) |
    (9 - i1) |
    (9 - s0) |
    (9 - s1) |
    (9 - f0) |
    (9 - f1) |
    (9 - f2);
  if ((below | above) < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  if (day > 28 && day > daysInMonth(year, month)) return false;
  out[i] =
    daysFromCivil(year, month, day) * DAY_MS +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    (f0 * 100 + f1 * 10 + f2);
  return true;
}

/**
 * Writes the epoch ms of a valid instant to `out[i]` and returns true; returns false for
 * anything `instantToMs` reads as NaN. For the per-record columns: see `canonicalInto`.
 */
export function instantInto(value: unknown, out: number[], i: number): boolean {
  if (typeof value === 'string' && canonicalInto(value, out, i)) return true;
  const ms = instantToMs(value);
  if (Number.isNaN(ms)) return false;
  out[i] = ms;
  return true;
}

const scratch = [0.5];

/** The canonical form with its fields in range; the day is checked against its month apart. */
const CANONICAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3})?Z$/;

/**
 * Whether `instantToMs(value)` is a number, for instants that are validated but not kept
 * (a deployment's startedAt, a change's createdAt): the compiled expression checks the
 * canonical form faster than reading its digits one by one. Anything else takes the full path.
 */
export function isValidInstant(value: unknown): boolean {
  if (typeof value === 'string' && CANONICAL.test(value)) {
    const day = (value.charCodeAt(8) - 48) * 10 + (value.charCodeAt(9) - 48);
    if (day < 29) return true;
    const year =
      (value.charCodeAt(0) - 48) * 1000 +
      (value.charCodeAt(1) - 48) * 100 +
      (value.charCodeAt(2) - 48) * 10 +
      (value.charCodeAt(3) - 48);
    const month = (value.charCodeAt(5) - 48) * 10 + (value.charCodeAt(6) - 48);
    return day <= daysInMonth(year, month);
  }
  return !Number.isNaN(instantToMs(value));
}

function parseGeneral(s: string): number {
  const m = ISO_WITH_ZONE.exec(s);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om] = m;
  // Sub-millisecond digits are truncated, as Date.parse does.
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const local = fromParts(
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    sec === undefined ? 0 : Number(sec),
    ms,
  );
  if (z !== undefined) return local;
  const offH = Number(oh);
  const offM = om === undefined ? 0 : Number(om);
  if (offH > 23 || offM > 59) return Number.NaN;
  const offset = (offH * 60 + offM) * 60_000;
  return sign === '-' ? local + offset : local - offset;
}

/** Epoch milliseconds of a string instant, or NaN when it is not an ISO-8601 date-time with a zone. */
export function parseIsoInstant(s: string): number {
  return canonicalInto(s, scratch, 0) ? (scratch[0] as number) : parseGeneral(s);
}

/** Epoch milliseconds of an instant, or NaN when it is not a valid instant. */
export function instantToMs(value: unknown): number {
  if (typeof value === 'string') return parseIsoInstant(value);
  // Beyond ±8.64e15 ms a Date cannot represent the instant.
  if (typeof value === 'number') return Math.abs(value) <= MAX_INSTANT_MS ? value : Number.NaN;
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

/** Parses a required instant; throws a `DoraInputError` naming `record` and `field` otherwise. */
export function requireInstant(value: unknown, record: string, field: string): number {
  const ms = instantToMs(value);
  if (Number.isNaN(ms)) {
    throw new DoraInputError(record, field, invalidInstantProblem(value));
  }
  return ms;
}

/** Like `requireInstant`, but `undefined` and `null` mean "absent" and give `undefined`. */
export function optionalInstant(value: unknown, record: string, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  return requireInstant(value, record, field);
}

function invalidInstantProblem(value: unknown): string {
  if (value === undefined || value === null) return 'is required (an instant)';
  if (typeof value === 'string') {
    return `${JSON.stringify(value)} is not an ISO-8601 date-time with a zone (Z or ±HH:MM)`;
  }
  return `${String(value)} is not a valid instant (ISO-8601 string with zone, epoch ms, or Date)`;
}

/** ISO-8601 UTC text of epoch milliseconds. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export { DAY_MS };
