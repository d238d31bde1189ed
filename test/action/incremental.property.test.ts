import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoraData } from '@dora/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collect,
  createGitHubClient,
  createPagerDutyClient,
} from '../../packages/action/src/collectors/index.js';
import { type ActionInputs, parseInputs } from '../../packages/action/src/inputs.js';
import { type Log, runPipeline } from '../../packages/action/src/pipeline.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { createFileStore } from '../../packages/action/src/state/file-store.js';
import { startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import { generateScenario } from '../scenarios/generate.js';

const HOUR = 3_600_000;
const quietLog: Log = { info: () => {}, notice: () => {}, warning: () => {} };

type Source = 'workflow-runs' | 'deployments' | 'merges' | 'releases';

function inputsFor(
  scenario: Scenario,
  stateDir: string,
  source: Source,
  pagerdutyUrl: string,
  services: Record<string, string[]>,
): ActionInputs {
  const repositories = scenario.github.repos.map((r) => `${r.owner}/${r.name}`).join(',');
  const values: Record<string, string> = {
    'github-token': 'property-token',
    repositories,
    'deployment-source': source,
    'deploy-workflows': 'deploy.yml',
    window: 'last-7-days',
    'state-backend': 'file',
    'state-path': stateDir,
    lookback: '3d',
    'pagerduty-token': 'property-pd-token',
    'pagerduty-api-url': pagerdutyUrl,
    'pagerduty-service-repositories': Object.entries(services)
      .flatMap(([service, repos]) => repos.map((repo) => `${service}=${repo}`))
      .join(','),
  };
  if (Object.keys(services).length === 0) delete values['pagerduty-token'];
  const parsed = parseInputs((name) => values[name] ?? '');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.inputs;
}

/** One run of the pipeline against the world as it was at `now` (nothing later exists). */
async function runAt(
  scenario: Scenario,
  now: Date,
  stateDir: string,
  source: Source,
  services: Record<string, string[]>,
): Promise<RunResult> {
  const replay = await startReplayServer({ scenario: { ...scenario, now: now.toISOString() } });
  try {
    const inputs = inputsFor(scenario, stateDir, source, replay.pagerdutyApiUrl, services);
    return await runPipeline(
      { ...inputs, githubApiUrl: replay.githubApiUrl, githubGraphqlUrl: replay.githubGraphqlUrl },
      {
        now,
        collect,
        github: createGitHubClient({
          token: inputs.githubToken,
          apiUrl: replay.githubApiUrl,
          graphqlUrl: replay.githubGraphqlUrl,
        }),
        ...(inputs.pagerduty
          ? {
              pagerduty: createPagerDutyClient({
                token: inputs.pagerduty.token,
                apiUrl: inputs.pagerduty.apiUrl,
              }),
            }
          : {}),
        openStore: (scope) => createFileStore(stateDir, scope),
        persist: { allowed: true },
        log: quietLog,
      },
    );
  } finally {
    await replay.close();
  }
}

function byId<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.id.localeCompare(b.id));
}

function sorted(data: DoraData): DoraData {
  return {
    deployments: byId(data.deployments).map((d) =>
      d.changeIds ? { ...d, changeIds: [...d.changeIds].sort() } : d,
    ),
    changes: byId(data.changes),
    incidents: byId(data.incidents),
  };
}

describe('incremental collection', () => {
  it('gives the same report and events as one full run, wherever the earlier run stopped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10 * 24 }),
        fc.constantFrom<Source>('workflow-runs', 'deployments', 'merges', 'releases'),
        fc.constantFrom<'quiet' | 'multi-repo'>('quiet', 'quiet', 'multi-repo'),
        async (seed, hoursBack, source, preset) => {
          const { scenario, truth } = generateScenario({ preset, seed });
          const services = truth.serviceRepositories;
          const now = new Date(scenario.now);
          const split = new Date(now.getTime() - hoursBack * HOUR);
          const incrementalDir = await mkdtemp(join(tmpdir(), 'dora-prop-inc-'));
          const fullDir = await mkdtemp(join(tmpdir(), 'dora-prop-full-'));
          try {
            await runAt(scenario, split, incrementalDir, source, services);
            const incremental = await runAt(scenario, now, incrementalDir, source, services);
            const full = await runAt(scenario, now, fullDir, source, services);
            expect(incremental.info.state.restored).toBe(true);
            expect(full.info.state.restored).toBe(false);
            expect(incremental.report).toEqual(full.report);
            expect(sorted(incremental.data)).toEqual(sorted(full.data));
          } finally {
            await rm(incrementalDir, { recursive: true, force: true });
            await rm(fullDir, { recursive: true, force: true });
          }
        },
      ),
      // A fixed seed keeps CI deterministic. Explored further by hand: 60 runs at seeds 20261121 and 777
      // and 200 runs at seed 4242 (all four sources) found nothing beyond the case below.
      { numRuns: 16, seed: 42 },
    );
  }, 600_000);

  // Found by this property (seed 377265930): in the quiet world of seed 105229 with GitHub Deployments
  // as the source, deployment 2000000004 started 5 minutes before the full run's collection range and
  // finished inside it. A full run read lists from `since` only and lost it; an earlier warm run had it.
  it('a deployment started before the collection range and finished inside it is kept by a full run', async () => {
    const { scenario, truth } = generateScenario({ preset: 'quiet', seed: 105229 });
    const now = new Date(scenario.now);
    const incrementalDir = await mkdtemp(join(tmpdir(), 'dora-prop-inc-'));
    const fullDir = await mkdtemp(join(tmpdir(), 'dora-prop-full-'));
    try {
      const services = truth.serviceRepositories;
      await runAt(
        scenario,
        new Date(now.getTime() - HOUR),
        incrementalDir,
        'deployments',
        services,
      );
      const incremental = await runAt(scenario, now, incrementalDir, 'deployments', services);
      const full = await runAt(scenario, now, fullDir, 'deployments', services);
      expect(full.data.deployments.map((d) => d.id)).toContain('acme/shop:deployment:2000000004');
      expect(sorted(incremental.data)).toEqual(sorted(full.data));
    } finally {
      await rm(incrementalDir, { recursive: true, force: true });
      await rm(fullDir, { recursive: true, force: true });
    }
  });
});
