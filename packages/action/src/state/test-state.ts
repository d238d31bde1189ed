import type { StoredState } from './types.js';

/** A small valid state for the state tests. */
export function sampleState(scope = 'scope-a'): StoredState {
  return {
    schemaVersion: 1,
    scope,
    savedAt: '2026-11-20T00:00:00.000Z',
    data: {
      deployments: [
        {
          id: 'acme/shop:run:1',
          environment: 'production',
          status: 'success',
          finishedAt: '2026-11-01T10:00:00.000Z',
          sha: 'a'.repeat(40),
          repository: 'acme/shop',
          changeIds: ['acme/shop#1'],
        },
        {
          id: 'acme/shop:run:2',
          environment: 'production',
          status: 'failure',
          finishedAt: '2026-11-10T10:00:00.000Z',
          repository: 'acme/shop',
        },
      ],
      changes: [
        {
          id: 'acme/shop#1',
          firstCommitAt: '2026-10-30T08:00:00.000Z',
          mergedAt: '2026-11-01T09:00:00.000Z',
          repository: 'acme/shop',
          labels: ['feature'],
        },
      ],
      incidents: [
        { id: 'pagerduty:Q1', createdAt: '2026-11-10T11:00:00.000Z', service: 'PSVC001' },
        {
          id: 'acme/shop:issue:4',
          createdAt: '2026-09-01T11:00:00.000Z',
          resolvedAt: '2026-09-01T12:00:00.000Z',
        },
      ],
    },
    collector: {
      version: 1,
      repos: { 'acme/shop': { pendingDeployments: [7], etags: { runs: 'W/"abc"' } } },
      pagerduty: { open: ['Q1'] },
    },
  };
}
