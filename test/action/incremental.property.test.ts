import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoraData } from '@dora/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, createGitHubClient } from '../../packages/action/src/collectors/index.js';
import { type ActionInputs, parseInputs } from '../../packages/action/src/inputs.js';
import { type Log, runPipeline } from '../../packages/action/src/pipeline.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { createFileStore } from '../../packages/action/src/state/file-store.js';
import { startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import { generateScenario } from '../scenarios/generate.js';

const HOUR = 3_600_000;
const quietLog: Log = { info: () => {}, notice: () => {}, warning: () => {} };

function inputsFor(scenario: Scenario, stateDir: string): ActionInputs {
  const repositories = scenario.github.repos.map((r) => `${r.owner}/${r.name}`).join(',');
  const values: Record<string, string> = {
    'github-token': 'property-token',
    repositories,
    'deployment-source': 'workflow-runs',
    'deploy-workflows': 'deploy.yml',
    window: 'last-7-days',
    'state-backend': 'file',
    'state-path': stateDir,
    lookback: '3d',
  };
  const parsed = parseInputs((name) => values[name] ?? '');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.inputs;
}

/** One run of the pipeline against the world as it was at `now` (nothing later exists). */
async function runAt(scenario: Scenario, now: Date, stateDir: string): Promise<RunResult> {
  const replay = await startReplayServer({ scenario: { ...scenario, now: now.toISOString() } });
  try {
    const inputs = inputsFor(scenario, stateDir);
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

const ms = (instant: string | number | Date | undefined) =>
  instant === undefined ? Number.POSITIVE_INFINITY : new Date(instant).getTime();

/**
 * The events of the full run's range, in a stable order: an incremental run also keeps what earlier
 * runs collected before that range, which the full run never reads.
 */
function sorted(data: DoraData, from: number): DoraData {
  return {
    deployments: byId(data.deployments.filter((d) => ms(d.finishedAt) >= from)).map((d) => ({
      ...d,
      ...(d.changeIds ? { changeIds: [...d.changeIds].sort() } : {}),
    })),
    changes: byId(data.changes.filter((c) => ms(c.mergedAt) >= from)),
    incidents: byId(data.incidents.filter((i) => ms(i.resolvedAt) >= from)),
  };
}

describe('incremental collection', () => {
  it('gives the same report and events as one full run, wherever the earlier run stopped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10 * 24 }),
        async (seed, hoursBack) => {
          const { scenario } = generateScenario({ preset: 'quiet', seed });
          const now = new Date(scenario.now);
          const split = new Date(now.getTime() - hoursBack * HOUR);
          const incrementalDir = await mkdtemp(join(tmpdir(), 'dora-prop-inc-'));
          const fullDir = await mkdtemp(join(tmpdir(), 'dora-prop-full-'));
          try {
            await runAt(scenario, split, incrementalDir);
            const incremental = await runAt(scenario, now, incrementalDir);
            const full = await runAt(scenario, now, fullDir);
            expect(incremental.info.state.restored).toBe(true);
            expect(full.info.state.restored).toBe(false);
            expect(incremental.report).toEqual(full.report);
            const from = Date.parse(full.info.collected.from);
            expect(sorted(incremental.data, from)).toEqual(sorted(full.data, from));
          } finally {
            await rm(incrementalDir, { recursive: true, force: true });
            await rm(fullDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 600_000);
});
