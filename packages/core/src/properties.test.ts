import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDora } from './compute-dora.js';
import { distribution } from './distribution.js';
import type {
  Change,
  Deployment,
  Distribution,
  DoraData,
  DoraOptions,
  DoraReport,
  Incident,
  Instant,
} from './types.js';

const BASE = Date.UTC(2024, 0, 1);
const SPAN = 40 * 86_400_000;
const STEP = 12 * 3_600_000;
const REPOS = ['acme/a', 'acme/b', undefined] as const;

/** An instant in one of the accepted spellings, so parsing is exercised too. */
const instant: fc.Arbitrary<Instant> = fc
  // Coarse steps make ties (same finish time, same merge time) common: they must not break order.
  .tuple(
    fc.integer({ min: 0, max: SPAN / STEP }),
    fc.constantFrom(0, 0, 0, 1, 999),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([hours, ms0, form]) => {
    const ms = BASE + hours * STEP + ms0;
    if (form === 0) return ms;
    if (form === 1) return new Date(ms);
    if (form === 2) return new Date(ms).toISOString();
    const local = new Date(ms + 2 * 3_600_000).toISOString().slice(0, 23);
    return `${local}+02:00`;
  });

function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

const rawChange = fc.record({
  firstCommitAt: instant,
  mergedAt: opt(instant),
  repository: fc.constantFrom(...REPOS),
  label: fc.constantFrom(undefined, 'hotfix', 'bug'),
  title: fc.constantFrom(undefined, 'Add cart', 'Revert "Add cart"', 'Fix tax'),
  revertsIndex: opt(fc.nat(30)),
});

const rawDeployment = fc.record({
  environment: fc.constantFrom('production', 'production', 'staging'),
  status: fc.constantFrom('success', 'success', 'failure') as fc.Arbitrary<'success' | 'failure'>,
  finishedAt: instant,
  sha: opt(fc.constantFrom('v1', 'v2', 'v3', 'v4')),
  repository: fc.constantFrom(...REPOS),
  service: fc.constantFrom(undefined, 'web'),
  changeIndexes: opt(fc.array(fc.nat(30), { maxLength: 3 })),
});

const rawIncident = fc.record({
  createdAt: instant,
  resolvedAt: opt(instant),
  repository: fc.constantFrom(...REPOS),
  deploymentIndex: opt(fc.nat(40)),
});

const doraData: fc.Arbitrary<DoraData> = fc
  .record({
    changes: fc.array(rawChange, { maxLength: 30 }),
    deployments: fc.array(rawDeployment, { maxLength: 40 }),
    incidents: fc.array(rawIncident, { maxLength: 12 }),
    linked: fc.boolean(),
  })
  .map(({ changes, deployments, incidents, linked }) => {
    const changeId = (i: number) => `acme/x#${i}`;
    const outChanges: Change[] = changes.map((c, i) => ({
      id: changeId(i),
      firstCommitAt: c.firstCommitAt,
      ...(c.mergedAt === undefined ? {} : { mergedAt: c.mergedAt }),
      ...(c.repository === undefined ? {} : { repository: c.repository }),
      ...(c.label === undefined ? {} : { labels: [c.label] }),
      ...(c.title === undefined ? {} : { title: c.title }),
      ...(c.revertsIndex === undefined ? {} : { reverts: changeId(c.revertsIndex) }),
    }));
    const outDeployments: Deployment[] = deployments.map((d, i) => ({
      id: `acme/x:run:${i}`,
      environment: d.environment,
      status: d.status,
      finishedAt: d.finishedAt,
      ...(d.sha === undefined ? {} : { sha: d.sha }),
      ...(d.repository === undefined ? {} : { repository: d.repository }),
      ...(d.service === undefined ? {} : { service: d.service }),
      ...(linked && d.changeIndexes !== undefined
        ? { changeIds: d.changeIndexes.map(changeId) }
        : {}),
    }));
    const outIncidents: Incident[] = incidents.map((x, i) => ({
      id: `pagerduty:P${i}`,
      createdAt: x.createdAt,
      ...(x.resolvedAt === undefined ? {} : { resolvedAt: x.resolvedAt }),
      ...(x.repository === undefined ? {} : { repository: x.repository }),
      ...(x.deploymentIndex === undefined
        ? {}
        : { deploymentId: `acme/x:run:${x.deploymentIndex}` }),
    }));
    return { deployments: outDeployments, changes: outChanges, incidents: outIncidents };
  });

