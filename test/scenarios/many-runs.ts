import type { Scenario, ScenarioFault, ScenarioWorkflowRun } from '../fakes/scenario.js';

export interface ManyRunsOptions {
  count: number;
  /** Time between two runs' creation. */
  everyMs: number;
  /** Id of the first run; the others follow. */
  firstId: number;
  /** Whether run `i` failed. */
  fails: (i: number) => boolean;
  /** The one commit every run deploys. */
  sha?: string;
  /** How long after its creation a run was last updated. */
  updatedAfterMs?: number;
  faults?: ScenarioFault[];
}

export const MANY_RUNS_START = Date.parse('2026-09-01T00:00:00Z');
export const MANY_RUNS_NOW = '2026-11-20T00:00:00Z';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * One repository, `acme/shop`, whose `deploy.yml` ran `count` times on main from 2026-09-01, one run
 * every `everyMs`: the world for the tests of the 1,000-result cap on filtered run listings.
 */
export function manyRunsScenario(options: ManyRunsOptions): Scenario {
  const sha = options.sha ?? 'a'.repeat(40);
  const updatedAfterMs = options.updatedAfterMs ?? 60_000;
  const runs: ScenarioWorkflowRun[] = Array.from({ length: options.count }, (_, i) => {
    const created = MANY_RUNS_START + i * options.everyMs;
    return {
      id: options.firstId + i,
      workflowId: 1001,
      runNumber: i + 1,
      runAttempt: 1,
      event: 'push',
      headBranch: 'main',
      headSha: sha,
      status: 'completed',
      conclusion: options.fails(i) ? 'failure' : 'success',
      createdAt: iso(created),
      runStartedAt: iso(created + 1000),
      updatedAt: iso(created + updatedAfterMs),
    };
  });
  return {
    now: MANY_RUNS_NOW,
    github: {
      repos: [
        {
          owner: 'acme',
          name: 'shop',
          defaultBranch: 'main',
          commits: [
            {
              sha,
              parents: [],
              branch: 'main',
              authoredAt: '2026-08-01T00:00:00Z',
              committedAt: '2026-08-01T00:00:00Z',
              author: 'alice',
              message: 'init',
            },
          ],
          workflows: [
            { id: 1001, name: 'Deploy', path: '.github/workflows/deploy.yml', state: 'active' },
          ],
          workflowRuns: runs,
        },
      ],
    },
    ...(options.faults === undefined || options.faults.length === 0
      ? {}
      : { faults: options.faults }),
  };
}
