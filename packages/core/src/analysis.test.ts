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
    expect(a.production.map((d) => d.id)).toEqual([
      'acme/shop:run:1',
      'acme/shop:run:2',
      'acme/shop:run:3',
    ]);
    expect(a.production.map((d) => d.pos)).toEqual([0, 1, 2]);
    // The normalised list keeps input order; the index still finds each record by id.
    expect(a.data.deployments.map((d) => d.id)).toEqual([
      'acme/shop:run:3',
      'acme/shop:run:1',
      'acme/shop:run:2',
    ]);
    expect(a.data.deploymentById.get('acme/shop:run:1')?.pos).toBe(0);
    expect(a.data.changeById.get('acme/shop#1')?.ship?.id).toBe('acme/shop:run:1');
    expect(a.data.changeById.get('acme/shop#2')?.ship?.id).toBe('acme/shop:run:3');
    expect(a.failures.map((d) => [d.id, d.reasons.map((r) => r.kind)])).toEqual([
      ['acme/shop:run:1', ['incident']],
      ['acme/shop:run:2', ['deployment-failed']],
    ]);
  });
});