const options: fc.Arbitrary<Omit<DoraOptions, 'window'>> = fc.record({
  changeFailureRateMode: fc.constantFrom(
    'failed-deployments',
    'incidents-per-deployment',
  ) as fc.Arbitrary<DoraOptions['changeFailureRateMode'] & string>,
  attributionWindow: fc.constantFrom(0, 3600, 86_400, 7 * 86_400),
  bucket: fc.constantFrom('day', 'week', 'month', 'quarter') as fc.Arbitrary<'day'>,
  environment: fc.constantFrom<string | RegExp>('production', /^prod/, 'staging'),
  minSample: fc.constantFrom(0, 1, 5),
});

/** A window [from, to) with a split point strictly inside. */
const splitWindow = fc
  .tuple(
    fc.integer({ min: -SPAN / 4, max: SPAN }),
    fc.integer({ min: 2, max: SPAN }),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  )
  .map(([start, length, f]) => {
    const from = BASE + start;
    const to = from + length;
    const mid = Math.min(to - 1, Math.max(from + 1, Math.round(from + f * length)));
    return { from, mid, to };
  });

const shuffled = <T>(items: T[]): fc.Arbitrary<T[]> =>
  fc
    .array(fc.double({ noNaN: true }), { minLength: items.length, maxLength: items.length })
    .map((keys) =>
      items
        .map((item, i) => ({ item, k: keys[i] as number }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.item),
    );

const permuted = doraData.chain((d) =>
  fc.record({
    original: fc.constant(d),
    deployments: shuffled(d.deployments),
    changes: shuffled(d.changes),
    incidents: shuffled(d.incidents),
  }),
);

function distributions(r: Omit<DoraReport, 'previous' | 'series'>): Distribution[] {
  return [r.leadTime, r.recoveryTime, r.timeToRestore];
}

function ordered(d: Distribution): boolean {
  if (d.count === 0) {
    return [d.median, d.p75, d.p90, d.p95, d.mean, d.min, d.max].every((v) => v === null);
  }
  const chain = [d.min, d.median, d.p75, d.p90, d.p95, d.max] as number[];
  const inOrder = chain.every((v, i) => i === 0 || (chain[i - 1] as number) <= v);
  const mean = d.mean as number;
  return inOrder && (d.min as number) <= mean && mean <= (d.max as number);
}

const RUNS = { numRuns: 300 };

describe('properties of computeDora', () => {
  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(permuted, options, splitWindow, (p, opts, w) => {
        const window = { from: w.from, to: w.to };
        const a = computeDora(p.original, { ...opts, window });
        const b = computeDora(
          { deployments: p.deployments, changes: p.changes, incidents: p.incidents },
          { ...opts, window },
        );
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });

  it('adds up counts over two adjacent windows to the count over their union', () => {
    fc.assert(
      fc.property(doraData, options, splitWindow, (data, opts, w) => {
        const run = (from: number, to: number) =>
          computeDora(data, { ...opts, window: { from, to }, compareToPrevious: false });
        const left = run(w.from, w.mid);
        const right = run(w.mid, w.to);
        const all = run(w.from, w.to);
        const sum = (f: (r: DoraReport) => number) => f(left) + f(right);
        const counts: Array<(r: DoraReport) => number> = [
          (r) => r.deploymentFrequency.deployments,
          (r) => r.changeFailureRate.total,
          (r) => r.changeFailureRate.failed,
          (r) => r.leadTime.count,
          (r) => r.leadTime.excluded,
          (r) => r.timeToRestore.count,
          (r) => r.recoveryTime.count,
          (r) => r.recoveryTime.open,
          (r) => r.reworkRate.rework,
          (r) => r.reworkRate.total,
          (r) => r.audit.failures.length,
          (r) => r.audit.leadTimes.length,
        ];
        for (const count of counts) expect(sum(count)).toBe(count(all));
        // The series buckets partition the window the same way.
        expect(all.series.reduce((n, s) => n + s.deployments, 0)).toBe(
          all.deploymentFrequency.deployments,
        );
      }),
      RUNS,
    );
  });

  it('keeps every percentile between min and max, in order, in every report', () => {
    fc.assert(
      fc.property(doraData, options, splitWindow, (data, opts, w) => {
        const r = computeDora(data, { ...opts, window: { from: w.from, to: w.to } });
        for (const d of [...distributions(r), ...distributions(r.previous as DoraReport)]) {
          expect(ordered(d)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('yields a report for any valid input without throwing', () => {
    fc.assert(
      fc.property(doraData, options, splitWindow, (data, opts, w) => {
        const r = computeDora(data, { ...opts, window: { from: w.from, to: w.to } });
        expect(r.window.from).toBe(new Date(w.from).toISOString());
        expect(r.changeFailureRate.rate === null).toBe(r.changeFailureRate.total === 0);
      }),
      RUNS,
    );
  });
});

describe('properties of distribution', () => {
  it('orders percentiles for any finite samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), {
          maxLength: 200,
        }),
        (samples) => {
          const d = distribution(samples);
          expect(d.count).toBe(samples.length);
          expect(ordered(d)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
