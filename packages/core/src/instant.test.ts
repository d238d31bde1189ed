import { describe, expect, it } from 'vitest';
import { DoraInputError } from './errors.js';
import { instantToMs, isValidInstant, parseIsoInstant, requireInstant, toIso } from './instant.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5); // 2024-01-02T03:04:05Z

describe('parseIsoInstant', () => {
  it('reads the canonical form, with and without milliseconds', () => {
    expect(parseIsoInstant('2024-01-02T03:04:05Z')).toBe(T0);
    expect(parseIsoInstant('2024-01-02T03:04:05.678Z')).toBe(T0 + 678);
  });

  it('applies zone offsets in every spelling', () => {
    expect(parseIsoInstant('2024-01-02T05:04:05+02:00')).toBe(T0);
    expect(parseIsoInstant('2024-01-02T05:04:05+0200')).toBe(T0);
    expect(parseIsoInstant('2024-01-02T05:04:05+02')).toBe(T0);
    expect(parseIsoInstant('2024-01-01T22:34:05-04:30')).toBe(T0);
    expect(parseIsoInstant('2024-01-02T03:04:05.678+00:00')).toBe(T0 + 678);
  });

  it('accepts RFC 3339 variants: lowercase t/z, a space, no seconds, long fractions', () => {
    expect(parseIsoInstant('2024-01-02t03:04:05z')).toBe(T0);
    expect(parseIsoInstant('2024-01-02 03:04:05Z')).toBe(T0);
    expect(parseIsoInstant('2024-01-02T03:04Z')).toBe(T0 - 5000);
    expect(parseIsoInstant('2024-01-02T03:04:05.1Z')).toBe(T0 + 100);
    expect(parseIsoInstant('2024-01-02T03:04:05.123999Z')).toBe(T0 + 123);
  });

  it('rejects strings without a zone: they are ambiguous', () => {
    expect(parseIsoInstant('2024-01-02T03:04:05')).toBeNaN();
    expect(parseIsoInstant('2024-01-02T03:04:05.000')).toBeNaN();
    expect(parseIsoInstant('2024-01-02')).toBeNaN();
  });

  it('rejects impossible dates and times instead of rolling them over', () => {
    expect(parseIsoInstant('2023-02-29T00:00:00Z')).toBeNaN();
    expect(parseIsoInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoInstant('2024-04-31T00:00:00Z')).toBeNaN();
    expect(parseIsoInstant('2024-13-01T00:00:00Z')).toBeNaN();
    expect(parseIsoInstant('2024-01-01T24:00:00Z')).toBeNaN();
    expect(parseIsoInstant('2024-01-01T00:60:00Z')).toBeNaN();
    expect(parseIsoInstant('2024-01-01T00:00:00+24:00')).toBeNaN();
    expect(parseIsoInstant('2024-01-0aT00:00:00Z')).toBeNaN();
    expect(parseIsoInstant('yesterday')).toBeNaN();
    expect(parseIsoInstant('')).toBeNaN();
  });
});

describe('instantToMs', () => {
  it('takes epoch milliseconds and Dates as they are', () => {
    expect(instantToMs(T0)).toBe(T0);
    expect(instantToMs(new Date(T0))).toBe(T0);
    expect(instantToMs(0)).toBe(0);
  });

  it('rejects non-finite numbers, invalid Dates and other types', () => {
    expect(instantToMs(Number.NaN)).toBeNaN();
    expect(instantToMs(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(instantToMs(9e15)).toBeNaN();
    expect(instantToMs(new Date('nope'))).toBeNaN();
    expect(instantToMs(true)).toBeNaN();
    expect(instantToMs(null)).toBeNaN();
  });
});

describe('requireInstant', () => {
  it('names the record and field of a bad instant', () => {
    const error = (() => {
      try {
        requireInstant('2024-01-02T03:04:05', 'deployments[3]', 'finishedAt');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DoraInputError);
    expect((error as DoraInputError).record).toBe('deployments[3]');
    expect((error as DoraInputError).field).toBe('finishedAt');
    expect((error as DoraInputError).message).toMatch(/^deployments\[3\]\.finishedAt: /);
  });

  it('round-trips through toIso', () => {
    expect(toIso(requireInstant('2024-01-02T05:04:05+02:00', 'r', 'f'))).toBe(
      '2024-01-02T03:04:05.000Z',
    );
  });
});

describe('calendar arithmetic', () => {
  it('agrees with Date.parse on the first of every month from 1900 to 2100 and leap days', () => {
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        const text = `${year}-${String(month).padStart(2, '0')}-01T12:34:56.789Z`;
        expect(parseIsoInstant(text)).toBe(Date.parse(text));
      }
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      if (leap)
        expect(parseIsoInstant(`${year}-02-29T00:00:00Z`)).toBe(
          Date.parse(`${year}-02-29T00:00:00Z`),
        );
    }
    expect(parseIsoInstant('0050-03-01T00:00:00Z')).toBe(Date.parse('0050-03-01T00:00:00Z'));
  });

  it('agrees with Date.parse around the epoch, far ahead, and inside every month', () => {
    for (const year of [1968, 1969, 1970, 1971, 2025, 2198, 2199, 2200, 2201, 9999]) {
      for (let month = 1; month <= 12; month++) {
        const mm = String(month).padStart(2, '0');
        for (const text of [
          `${year}-${mm}-01T00:00:00Z`,
          `${year}-${mm}-28T23:59:59.999Z`,
          `${year}-${mm}-15T07:08:09.010Z`,
        ]) {
          expect([text, parseIsoInstant(text)]).toEqual([text, Date.parse(text)]);
        }
      }
    }
  });
});

describe('isValidInstant', () => {
  it('agrees with instantToMs on canonical, near-canonical and other instants', () => {
    const cases: unknown[] = [
      '2024-02-29T10:00:00Z',
      '2023-02-29T10:00:00Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '2024-04-31T00:00:00Z',
      '2024-04-30T23:59:59.999Z',
      '2024-12-31T23:59:59Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-00-10T00:00:00Z',
      '2024-13-10T00:00:00Z',
      '2024-01-00T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2024-01-01t00:00:00z',
      '2024-01-01T00:00:00+01:00',
      '2024-01-01T00:00:00.12Z',
      '2024-01-01T00:00:00.1234Z',
      '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00',
      '２０２４-01-01T00:00:00Z',
      '',
      0,
      Number.NaN,
      new Date('nope'),
      new Date(0),
      null,
      {},
    ];
    for (const value of cases) {
      expect([value, isValidInstant(value)]).toEqual([value, !Number.isNaN(instantToMs(value))]);
    }
  });
});
