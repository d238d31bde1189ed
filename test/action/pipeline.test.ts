import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoraData } from '@dora/core';
import { describe, expect, it } from 'vitest';
import {
  type CollectOptions,
  CollectorError,
  type CollectorState,
  createGitHubClient,
  RateLimitedError,
} from '../../packages/action/src/collectors/index.js';
import { type ActionInputs, parseInputs } from '../../packages/action/src/inputs.js';
import { buildOutputs } from '../../packages/action/src/outputs.js';
import { type CollectFn, type Log, runPipeline } from '../../packages/action/src/pipeline.js';
import { createFileStore } from '../../packages/action/src/state/file-store.js';

const NOW = new Date('2026-11-08T00:00:00Z');

function inputs(extra: Record<string, string> = {}): ActionInputs {
  const values: Record<string, string> = {
    'github-token': 't',
    repositories: 'acme/shop',
    window: '2026-11-01..2026-11-08',
    ...extra,
  };
  const parsed = parseInputs((name) => values[name] ?? '');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.inputs;
}

const deploy = (id: number, day: number, status: 'success' | 'failure' = 'success') => ({
  id: `acme/shop:run:${id}`,
  environment: 'production',
  status,
  finishedAt: `2026-11-0${day}T12:00:00.000Z`,
  repository: 'acme/shop',
});

const WORLD: DoraData = {
  deployments: [deploy(1, 2), deploy(2, 3, 'failure'), deploy(3, 4), deploy(4, 6)],
  changes: [],
  incidents: [],
};

interface Call {
  options: CollectOptions;
  previous: { data: DoraData; state: CollectorState } | undefined;
}

/** Stands in for the collectors: returns the world and records what the pipeline asked. */
function recordingCollect(calls: Call[], data: DoraData = WORLD): CollectFn {
  return async (options, previous) => {
    calls.push({ options, previous });
    return {
      data,
      state: { version: 1, repos: { 'acme/shop': { pendingDeployments: [], etags: {} } } },
      sources: {
        deployments: { 'acme/shop': 'workflow-runs' },
        changes: 'github-pull-requests',
        incidents: [],
      },
      baselines: [],
      api: {
        github: 7,
        notModified: 2,
        pagerduty: 0,
        githubRemaining: 4990,
        graphqlRemaining: null,
      },
      warnings: [],
    };
  };
}

