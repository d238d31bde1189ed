import { describe, expect, it } from 'vitest';
import { changeFailureRate } from './change-failure-rate.js';
import { computeDora } from './compute-dora.js';
import { change, data, deploy, incident, jan, WEEK1 } from './test-builders.js';
import type { DoraData, DoraOptions } from './types.js';

const window = WEEK1;

function failures(input: DoraData, options: Partial<DoraOptions> = {}) {
  return computeDora(input, { window, ...options }).audit.failures;
}

describe('changeFailureRate: deployment-failed', () => {
  it('counts failed attempts in total and failed', () => {
    const input = data({
      deployments: [
        deploy('1', jan(2)),
        deploy('2', jan(3), { status: 'failure' }),
        deploy('3', jan(4)),
        deploy('4', jan(5)),
      ],
    });
    expect(changeFailureRate(input, { window })).toEqual({
      failed: 1,
      total: 4,
      rate: 0.25,
      level: 'insufficient-data',
    });
    expect(failures(input)).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'deployment-failed' }] },
    ]);
  });

  it('rates a large enough sample with the benchmark', () => {
    const deployments = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) =>
      deploy(String(d), jan(2, d), d === 10 ? { status: 'failure' } : {}),
    );
    const result = changeFailureRate(data({ deployments }), { window, benchmark: 'dora-2023' });
    expect(result).toEqual({ failed: 1, total: 10, rate: 0.1, level: 'high' }); // (5%, 10%]
  });
});

describe('changeFailureRate: incident', () => {
  const deployments = [
    deploy('1', jan(2)),
    deploy('2', jan(3), { service: 'web' }),
    deploy('3', jan(3, 6), { environment: 'staging' }),
  ];

  it('attributes by deploymentId, even to a deployment outside the attribution window', () => {
    const input = data({
      deployments,
      incidents: [incident('P1', jan(6), { deploymentId: 'acme/shop:run:1' })],
    });
    expect(failures(input)).toEqual([
      { deploymentId: 'acme/shop:run:1', reasons: [{ kind: 'incident', ref: 'pagerduty:P1' }] },
    ]);
  });

  it('attributes to none when deploymentId names a non-production or unknown deployment', () => {
    const input = data({
      deployments,
      incidents: [
        incident('P1', jan(3, 7), { deploymentId: 'acme/shop:run:3', resolvedAt: jan(3, 8) }),
        incident('P2', jan(3, 7), { deploymentId: 'acme/shop:run:404', resolvedAt: jan(3, 9) }),
      ],
    });
    const report = computeDora(input, { window });
    expect(report.audit.failures).toEqual([]);
    expect(report.changeFailureRate).toMatchObject({ failed: 0, total: 2, rate: 0 });
    expect(report.timeToRestore.count).toBe(2);
  });

  it('attributes to the latest successful deployment within attributionWindow', () => {
    const input = data({
      deployments: [...deployments, deploy('4', jan(3, 12), { status: 'failure' })],
      incidents: [incident('P1', jan(4))], // 24 h after run 2, exactly at the limit
    });
    expect(failures(input)).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'incident', ref: 'pagerduty:P1' }] },
      { deploymentId: 'acme/shop:run:4', reasons: [{ kind: 'deployment-failed' }] },
    ]);
  });

  it('attributes an incident far from any deployment to none; it still counts to restore', () => {
    const input = data({
      deployments,
      incidents: [incident('P1', jan(4, 0, 1), { resolvedAt: jan(4, 1, 1) })],
    });
    const report = computeDora(input, { window });
    expect(report.audit.failures).toEqual([]);
    expect(report.timeToRestore).toMatchObject({ count: 1, median: 3600 });
    // A wider window reaches run 2.
    expect(failures(input, { attributionWindow: 2 * 86_400 })).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'incident', ref: 'pagerduty:P1' }] },
    ]);
  });

  it('keeps to the same repository and service when both sides name one', () => {
    const input = data({
      deployments,
      incidents: [
        incident('P1', jan(3, 1), { service: 'api' }), // run 2 is web: falls back to run 1 (no service)
        incident('P2', jan(3, 1), { repository: 'acme/other' }), // no deployment of acme/other
        incident('P3', jan(3, 2), { service: 'web', repository: 'acme/shop' }),
      ],
    });
    expect(failures(input, { attributionWindow: 2 * 86_400 })).toEqual([
      { deploymentId: 'acme/shop:run:1', reasons: [{ kind: 'incident', ref: 'pagerduty:P1' }] },
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'incident', ref: 'pagerduty:P3' }] },
    ]);
  });
});

