import { describe, expect, it } from 'vitest';
import { reworkRate } from './rework-rate.js';
import { change, data, deploy, jan, WEEK1 } from './test-builders.js';

describe('reworkRate', () => {
  it('counts rollbacks and deployments shipping only reverts or hotfixes', () => {
    const result = reworkRate(
      data({
        deployments: [
          deploy('1', jan(2), { sha: 'v1', changeIds: ['acme/shop#1'] }),
          deploy('2', jan(3), { sha: 'v2', changeIds: ['acme/shop#2'] }),
          deploy('3', jan(3, 1), { sha: 'v1' }), // rollback
          deploy('4', jan(4), { sha: 'v4', changeIds: ['acme/shop#3', 'acme/shop#4'] }), // revert + hotfix
          deploy('5', jan(5), { sha: 'v5', changeIds: ['acme/shop#5', 'acme/shop#6'] }), // hotfix + feature
          deploy('6', jan(6), { sha: 'v6', status: 'failure', changeIds: ['acme/shop#7'] }),
          deploy('7', jan(6, 1), { sha: 'v7' }), // ships nothing, not a rollback
        ],
        changes: [
          change(1, jan(1)),
          change(2, jan(2)),
          change(3, jan(3), { title: 'Revert "Something"' }),
          change(4, jan(3), { labels: ['hotfix'] }),
          change(5, jan(4), { branch: 'hotfix/x' }),
          change(6, jan(4)),
          change(7, jan(5), { reverts: 'acme/shop#6' }),
        ],
      }),
      { window: WEEK1 },
    );
    expect(result).toEqual({ rework: 2, total: 6, rate: 2 / 6 });
  });

  it('is null, not zero, without successful deployments', () => {
    expect(
      reworkRate(data({ deployments: [deploy('1', jan(2), { status: 'failure' })] }), {
        window: WEEK1,
      }),
    ).toEqual({ rework: 0, total: 0, rate: null });
  });
});
