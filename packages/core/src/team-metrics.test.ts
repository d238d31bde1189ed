import { describe, expect, it } from 'vitest';
import { DoraInputError } from './errors.js';
import { teamMetrics } from './team-metrics.js';
import { change, DAY, data, deploy, HOUR, jan } from './test-builders.js';
import type { TeamMembership } from './types.js';

const memberships: TeamMembership[] = [
  { team: 'web', member: 'ana', joinedAt: '2023-01-01T00:00:00Z' },
  { team: 'web', member: 'bo', joinedAt: '2023-01-01T00:00:00Z', leftAt: jan(10) },
  { team: 'api', member: 'bo', joinedAt: jan(10), weight: 0.5 },
  { team: 'platform', member: 'bo', joinedAt: jan(10), weight: 0.5 },
  { team: 'infra', member: 'cy', joinedAt: jan(20) },
];

const input = data({
  deployments: [
    deploy('1', jan(4), { changeIds: ['acme/shop#1', 'acme/shop#2'] }),
    deploy('2', jan(12), { changeIds: ['acme/shop#3', 'acme/shop#4'] }),
  ],
  changes: [
    change(1, jan(2), { author: 'ana', mergedAt: jan(3) }), // web; cycle 1 d, lead 2 d
    change(2, jan(1), { author: 'bo', mergedAt: jan(3) }), // web (bo still in web); cycle 2 d, lead 3 d
    change(3, jan(10), { author: 'bo', mergedAt: jan(11) }), // api + platform at 0.5; cycle 1 d, lead 2 d
    change(4, jan(9), { author: 'cy', mergedAt: jan(9, 12) }), // cy joins infra later: unassigned
    change(5, jan(10), { mergedAt: jan(10, 6) }), // no author: unassigned, not shipped
  ],
});

describe('teamMetrics', () => {
  const result = teamMetrics(input, memberships, { window: { from: jan(1), to: jan(15) } });

  it('lists every team by name, then (unassigned)', () => {
    expect(result.map((t) => t.team)).toEqual(['api', 'infra', 'platform', 'web', '(unassigned)']);
  });

  it('counts changes by membership at merge time, with weights', () => {
    expect(result.map((t) => t.changes)).toEqual([0.5, 0, 0.5, 2, 2]);
  });

  it('keeps lead-time samples unweighted', () => {
    const web = result.find((t) => t.team === 'web');
    expect(web?.leadTime).toMatchObject({ count: 2, min: 2 * DAY, max: 3 * DAY });
    expect(result.find((t) => t.team === 'api')?.leadTime).toMatchObject({
      count: 1,
      median: 2 * DAY,
    });
    // #4: run 2 (jan 12) − first commit (jan 9) = 3 d; #5 never shipped
    expect(result.find((t) => t.team === '(unassigned)')?.leadTime).toMatchObject({
      count: 1,
      median: 3 * DAY,
    });
  });

  it('gives weighted velocity per bucket', () => {
    const web = result.find((t) => t.team === 'web');
    expect(web?.velocity).toEqual([
      { start: '2024-01-01T00:00:00.000Z', merged: 2, avgCycleTimeSeconds: 1.5 * DAY },
      { start: '2024-01-08T00:00:00.000Z', merged: 0, avgCycleTimeSeconds: null },
    ]);
    const unassigned = result.find((t) => t.team === '(unassigned)');
    // #4 cycle 12 h, #5 cycle 6 h
    expect(unassigned?.velocity[1]).toEqual({
      start: '2024-01-08T00:00:00.000Z',
      merged: 2,
      avgCycleTimeSeconds: 9 * HOUR,
    });
    expect(result.find((t) => t.team === 'api')?.velocity[1]).toEqual({
      start: '2024-01-08T00:00:00.000Z',
      merged: 0.5,
      avgCycleTimeSeconds: DAY,
    });
  });

  it('names a bad membership record and field', () => {
    const bad = [...memberships, { team: 'ops', member: 'di', joinedAt: '2024-01-01' }];
    const call = () => teamMetrics(input, bad, { window: { from: jan(1), to: jan(15) } });
    expect(call).toThrowError(DoraInputError);
    expect(call).toThrowError(/^memberships\[5\]\.joinedAt: /);
  });
});
