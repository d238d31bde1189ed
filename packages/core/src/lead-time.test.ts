import { describe, expect, it } from 'vitest';
import { computeDora } from './compute-dora.js';
import { leadTime } from './lead-time.js';
import { change, DAY, data, deploy, HOUR, jan, WEEK1 } from './test-builders.js';

const window = WEEK1;

describe('leadTime with changeIds (linked mode)', () => {
  it('links a squash-merged change through changeIds, not through the sha', () => {
    const result = leadTime(
      data({
        deployments: [deploy('1', jan(3), { sha: 'squash0001', changeIds: ['acme/shop#1'] })],
        changes: [change(1, jan(2), { mergedAt: jan(2, 12), branch: 'feature/x' })],
      }),
      { window },
    );
    expect(result).toMatchObject({ count: 1, median: DAY, min: DAY, max: DAY, excluded: 0 });
  });

  it("does not let a repository's first deployment absorb older history", () => {
    const result = computeDora(
      data({
        deployments: [deploy('1', jan(5), { changeIds: ['acme/shop#3'] })],
        changes: [
          change(1, '2023-06-01T00:00:00Z', { mergedAt: '2023-06-02T00:00:00Z' }),
          change(2, '2023-09-01T00:00:00Z', { mergedAt: '2023-09-02T00:00:00Z' }),
          change(3, jan(4), { mergedAt: jan(4, 6) }),
        ],
      }),
      { window },
    );
    expect(result.leadTime).toMatchObject({ count: 1, median: DAY, excluded: 0 });
    expect(result.audit.leadTimes).toEqual([
      { changeId: 'acme/shop#3', deploymentId: 'acme/shop:run:1', seconds: DAY },
    ]);
  });

  it('counts every change of a batched deployment', () => {
    const result = leadTime(
      data({
        deployments: [
          deploy('1', jan(5), { changeIds: ['acme/shop#1', 'acme/shop#2', 'acme/shop#3'] }),
        ],
        changes: [change(1, jan(4)), change(2, jan(3)), change(3, jan(4, 18))],
      }),
      { window },
    );
    // samples: 1 d, 2 d, 6 h
    expect(result).toMatchObject({
      count: 3,
      median: DAY,
      min: 6 * HOUR,
      max: 2 * DAY,
      mean: (DAY + 2 * DAY + 6 * HOUR) / 3,
      p75: 1.5 * DAY, // h = 1.5
    });
  });

  it('uses the earliest successful deployment that lists the change', () => {
    const result = computeDora(
      data({
        deployments: [
          deploy('1', jan(2), { status: 'failure', changeIds: ['acme/shop#1'] }),
          deploy('3', jan(4), { changeIds: ['acme/shop#1'] }),
          deploy('2', jan(3), { changeIds: ['acme/shop#1'] }),
        ],
        changes: [change(1, jan(1))],
      }),
      { window },
    );
    expect(result.audit.leadTimes).toEqual([
      { changeId: 'acme/shop#1', deploymentId: 'acme/shop:run:2', seconds: 2 * DAY },
    ]);
  });

  it('takes samples by when the shipping deployment finished, not when the change merged', () => {
    const result = leadTime(
      data({
        deployments: [
          deploy('0', '2023-12-31T12:00:00Z', { changeIds: ['acme/shop#1'] }),
          deploy('9', jan(8, 1), { changeIds: ['acme/shop#2'] }),
        ],
        changes: [change(1, jan(1)), change(2, jan(2), { mergedAt: jan(3) })],
      }),
      { window },
    );
    expect(result.count).toBe(0);
    expect(result.median).toBeNull();
  });

  it('excludes negative samples as data errors and keeps zero', () => {
    const result = leadTime(
      data({
        deployments: [deploy('1', jan(3), { changeIds: ['acme/shop#1', 'acme/shop#2'] })],
        changes: [change(1, jan(3, 1)), change(2, jan(3))],
      }),
      { window },
    );
    expect(result).toMatchObject({ count: 1, median: 0, excluded: 1 });
  });

  it('ignores deployments outside production', () => {
    const result = leadTime(
      data({
        deployments: [
          deploy('1', jan(2), { environment: 'staging', changeIds: ['acme/shop#1'] }),
          deploy('2', jan(4), { changeIds: ['acme/shop#1'] }),
        ],
        changes: [change(1, jan(1))],
      }),
      { window },
    );
    expect(result.median).toBe(3 * DAY);
  });
});