function silentLog(lines: string[]): Log {
  return {
    info: (m) => lines.push(`info: ${m}`),
    notice: (m) => lines.push(`notice: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
  };
}

const github = createGitHubClient({
  token: 't',
  apiUrl: 'http://127.0.0.1:9/github',
  graphqlUrl: 'http://127.0.0.1:9/github/graphql',
  fetch: async () => {
    throw new Error('the pipeline must not call GitHub itself');
  },
});

async function stateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dora-pipeline-'));
}

describe('runPipeline', () => {
  it('collects the report window, the previous one and the attribution window, then saves state', async () => {
    const dir = await stateDir();
    const calls: Call[] = [];
    const log: string[] = [];
    const result = await runPipeline(inputs(), {
      now: NOW,
      collect: recordingCollect(calls),
      github,
      openStore: (scope) => createFileStore(dir, scope),
      persist: { allowed: true },
      log: silentLog(log),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.previous).toBeUndefined();
    expect(calls[0]?.options.since.toISOString()).toBe('2026-10-24T00:00:00.000Z');
    expect(calls[0]?.options.until.toISOString()).toBe('2026-11-08T00:00:00.000Z');
    expect(result.report.deploymentFrequency.deployments).toBe(3);
    expect(result.report.changeFailureRate).toMatchObject({ failed: 1, total: 4, rate: 0.25 });
    expect(result.info.state).toEqual({
      backend: 'file',
      restored: false,
      saved: true,
      message: `not restored: no saved state at ${join(dir, 'state.json')}`,
    });
    expect(log).toContain(`notice: Full collection: no saved state at ${join(dir, 'state.json')}.`);
    expect(result.info.collected).toEqual({
      from: '2026-10-24T00:00:00.000Z',
      to: '2026-11-08T00:00:00.000Z',
    });
    expect(result.info.events).toEqual({ deployments: 4, changes: 0, incidents: 0 });
    expect(buildOutputs(result, 'dora-report.json')).toMatchObject({
      deployments: '3',
      'deployments-per-week': '3',
      'change-failure-rate': '0.25',
      'lead-time-median-seconds': '',
      'time-to-restore-median-seconds': '',
      'api-requests': '7',
      'report-path': 'dora-report.json',
    });
  });

  it('hands the saved events and cursors to the next run', async () => {
    const dir = await stateDir();
    const deps = (calls: Call[]) => ({
      now: NOW,
      collect: recordingCollect(calls),
      github,
      openStore: (scope: string) => createFileStore(dir, scope),
      persist: { allowed: true } as const,
      log: silentLog([]),
    });
    await runPipeline(inputs(), deps([]));
    const calls: Call[] = [];
    const warm = await runPipeline(inputs(), deps(calls));
    expect(calls[0]?.previous?.data).toEqual(WORLD);
    expect(calls[0]?.previous?.state).toEqual({
      version: 1,
      repos: { 'acme/shop': { pendingDeployments: [], etags: {} } },
    });
    expect(warm.info.state).toEqual({ backend: 'file', restored: true, saved: true });
  });

  it('starts afresh when the settings changed (another scope)', async () => {
    const dir = await stateDir();
    const base = {
      now: NOW,
      github,
      openStore: (scope: string) => createFileStore(dir, scope),
      persist: { allowed: true } as const,
      log: silentLog([]),
    };
    await runPipeline(inputs(), { ...base, collect: recordingCollect([]) });
    const calls: Call[] = [];
    await runPipeline(inputs({ environment: 'prod' }), {
      ...base,
      collect: recordingCollect(calls),
    });
    expect(calls[0]?.previous).toBeUndefined();
  });

  it('does not save from an untrusted run, and says why', async () => {
    const dir = await stateDir();
    const log: string[] = [];
    const result = await runPipeline(inputs(), {
      now: NOW,
      collect: recordingCollect([]),
      github,
      openStore: (scope) => createFileStore(dir, scope),
      persist: { allowed: false, reason: 'state is never saved from pull_request runs' },
      log: silentLog(log),
    });
    expect(result.info.state.saved).toBe(false);
    expect(result.info.state.message).toContain(
      'not saved: state is never saved from pull_request runs',
    );
    expect(await createFileStore(dir, 'x').restore()).toHaveProperty('reason', 'missing');
  });

  it('reports partially from the saved events when a rate limit stops the collection', async () => {
    const dir = await stateDir();
    const base = {
      now: NOW,
      github,
      openStore: (scope: string) => createFileStore(dir, scope),
      persist: { allowed: true } as const,
    };
    await runPipeline(inputs(), { ...base, collect: recordingCollect([]), log: silentLog([]) });
    const log: string[] = [];
    const result = await runPipeline(inputs(), {
      ...base,
      log: silentLog(log),
      collect: async () => {
        throw new RateLimitedError(
          'github',
          'GitHub rate limit: waiting would exceed max-wait',
          new Date('2026-11-08T01:00:00Z'),
        );
      },
    });
    expect(result.info.partial).toEqual({
      reason: 'GitHub rate limit: waiting would exceed max-wait',
    });
    expect(result.report.deploymentFrequency.deployments).toBe(3);
    expect(result.info.state.saved).toBe(true);
    expect(log).toContain(
      'warning: Partial report: GitHub rate limit: waiting would exceed max-wait',
    );
  });
});

describe('runPipeline and a PagerDuty outage', () => {
  it('warns and collects again without PagerDuty instead of failing', async () => {
    const dir = await stateDir();
    const log: string[] = [];
    const withClient: boolean[] = [];
    const pagerduty = { get: async () => ({}) as never, requests: () => 3 };
    const result = await runPipeline(inputs(), {
      now: NOW,
      github,
      pagerduty,
      collect: async (options, previous, deps) => {
        withClient.push(deps.pagerduty !== undefined);
        if (deps.pagerduty)
          throw new CollectorError('pagerduty', 'PagerDuty answered 503', { status: 503 });
        return recordingCollect([])(options, previous, deps);
      },
      openStore: (scope) => createFileStore(dir, scope),
      persist: { allowed: true },
      log: silentLog(log),
    });
    expect(withClient).toEqual([true, false]);
    expect(log).toContain(
      'warning: PagerDuty could not be read (PagerDuty answered 503): its incidents are those of the last run.',
    );
    expect(result.info.warnings).toEqual(['PagerDuty could not be read: PagerDuty answered 503']);
    expect(result.info.api.pagerduty).toBe(3);
    expect(result.report.deploymentFrequency.deployments).toBe(3);
  });

  it('still fails on a GitHub error', async () => {
    const dir = await stateDir();
    await expect(
      runPipeline(inputs(), {
        now: NOW,
        github,
        collect: async () => {
          throw new CollectorError('github', 'GitHub answered 500', { status: 500 });
        },
        openStore: (scope) => createFileStore(dir, scope),
        persist: { allowed: true },
        log: silentLog([]),
      }),
    ).rejects.toThrow('GitHub answered 500');
  });
});
