import type { Scenario, ScenarioCommit } from '../fakes/scenario.js';

/** Shas that read as their role: `sha('a')` = 'aaaa…' (40 hex). */
export const sha = (c: string) => c.repeat(40).slice(0, 40);

function commit(
  s: string,
  parents: string[],
  branch: string,
  at: string,
  message: string,
  authoredAt = at,
): ScenarioCommit {
  return { sha: s, parents, branch, authoredAt, committedAt: at, author: 'alice', message };
}

/**
 * A small hand-built world with known answers:
 *
 *   main:  A(11-01) - C(11-03, squash #2) - M(11-05, merge #3 of side commits D, E) - F(11-06)
 *   feature/b: B(11-02) (squashed into C)
 *   feature/d: D(11-04 10:00) - E(11-04 12:00)
 *   open PR #4 on feature/open: O(11-07)
 *
 * 2,500 deploy runs (ids 1..2500, one every hour from 2026-08-01) let the 1,000 cap show.
 */
export function tinyScenario(): Scenario {
  const A = sha('a');
  const B = sha('b');
  const C = sha('c');
  const D = sha('d');
  const E = sha('e');
  const M = sha('1');
  const F = sha('f');
  const O = sha('0');
  const runs = Array.from({ length: 2500 }, (_, i) => {
    const created = new Date(Date.parse('2026-08-01T00:00:00Z') + i * 3_600_000);
    const finished = new Date(created.getTime() + 600_000);
    return {
      id: i + 1,
      workflowId: 1001,
      runNumber: i + 1,
      runAttempt: 1,
      event: i % 10 === 0 ? 'workflow_dispatch' : 'push',
      headBranch: 'main',
      headSha: A,
      status: 'completed' as const,
      conclusion: i % 5 === 0 ? 'failure' : 'success',
      createdAt: created.toISOString(),
      runStartedAt: created.toISOString(),
      updatedAt: finished.toISOString(),
      jobs: [
        {
          id: 100_000 + i,
          name: 'deploy-prod',
          conclusion: i % 5 === 0 ? 'failure' : 'success',
          startedAt: created.toISOString(),
          completedAt: finished.toISOString(),
          environment: 'production',
        },
      ],
    };
  });
  return {
    now: '2026-11-20T00:00:00Z',
    github: {
      repos: [
        {
          owner: 'acme',
          name: 'shop',
          defaultBranch: 'main',
          commits: [
            commit(A, [], 'main', '2026-07-01T00:00:00Z', 'Initial commit'),
            commit(B, [A], 'feature/b', '2026-11-02T00:00:00Z', 'Add b'),
            commit(C, [A], 'main', '2026-11-03T00:00:00Z', 'Add b (#2)'),
            commit(D, [C], 'feature/d', '2026-11-04T10:00:00Z', 'Start d', '2026-11-04T12:30:00Z'),
            commit(E, [D], 'feature/d', '2026-11-04T12:00:00Z', 'Finish d'),
            commit(M, [C, E], 'main', '2026-11-05T00:00:00Z', 'Merge pull request #3'),
            commit(F, [M], 'main', '2026-11-06T00:00:00Z', 'Bump version'),
            commit(O, [F], 'feature/open', '2026-11-07T00:00:00Z', 'WIP'),
          ],
          pullRequests: [
            {
              number: 2,
              title: 'Add b',
              author: 'bob',
              labels: ['feature'],
              baseRef: 'main',
              headRef: 'feature/b',
              createdAt: '2026-11-02T01:00:00Z',
              firstReviewAt: '2026-11-02T05:00:00Z',
              mergedAt: '2026-11-03T00:00:00Z',
              closedAt: '2026-11-03T00:00:00Z',
              state: 'merged',
              mergeMethod: 'squash',
              mergeCommitSha: C,
              commits: [B],
            },
            {
              number: 3,
              title: 'Add d',
              body: 'Two commits, authored out of order.',
              author: 'carol',
              labels: ['feature', 'hotfix'],
              baseRef: 'main',
              headRef: 'feature/d',
              createdAt: '2026-11-04T13:00:00Z',
              mergedAt: '2026-11-05T00:00:00Z',
              closedAt: '2026-11-05T00:00:00Z',
              state: 'merged',
              mergeMethod: 'merge',
              mergeCommitSha: M,
              commits: [D, E],
            },
            {
              number: 4,
              title: 'Work in progress',
              author: 'dave',
              baseRef: 'main',
              headRef: 'feature/open',
              createdAt: '2026-11-07T01:00:00Z',
              state: 'open',
              commits: [O],
            },
            {
              number: 9,
              title: 'Created after now',
              author: 'dave',
              baseRef: 'main',
              headRef: 'feature/open',
              createdAt: '2026-11-21T01:00:00Z',
              state: 'open',
              commits: [O],
            },
          ],
          workflows: [
            { id: 1001, name: 'Deploy', path: '.github/workflows/deploy.yml', state: 'active' },
            { id: 1002, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
          ],
          workflowRuns: runs,
          deployments: [
            {
              id: 7001,
              sha: C,
              ref: 'main',
              environment: 'production',
              task: 'deploy',
              createdAt: '2026-11-03T01:00:00Z',
              creator: 'github-actions[bot]',
              statuses: [
                { id: 1, state: 'in_progress', createdAt: '2026-11-03T01:00:05Z' },
                { id: 2, state: 'success', createdAt: '2026-11-03T01:05:00Z' },
                { id: 5, state: 'inactive', createdAt: '2026-11-05T01:05:00Z' },
              ],
            },
            {
              id: 7002,
              sha: M,
              ref: 'main',
              environment: 'production',
              createdAt: '2026-11-05T01:00:00Z',
              statuses: [
                { id: 3, state: 'in_progress', createdAt: '2026-11-05T01:00:05Z' },
                { id: 4, state: 'success', createdAt: '2026-11-05T01:05:00Z' },
              ],
            },
            {
              id: 7003,
              sha: M,
              ref: 'main',
              environment: 'staging',
              createdAt: '2026-11-05T00:30:00Z',
              statuses: [{ id: 6, state: 'success', createdAt: '2026-11-05T00:35:00Z' }],
            },
          ],
          releases: [
            {
              id: 9001,
              tagName: 'v1.0.0',
              targetSha: C,
              name: 'v1.0.0',
              publishedAt: '2026-11-03T02:00:00Z',
            },
            {
              id: 9002,
              tagName: 'v1.1.0',
              targetSha: M,
              name: 'v1.1.0',
              publishedAt: '2026-11-05T02:00:00Z',
            },
          ],
          issues: [
            {
              number: 40,
              title: 'Checkout down',
              labels: ['incident', 'sev1'],
              state: 'closed',
              createdAt: '2026-11-05T03:00:00Z',
              closedAt: '2026-11-05T04:00:00Z',
            },
            {
              number: 41,
              title: 'Typo',
              labels: ['bug'],
              state: 'open',
              createdAt: '2026-11-06T03:00:00Z',
            },
            {
              number: 42,
              title: 'Search slow',
              labels: ['incident'],
              state: 'open',
              createdAt: '2026-11-08T03:00:00Z',
            },
          ],
        },
      ],
    },
    pagerduty: {
      services: [
        { id: 'PSVC001', name: 'shop-api' },
        { id: 'PSVC002', name: 'search' },
      ],
      incidents: [
        {
          id: 'Q0OLD',
          incidentNumber: 1,
          title: 'Old outage',
          serviceId: 'PSVC001',
          status: 'resolved',
          urgency: 'high',
          priority: 'P1',
          createdAt: '2026-03-01T00:00:00Z',
          resolvedAt: '2026-03-01T02:00:00Z',
        },
        {
          id: 'Q1ABC',
          incidentNumber: 101,
          title: '5xx on checkout',
          serviceId: 'PSVC001',
          status: 'resolved',
          urgency: 'high',
          priority: 'P1',
          createdAt: '2026-11-05T03:00:00Z',
          resolvedAt: '2026-11-05T04:30:00Z',
        },
        {
          id: 'Q2DEF',
          incidentNumber: 102,
          title: 'Search latency',
          serviceId: 'PSVC002',
          status: 'triggered',
          urgency: 'low',
          createdAt: '2026-11-10T00:00:00Z',
        },
        {
          id: 'Q3LATE',
          incidentNumber: 103,
          title: 'Resolved after now',
          serviceId: 'PSVC001',
          status: 'resolved',
          createdAt: '2026-11-19T23:00:00Z',
          resolvedAt: '2026-11-20T01:00:00Z',
        },
      ],
    },
  };
}