describe('changeFailureRate: rollback', () => {
  const v1v2v3v1 = data({
    deployments: [
      deploy('1', jan(2), { sha: 'v1' }),
      deploy('2', jan(3), { sha: 'v2' }),
      deploy('3', jan(4), { sha: 'v3' }),
      deploy('4', jan(5), { sha: 'v1' }),
    ],
  });

  it('marks V2 in V1→V2→V3→V1, not V3, and leaves the rollback out of total', () => {
    const report = computeDora(v1v2v3v1, { window });
    expect(report.audit.failures).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'rollback', ref: 'acme/shop:run:4' }] },
    ]);
    expect(report.changeFailureRate).toMatchObject({ failed: 1, total: 3 });
    expect(report.changeFailureRate.rate).toBeCloseTo(1 / 3, 15);
    expect(report.deploymentFrequency.deployments).toBe(4);
  });

  it('recovers V2 at the first later clean deployment, V3', () => {
    const report = computeDora(v1v2v3v1, { window });
    expect(report.recoveryTime).toMatchObject({ count: 1, median: 86_400, open: 0 });
  });

  it('does not read a redeploy of the same sha, or another repository, as a rollback', () => {
    const report = computeDora(
      data({
        deployments: [
          deploy('1', jan(2), { sha: 'v1' }),
          deploy('2', jan(3), { sha: 'v1' }),
          deploy('3', jan(4), { sha: 'v2', repository: 'acme/api' }),
          deploy('4', jan(5), { sha: 'v2' }),
          deploy('5', jan(6), { sha: 'v1', environment: 'staging' }),
        ],
      }),
      { window },
    );
    expect(report.audit.failures).toEqual([]);
    expect(report.changeFailureRate.total).toBe(4);
  });

  it('reads V1→V2→V1 as a rollback of V2', () => {
    const report = computeDora(
      data({
        deployments: [
          deploy('1', jan(2), { sha: 'v1' }),
          deploy('2', jan(3), { sha: 'v2' }),
          deploy('3', jan(3, 1), { sha: 'v1' }),
        ],
      }),
      { window },
    );
    expect(report.audit.failures).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'rollback', ref: 'acme/shop:run:3' }] },
    ]);
    expect(report.recoveryTime).toMatchObject({ count: 1, median: 3600 });
    expect(report.reworkRate).toEqual({ rework: 1, total: 3, rate: 1 / 3 });
  });
});

describe('changeFailureRate: reverted', () => {
  const deployments = [
    deploy('1', jan(2), { changeIds: ['acme/shop#1'] }),
    deploy('2', jan(3), { changeIds: ['acme/shop#2'] }),
    deploy('3', jan(4), { changeIds: ['acme/shop#3'] }),
  ];

  it('marks the deployment that shipped a change reverted by `reverts`', () => {
    const input = data({
      deployments,
      changes: [
        change(1, jan(1), { title: 'Add cart', mergedAt: jan(1, 1) }),
        change(2, jan(2), { title: 'Tune cache', mergedAt: jan(2, 1) }),
        change(3, jan(3), { title: 'Undo it', reverts: 'acme/shop#1', mergedAt: jan(3, 1) }),
      ],
    });
    expect(failures(input)).toEqual([
      { deploymentId: 'acme/shop:run:1', reasons: [{ kind: 'reverted', ref: 'acme/shop#3' }] },
    ]);
  });

  it('marks it for a title `Revert "<title>"`, choosing the latest change with that title', () => {
    const input = data({
      deployments,
      changes: [
        change(1, jan(1), { title: 'Add cart', mergedAt: jan(1, 1) }),
        change(2, jan(2), { title: 'Add cart', mergedAt: jan(2, 1) }),
        change(3, jan(3), { title: 'Revert "Add cart"', mergedAt: jan(3, 1) }),
      ],
    });
    expect(failures(input)).toEqual([
      { deploymentId: 'acme/shop:run:2', reasons: [{ kind: 'reverted', ref: 'acme/shop#3' }] },
    ]);
    expect(computeDora(input, { window }).reworkRate).toEqual({ rework: 1, total: 3, rate: 1 / 3 });
  });

  it('ignores a revert title that matches no change, and a title-only look-alike', () => {
    const input = data({
      deployments,
      changes: [
        change(1, jan(1), { title: 'Add cart' }),
        change(2, jan(2), { title: 'Revert "Remove cart"' }),
        change(3, jan(3), { title: 'Revert Add cart' }),
      ],
    });
    expect(failures(input)).toEqual([]);
  });
});

