import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distribution } from './distribution.js';

/*
 * Our percentiles against real PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly):
 * percentile_cont is the contract's definition, so the two must agree on any samples.
 */
let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec('create table s (g int not null, v double precision not null)');
});

afterAll(async () => {
  await db.close();
});

const sampleSet = fc.oneof(
  // durations in seconds, as the metrics produce them
  fc.array(fc.integer({ min: 0, max: 90 * 86_400 }), { minLength: 1, maxLength: 300 }),
  // few distinct values: many ties
  fc.array(fc.constantFrom(0, 60, 3600, 86_400), { minLength: 1, maxLength: 50 }),
  // fractional and huge values
  fc.array(fc.double({ min: -1e9, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 120 }),
);

function close(ours: number | null, theirs: number): boolean {
  if (ours === null) return false;
  const scale = Math.max(Math.abs(theirs), Math.abs(ours), 1);
  return Math.abs(ours - theirs) <= 1e-9 * scale;
}

describe('percentiles agree with PostgreSQL percentile_cont', () => {
  it('on 300 random sample sets', async () => {
    const sets = fc.sample(sampleSet, { numRuns: 300, seed: 20_240_101 });
    const rows: string[] = [];
    sets.forEach((set, g) => {
      for (const v of set) rows.push(`(${g}, ${v})`);
    });
    for (let i = 0; i < rows.length; i += 5000) {
      await db.exec(`insert into s (g, v) values ${rows.slice(i, i + 5000).join(',')}`);
    }
    const result = await db.query<{ g: number; p: number[]; n: number; lo: number; hi: number }>(
      `select g, count(*)::int as n, min(v) as lo, max(v) as hi,
              percentile_cont(array[0.5, 0.75, 0.9, 0.95]) within group (order by v) as p
         from s group by g order by g`,
    );
    expect(result.rows).toHaveLength(sets.length);
    let compared = 0;
    for (const row of result.rows) {
      const ours = distribution(sets[row.g] as number[]);
      expect(ours.count).toBe(row.n);
      expect(ours.min).toBe(row.lo);
      expect(ours.max).toBe(row.hi);
      const pairs: Array<[number | null, number]> = [
        [ours.median, row.p[0] as number],
        [ours.p75, row.p[1] as number],
        [ours.p90, row.p[2] as number],
        [ours.p95, row.p[3] as number],
      ];
      for (const [mine, theirs] of pairs) {
        if (!close(mine, theirs)) {
          throw new Error(`group ${row.g}: ours ${mine} vs percentile_cont ${theirs}`);
        }
        compared++;
      }
    }
    expect(compared).toBe(4 * sets.length);
  });

  it('on a hand-checked set', async () => {
    const result = await db.query<{ p: number[] }>(
      `select percentile_cont(array[0.5, 0.75, 0.9, 0.95]) within group (order by v) as p
         from (values (3600.0), (60.0), (600.0), (86400.0), (7200.0)) as t(v)`,
    );
    const d = distribution([3600, 60, 600, 86_400, 7200]);
    const p = result.rows[0]?.p as number[];
    expect([d.median, d.p75]).toEqual([p[0], p[1]]);
    expect(close(d.p90, p[2] as number)).toBe(true);
    expect(close(d.p95, p[3] as number)).toBe(true);
    expect(p[2]).toBeCloseTo(54_720, 6);
  });
});