describe('leadTime with changeIds when changes repeat and listed ids share their ends', () => {
  it('still links every listed change after the id index switches to whole-id hashes', () => {
    // 600 ids, each given twice, and 5,400 listed ids that match none of them but share their
    // last 12 characters: the look-ups compare so many strings that the change index rebuilds
    // itself with whole-id hashes between two batches of the join.
    const digits = Array.from({ length: 600 }, (_, i) => String(i).padStart(12, '0'));
    const ids = digits.map((d) => `a-${d}`);
    const strangers = [...'bcdefghij'].flatMap((c) => digits.map((d) => `${c}-${d}`));
    const changes = ids.map((id, i) => change(i, jan(2), { id }));
    const result = leadTime(
      data({
        deployments: [
          deploy('1', jan(3), { changeIds: strangers }),
          deploy('2', jan(4), { changeIds: ids }),
        ],
        changes: [...changes, ...changes],
      }),
      { window },
    );
    expect(result).toMatchObject({ count: 600, median: 2 * DAY, excluded: 0 });
  });
});

describe('leadTime without changeIds (fallback by merge time)', () => {
  it('ships each change with the first successful deployment at or after its merge', () => {
    const result = computeDora(
      data({
        deployments: [
          deploy('1', jan(2, 12)),
          deploy('2', jan(3), { status: 'failure' }),
          deploy('3', jan(4)),
          deploy('4', jan(4, 6), { repository: 'acme/api', id: 'acme/api:run:4' }),
        ],
        changes: [
          change(1, jan(1), { mergedAt: jan(2, 12) }), // merged exactly at deployment 1
          change(2, jan(2), { mergedAt: jan(2, 13) }), // deployment 2 failed: ships with 3
          change(3, jan(3), { mergedAt: jan(3, 1), repository: 'acme/api', id: 'acme/api#3' }),
          change(4, jan(5), { mergedAt: jan(5) }), // nothing after: not shipped
          change(5, jan(1)), // never merged: not shipped
        ],
      }),
      { window },
    );
    expect(result.audit.leadTimes).toEqual([
      { changeId: 'acme/shop#1', deploymentId: 'acme/shop:run:1', seconds: 1.5 * DAY },
      { changeId: 'acme/shop#2', deploymentId: 'acme/shop:run:3', seconds: 2 * DAY },
      { changeId: 'acme/api#3', deploymentId: 'acme/api:run:4', seconds: DAY + 6 * HOUR },
    ]);
    expect(result.leadTime).toMatchObject({ count: 3, median: 1.5 * DAY, excluded: 0 });
  });

  it('lets a deployment or change without a repository match any', () => {
    const result = leadTime(
      data({
        deployments: [deploy('1', jan(3), { repository: undefined } as never)],
        changes: [change(1, jan(2), { mergedAt: jan(2, 1) })],
      }),
      { window },
    );
    expect(result.median).toBe(DAY);
  });

  it('gives a single sample for every statistic', () => {
    const result = leadTime(
      data({
        deployments: [deploy('1', jan(3))],
        changes: [change(1, jan(2, 12), { mergedAt: jan(3) })],
      }),
      { window },
    );
    expect(result).toEqual({
      count: 1,
      median: 12 * HOUR,
      p75: 12 * HOUR,
      p90: 12 * HOUR,
      p95: 12 * HOUR,
      mean: 12 * HOUR,
      min: 12 * HOUR,
      max: 12 * HOUR,
      excluded: 0,
      level: 'insufficient-data',
    });
  });
});