describe('changeFailureRate: hotfix-followup', () => {
  it('marks a deployment whose next successful deployment ships only hotfixes', () => {
    const input = data({
      deployments: [
        deploy('1', jan(2), { changeIds: ['acme/shop#1'] }),
        deploy('2', jan(2, 3), { changeIds: ['acme/shop#2'] }),
        deploy('3', jan(3), { changeIds: ['acme/shop#3', 'acme/shop#4'] }),
        deploy('4', jan(4), { changeIds: ['acme/shop#5'] }),
      ],
      changes: [
        change(1, jan(1)),
        change(2, jan(2), { labels: ['HotFix'] }),
        change(3, jan(2), { branch: 'hotfix/cart' }),
        change(4, jan(2)),
        change(5, jan(3), { branch: 'hotfix/tax' }),
      ],
    });
    // run 2 is a hotfix: run 1 carried the failure. run 3 mixes a feature in: not a hotfix.
    expect(failures(input)).toEqual([
      {
        deploymentId: 'acme/shop:run:1',
        reasons: [{ kind: 'hotfix-followup', ref: 'acme/shop:run:2' }],
      },
      {
        deploymentId: 'acme/shop:run:3',
        reasons: [{ kind: 'hotfix-followup', ref: 'acme/shop:run:4' }],
      },
    ]);
    expect(computeDora(input, { window }).reworkRate).toEqual({ rework: 2, total: 4, rate: 0.5 });
    expect(failures(input, { hotfixLabels: ['urgent'], hotfixBranchPrefixes: ['fix/'] })).toEqual(
      [],
    );
  });
});

describe('changeFailureRate: several reasons and modes', () => {
  it('records every reason of one deployment, sorted by kind, counted once', () => {
    const input = data({
      deployments: [
        deploy('1', jan(2), { sha: 'v1' }),
        deploy('2', jan(3), { sha: 'v2', changeIds: ['acme/shop#1'] }),
        deploy('3', jan(3, 2), { sha: 'v1', changeIds: ['acme/shop#2'] }),
      ],
      changes: [change(1, jan(2)), change(2, jan(3), { reverts: 'acme/shop#1' })],
      incidents: [incident('P2', jan(3, 1)), incident('P1', jan(3, 1, 30))],
    });
    const report = computeDora(input, { window });
    expect(report.audit.failures).toEqual([
      {
        deploymentId: 'acme/shop:run:2',
        reasons: [
          { kind: 'incident', ref: 'pagerduty:P1' },
          { kind: 'incident', ref: 'pagerduty:P2' },
          { kind: 'rollback', ref: 'acme/shop:run:3' },
          { kind: 'reverted', ref: 'acme/shop#2' },
        ],
      },
    ]);
    expect(report.changeFailureRate).toMatchObject({ failed: 1, total: 2, rate: 0.5 });
  });

  it('divides incidents created in window by successful deployments in incidents-per-deployment mode', () => {
    const input = data({
      deployments: [
        deploy('1', jan(2)),
        deploy('2', jan(3), { status: 'failure' }),
        deploy('3', jan(4)),
        deploy('4', jan(5)),
        deploy('5', jan(6)),
      ],
      incidents: [
        incident('P0', '2023-12-31T00:00:00Z', { resolvedAt: jan(2) }),
        incident('P1', jan(2, 1)),
        incident('P2', jan(3, 1)),
        incident('P3', jan(7, 23)),
        incident('P4', jan(8)),
      ],
    });
    expect(
      changeFailureRate(input, { window, changeFailureRateMode: 'incidents-per-deployment' }),
    ).toEqual({ failed: 3, total: 4, rate: 0.75, level: 'insufficient-data' });
  });

  it('is null, not zero, without deployments', () => {
    expect(changeFailureRate(data({}), { window })).toEqual({
      failed: 0,
      total: 0,
      rate: null,
      level: 'insufficient-data',
    });
  });
});
