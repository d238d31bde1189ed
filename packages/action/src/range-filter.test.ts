import { describe, expect, it } from 'vitest';
import { eventsSince } from './range-filter.js';

describe('eventsSince', () => {
  it('keeps what a full collection from `since` holds', () => {
    const data = eventsSince(
      {
        deployments: [
          {
            id: 'd1',
            environment: 'production',
            status: 'success',
            finishedAt: '2026-11-04T23:59:59Z',
          },
          {
            id: 'd2',
            environment: 'production',
            status: 'success',
            finishedAt: '2026-11-05T00:00:00Z',
            changeIds: ['c1', 'c2'],
          },
        ],
        changes: [
          { id: 'c1', firstCommitAt: '2026-11-01T00:00:00Z', mergedAt: '2026-11-04T10:00:00Z' },
          { id: 'c2', firstCommitAt: '2026-11-01T00:00:00Z', mergedAt: '2026-11-05T10:00:00Z' },
        ],
        incidents: [
          { id: 'i1', createdAt: '2026-11-01T00:00:00Z', resolvedAt: '2026-11-04T00:00:00Z' },
          { id: 'i2', createdAt: '2026-11-01T00:00:00Z', resolvedAt: '2026-11-06T00:00:00Z' },
          { id: 'i3', createdAt: '2026-10-01T00:00:00Z' },
        ],
      },
      new Date('2026-11-05T00:00:00Z'),
    );
    expect(data).toEqual({
      deployments: [
        {
          id: 'd2',
          environment: 'production',
          status: 'success',
          finishedAt: '2026-11-05T00:00:00Z',
          changeIds: ['c2'],
        },
      ],
      changes: [
        { id: 'c2', firstCommitAt: '2026-11-01T00:00:00Z', mergedAt: '2026-11-05T10:00:00Z' },
      ],
      incidents: [
        { id: 'i2', createdAt: '2026-11-01T00:00:00Z', resolvedAt: '2026-11-06T00:00:00Z' },
        { id: 'i3', createdAt: '2026-10-01T00:00:00Z' },
      ],
    });
  });
});
