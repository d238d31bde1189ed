import { describe, expect, it } from 'vitest';
import { computeDora } from './compute-dora.js';
import { DoraInputError } from './errors.js';
import { changeMergedAt, normaliseData } from './normalize.js';
import { change, data, deploy, incident, jan, WEEK1 } from './test-builders.js';
import type { DoraData, DoraOptions } from './types.js';

function thrown(input: DoraData, options: DoraOptions = { window: WEEK1 }): DoraInputError {
  try {
    computeDora(input, options);
  } catch (e) {
    expect(e).toBeInstanceOf(DoraInputError);
    return e as DoraInputError;
  }
  throw new Error('expected a DoraInputError');
}

const good = [deploy('1', jan(2)), deploy('2', jan(3)), deploy('3', jan(4))];

describe('input validation', () => {
  it.each([
    [
      data({ deployments: [...good, deploy('4', '2024-01-05T00:00:00')] }),
      'deployments[3]',
      'finishedAt',
    ],
    [data({ deployments: [...good, deploy('4', 'soon')] }), 'deployments[3]', 'finishedAt'],
    // Outside production too, and when it is missing (it is only checked there, not parsed).
    [
      data({ deployments: [deploy('1', jan(2), { environment: 'staging', finishedAt: 'soon' })] }),
      'deployments[0]',
      'finishedAt',
    ],
    [
      data({
        deployments: [
          { ...deploy('1', jan(2), { environment: 'staging' }), finishedAt: undefined as never },
        ],
      }),
      'deployments[0]',
      'finishedAt',
    ],
    [
      data({ deployments: [deploy('1', jan(2), { startedAt: 'x' })] }),
      'deployments[0]',
      'startedAt',
    ],
    [data({ deployments: [{ ...deploy('1', jan(2)), id: '' }] }), 'deployments[0]', 'id'],
    [
      data({ deployments: [{ ...deploy('1', jan(2)), status: 'cancelled' as 'success' }] }),
      'deployments[0]',
      'status',
    ],
    [
      data({ deployments: [{ ...deploy('1', jan(2)), changeIds: [1 as unknown as string] }] }),
      'deployments[0]',
      'changeIds[0]',
    ],
    [data({ changes: [change(1, jan(1)), change(2, 'later')] }), 'changes[1]', 'firstCommitAt'],
    [data({ changes: [change(1, jan(1), { mergedAt: Number.NaN })] }), 'changes[0]', 'mergedAt'],
    [
      data({ changes: [{ firstCommitAt: jan(1) } as unknown as ReturnType<typeof change>] }),
      'changes[0]',
      'id',
    ],
    [
      data({ incidents: [incident('P1', jan(2), { resolvedAt: '2024-01-02' })] }),
      'incidents[0]',
      'resolvedAt',
    ],
    [data({ incidents: [incident('P1', new Date('nope'))] }), 'incidents[0]', 'createdAt'],
  ])('names the bad record and field (%#: %s.%s)', (input, record, field) => {
    const error = thrown(input);
    expect(error.record).toBe(record);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${record}.${field}: `)).toBe(true);
  });

  it.each([
    [{ window: { from: jan(8), to: jan(1) } }, 'window'],
    [{ window: 'last-7-days' }, 'now'],
    [{ window: 'last-week', now: jan(8) }, 'window'],
    [{ window: WEEK1, bucket: 'year' }, 'bucket'],
    [{ window: WEEK1, changeFailureRateMode: 'mttr' }, 'changeFailureRateMode'],
    [{ window: WEEK1, attributionWindow: -1 }, 'attributionWindow'],
    [{ window: WEEK1, minSample: Number.NaN }, 'minSample'],
    [{ window: WEEK1, environment: 7 }, 'environment'],
    [{ window: WEEK1, benchmark: 'dora-1999' }, 'benchmark'],
  ])('names the bad option (%#: %s)', (options, field) => {
    const error = thrown(data({ deployments: good }), options as unknown as DoraOptions);
    expect(error.record).toBe('options');
    expect(error.field).toBe(field);
  });

  it('throws nothing for valid but odd data: nulls as absent, unknown change ids', () => {
    const odd = {
      deployments: [{ ...deploy('1', jan(2)), sha: null, changeIds: ['acme/shop#404'] }],
      changes: [{ ...change(1, jan(1)), mergedAt: null, labels: null }],
      incidents: [{ ...incident('P1', jan(2)), resolvedAt: null }],
    } as unknown as DoraData;
    expect(() => computeDora(odd, { window: WEEK1 })).not.toThrow();
  });
});

const isProduction = (e: string) => e === 'production';

describe('normaliseData', () => {
  it('parses each instant once to epoch ms', () => {
    const n = normaliseData(
      data({ deployments: [deploy('1', '2024-01-02T01:00:00+01:00')], changes: [change(1, 0)] }),
      isProduction,
    );
    expect(n.deployments.t[0]).toBe(Date.UTC(2024, 0, 2));
    expect(n.changes.firstCommitAt[0]).toBe(0);
    expect(n.linked).toBe(false);
  });

  it('keeps the latest-finished attempt of a re-run deployment, whatever the order', () => {
    const first = deploy('7', jan(2), { status: 'failure' });
    const rerun = deploy('7', jan(2, 1));
    for (const deployments of [
      [first, rerun],
      [rerun, first],
    ]) {
      const n = normaliseData(data({ deployments }), isProduction);
      expect(n.deployments.length).toBe(1);
      expect(n.deployments.success[0]).toBe(1);
      expect(n.deployments.id).toEqual(['acme/shop:run:7']);
      expect(n.deployments.t[0]).toBe(Date.UTC(2024, 0, 2, 1));
    }
  });

  it('with changeIds, validates mergedAt at once and parses it only when read', () => {
    const input = data({
      deployments: [deploy('1', jan(2), { changeIds: ['acme/shop#1'] })],
      changes: [change(1, jan(1), { mergedAt: '2024-01-01T12:00:00+01:00' })],
    });
    const n = normaliseData(input, isProduction);
    expect(n.changes.mergedParsed()).toBe(false);
    expect(changeMergedAt(n.changes, 0)).toBe(Date.UTC(2024, 0, 1, 11));
    expect(n.changes.mergedParsed()).toBe(false);
    expect(n.changes.mergedAt).toEqual([Date.UTC(2024, 0, 1, 11)]);
    expect(n.changes.mergedParsed()).toBe(true);
    const bad = data({
      deployments: [deploy('1', jan(2), { changeIds: [] })],
      changes: [change(1, jan(1), { mergedAt: '2024-13-01T00:00:00Z' })],
    });
    expect(() => normaliseData(bad, isProduction)).toThrow('changes[0].mergedAt');
  });

  it('reads a deployment with changeIds as linked mode, even outside production', () => {
    const staging = deploy('1', jan(2), { changeIds: [], environment: 'staging' });
    const n = normaliseData(data({ deployments: [staging] }), isProduction);
    expect(n.linked).toBe(true);
    expect(n.deployments.length).toBe(0);
  });
});
