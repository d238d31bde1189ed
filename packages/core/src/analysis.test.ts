import { describe, expect, it } from 'vitest';
import { analyse } from './analysis.js';
import { change, data, deploy, incident, jan, WEEK1 } from './test-builders.js';

describe('analyse', () => {
  it('sorts deployments given out of order without disturbing the look-ups by id', () => {
    const input = data({
      deployments: [
        deploy('3', jan(4), { changeIds: ['acme/shop#2'] }),
        deploy('1', jan(2), { changeIds: ['acme/shop#1'] }),
        deploy('2', jan(3), { status: 'failure' }),
      ],
      changes: [change(1, jan(1)), change(2, jan(3))],
      incidents: [incident('P1', jan(4, 1), { deploymentId: 'acme/shop:run:1' })],
    });
    const a = analyse(input, { window: WEEK1 });
    const { production } = a;
    expect(production.id).toEqual(['acme/shop:run:1', 'acme/shop:run:2', 'acme/shop:run:3']);
    expect(production.t).toEqual([jan(2), jan(3), jan(4)].map((t) => Date.parse(t)));
    // The incident finds its deployment at its sorted position, and each change its shipper.
    const { incidents, changeById } = a.data;
    expect(incidents.deploymentPosition).toEqual([0]);
    const shipper = (id: string) => production.id[a.links.ship[changeById.get(id)] as number];
    expect(shipper('acme/shop#1')).toBe('acme/shop:run:1');
    expect(shipper('acme/shop#2')).toBe('acme/shop:run:3');
    expect(
      [...a.failures].map((p) => [production.id[p], a.reasons.get(p).map((r) => r.kind)]),
    ).toEqual([
      ['acme/shop:run:1', ['incident']],
      ['acme/shop:run:2', ['deployment-failed']],
    ]);
  });
});
