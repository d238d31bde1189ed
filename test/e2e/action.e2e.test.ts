import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeDora, type DoraData } from '@dora/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInputs } from '../../packages/action/src/inputs.js';
import { buildOutputs } from '../../packages/action/src/outputs.js';
import { doraOptions } from '../../packages/action/src/pipeline.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { type ReplayHandle, startReplayServer } from '../fakes/replay-server.js';
import { loadScenario, type Scenario } from '../fakes/scenario.js';
import { deriveTruth, type GroundTruth } from '../scenarios/truth.js';
import { startFakeActionsCache } from './fake-actions-cache.js';
import { findNode24 } from './node24.js';
import { type ActionRun, runBundledAction, runProcess } from './run-action.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(root, 'dist', 'index.js');

let node24: string;
let scenario: Scenario;
let truth: GroundTruth;
let replay: ReplayHandle;
let repository: string;

beforeAll(async () => {
  node24 = findNode24();
  scenario = await loadScenario(join(root, 'test', 'scenarios', 'sample.json'));
  const repo = scenario.github.repos[0];
  if (!repo) throw new Error('sample.json has no repository');
  repository = `${repo.owner}/${repo.name}`;
  const services = scenario.pagerduty?.services ?? [];
  truth = deriveTruth(scenario, Object.fromEntries(services.map((s) => [s.id, [repository]])));
  replay = await startReplayServer({ scenario });
}, 600_000);

afterAll(async () => {
  await replay?.close();
});

function baseInputs(workspace: string): Record<string, string> {
  const services = scenario.pagerduty?.services ?? [];
  return {
    'github-token': 'e2e-token',
    repositories: repository,
    'deployment-source': 'workflow-runs',
    'deploy-workflows': 'deploy.yml',
    window: 'last-30-days',
    'state-backend': 'file',
    'state-path': join(workspace, 'state'),
    'badges-path': join(workspace, 'badges'),
    'report-path': join(workspace, 'report.json'),
    'openmetrics-path': join(workspace, 'metrics.txt'),
    'github-api-url': replay.githubApiUrl,
    'github-graphql-url': replay.githubGraphqlUrl,
    ...(services.length > 0
      ? {
          'pagerduty-token': 'e2e-pd-token',
          'pagerduty-api-url': replay.pagerdutyApiUrl,
          'pagerduty-service-repositories': services.map((s) => `${s.id}=${repository}`).join(','),
        }
      : {}),
  };
}

function runnerEnv(workspace: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_REPOSITORY: repository,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(workspace, 'tmp'),
    DORA_NOW: scenario.now,
    ...extra,
  };
}

async function run(
  workspace: string,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<ActionRun & { requests: number; notModified: number }> {
  replay.resetStats();
  const result = await runBundledAction({
    node: node24,
    bundle,
    cwd: workspace,
    inputs,
    env,
    summaryPath: join(workspace, `summary-${name}.md`),
    outputPath: join(workspace, `outputs-${name}.txt`),
  });
  const stats = replay.stats();
  return { ...result, requests: stats.requests, notModified: stats.notModified };
}

/** The outputs a perfect collector's events give, computed by the same rules. */
function expectedOutputs(workspace: string, data: DoraData): Record<string, string> {
  const values = baseInputs(workspace);
  const parsed = parseInputs((name) => values[name] ?? '');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  const now = new Date(scenario.now);
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const report = computeDora(data, doraOptions(parsed.inputs, { from, to: now }, now));
  const outputs = buildOutputs(
    { data, report, info: { api: { github: 0, pagerduty: 0 } } } as RunResult,
    values['report-path'],
  );
  delete outputs['api-requests'];
  return outputs;
}

function withoutRequests(outputs: Record<string, string>): Record<string, string> {
  const { 'api-requests': _requests, ...rest } = outputs;
  return rest;
}

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dora-e2e-'));
}

describe('the bundled Action under Node 24 against the replay', () => {
  it('reports the ground truth cold, then again warm with far fewer requests', async () => {
    const dir = await workspace();
    const cold = await run(dir, 'cold', baseInputs(dir), runnerEnv(dir));
    expect(cold.stderr).not.toContain('DEP0040');
    expect(cold.exitCode, cold.stdout + cold.stderr).toBe(0);
    const expected = expectedOutputs(dir, truth.bySource['workflow-runs'] as DoraData);
    expect(withoutRequests(cold.outputs)).toEqual(expected);
    expect(Number(cold.outputs['api-requests'])).toBe(cold.requests);

    const warm = await run(dir, 'warm', baseInputs(dir), runnerEnv(dir));
    expect(warm.exitCode, warm.stdout + warm.stderr).toBe(0);
    expect(withoutRequests(warm.outputs)).toEqual(expected);
    expect(warm.requests).toBeLessThan(cold.requests);
    expect(Number(warm.outputs['api-requests'])).toBe(warm.requests);
    console.log(
      `e2e sample: cold ${cold.requests} requests, warm ${warm.requests} (${warm.notModified} answered 304)`,
    );

    expect(cold.summary).toContain('State** (file): not restored, saved');
    expect(warm.summary).toContain('State** (file): restored, saved');
    expect(warm.summary).not.toContain('<script>');

    const badges = (await readdir(join(dir, 'badges'))).sort();
    expect(badges).toEqual([
      'change-failure-rate.json',
      'deployment-frequency.json',
      'dora-level.json',
      'lead-time.json',
      'recovery-time.json',
      'rework-rate.json',
    ]);
    for (const file of badges) {
      const badge = JSON.parse(await readFile(join(dir, 'badges', file), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(badge).sort()).toEqual(['color', 'label', 'message', 'schemaVersion']);
      expect(badge.schemaVersion).toBe(1);
    }
    const level = JSON.parse(await readFile(join(dir, 'badges', 'dora-level.json'), 'utf8')) as {
      message: string;
    };
    expect(level.message.toLowerCase()).toContain(
      expected.level?.replace('insufficient-data', 'insufficient') ?? '',
    );

    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      schema: string;
      report: { deploymentFrequency: { deployments: number } };
      info: { state: { restored: boolean; saved: boolean } };
    };
    expect(report.schema).toBe('dora-action/report@1');
    expect(String(report.report.deploymentFrequency.deployments)).toBe(expected.deployments);
    expect(report.info.state).toMatchObject({ restored: true, saved: true });
    expect(await readFile(join(dir, 'report.json'), 'utf8')).not.toContain('e2e-token');
    expect(await readFile(join(dir, 'metrics.txt'), 'utf8')).toMatch(/# EOF\n$/);
  }, 300_000);

  it('refuses invalid inputs in one message, exit code 1, without a single request', async () => {
    const dir = await workspace();
    const inputs = {
      ...baseInputs(dir),
      window: 'last-2-fortnights',
      'deployment-source': 'jenkins',
      repositories: 'acme',
      summary: 'maybe',
    };
    const result = await run(dir, 'invalid', inputs, runnerEnv(dir));
    expect(result.exitCode).toBe(1);
    expect(result.requests).toBe(0);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    const error = errors[0] ?? '';
    expect(error).toContain('4 inputs are invalid');
    expect(error).toContain('Input "window": unknown preset');
    expect(error).toContain('valid presets: last-1-day');
    expect(error).toContain('Input "deployment-source"');
    expect(error).toContain('Input "repositories"');
    expect(error).toContain('Input "summary"');
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('::add-mask::e2e-token');
  }, 120_000);

  it('does not save state from a pull request run', async () => {
    const dir = await workspace();
    const result = await run(
      dir,
      'pr',
      baseInputs(dir),
      runnerEnv(dir, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' }),
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expect(existsSync(join(dir, 'state', 'state.json'))).toBe(false);
    expect(result.summary).toContain('not saved');
    expect(result.summary).toContain('state is never saved from pull\\_request runs');
    expect(result.stdout).toMatch(/::warning::Read-only run: .*no badges are written/);
    expect(existsSync(join(dir, 'badges'))).toBe(false);
  }, 300_000);

  it('collects fully, with a notice, when the state is corrupt or from a newer version', async () => {
    const dir = await workspace();
    const cold = await run(dir, 'cold', baseInputs(dir), runnerEnv(dir));
    expect(cold.exitCode).toBe(0);
    const statePath = join(dir, 'state', 'state.json');
    const saved = await readFile(statePath, 'utf8');

    await writeFile(statePath, saved.slice(0, saved.length - 200));
    const corrupt = await run(dir, 'corrupt', baseInputs(dir), runnerEnv(dir));
    expect(corrupt.exitCode).toBe(0);
    expect(corrupt.stdout).toMatch(/::notice::Full collection: the saved state is not valid JSON/);
    expect(corrupt.requests).toBe(cold.requests);
    expect(withoutRequests(corrupt.outputs)).toEqual(withoutRequests(cold.outputs));

    await writeFile(statePath, saved.replace('"schemaVersion":1', '"schemaVersion":9'));
    const newer = await run(dir, 'newer', baseInputs(dir), runnerEnv(dir));
    expect(newer.exitCode).toBe(0);
    expect(newer.stdout).toContain(
      '::notice::Full collection: the saved state was written by a newer version (schema 9',
    );
    expect(withoutRequests(newer.outputs)).toEqual(withoutRequests(cold.outputs));

    await rm(join(dir, 'state'), { recursive: true });
    const missing = await run(dir, 'missing', baseInputs(dir), runnerEnv(dir));
    expect(missing.stdout).toContain('::notice::Full collection: no saved state at');
  }, 600_000);

  it('succeeds when the Actions cache fails, and the summary says the state was not saved', async () => {
    const dir = await workspace();
    const broken: Server = createServer((_req, res) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"message":"cache service down"}');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const { port } = broken.address() as AddressInfo;
    try {
      const result = await run(
        dir,
        'cache',
        { ...baseInputs(dir), 'state-backend': 'auto' },
        runnerEnv(dir, {
          ACTIONS_RUNTIME_TOKEN: 'runtime-token',
          ACTIONS_CACHE_URL: `http://127.0.0.1:${port}/`,
          ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
        }),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.summary).toContain('State** (Actions cache): not restored, not saved');
      expect(result.stdout).toContain('::warning::State not saved');
    } finally {
      broken.close();
    }
  }, 300_000);

  it('keeps its state in the Actions cache: one entry per run, restored by prefix, none from a pull request', async () => {
    const dir = await workspace();
    const cache = await startFakeActionsCache();
    const cacheEnv = (runId: string, extra: Record<string, string> = {}) =>
      runnerEnv(dir, {
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        ACTIONS_CACHE_URL: cache.url,
        GITHUB_RUN_ID: runId,
        ...extra,
      });
    const inputs = { ...baseInputs(dir), 'state-backend': 'auto' };
    try {
      const cold = await run(dir, 'cache-cold', inputs, cacheEnv('100'));
      expect(cold.exitCode, cold.stdout).toBe(0);
      expect(cold.summary).toContain('State** (Actions cache): not restored, saved');
      expect(cache.keys()).toHaveLength(1);
      expect(cache.keys()[0]).toMatch(/^dora-state-v1-[0-9a-f]{16}-100-1$/);

      const warm = await run(dir, 'cache-warm', inputs, cacheEnv('101'));
      expect(warm.exitCode, warm.stdout).toBe(0);
      expect(warm.summary).toContain('State** (Actions cache): restored, saved');
      expect(warm.requests).toBeLessThan(cold.requests);
      expect(withoutRequests(warm.outputs)).toEqual(withoutRequests(cold.outputs));

      const pr = await run(
        dir,
        'cache-pr',
        inputs,
        cacheEnv('102', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/3/merge' }),
      );
      expect(pr.exitCode, pr.stdout).toBe(0);
      expect(pr.summary).toContain('State** (Actions cache): restored, not saved');
      const prefix = (cache.keys()[0] ?? '').replace(/100-1$/, '');
      expect(cache.keys()).toEqual([`${prefix}100-1`, `${prefix}101-1`]);
      expect(existsSync(join(dir, '.dora-state-cache'))).toBe(false);
    } finally {
      await cache.close();
    }
  }, 300_000);

  it("names the repository's workflows when a deploy workflow does not exist", async () => {
    const dir = await workspace();
    const result = await run(
      dir,
      'workflow',
      { ...baseInputs(dir), 'deploy-workflows': 'nope.yml' },
      runnerEnv(dir),
    );
    expect(result.exitCode).toBe(1);
    const error = result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
    expect(error).toContain('nope.yml');
    expect(error).toContain('deploy.yml');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe('the bundled CLI', () => {
  it('writes the same numbers, the summary, badges, report and metrics to --out', async () => {
    const dir = await workspace();
    const out = join(dir, 'out');
    const services = scenario.pagerduty?.services ?? [];
    const args = [
      join(root, 'dist', 'cli', 'index.js'),
      'report',
      '--repo',
      repository,
      '--source',
      'workflow-runs',
      '--deploy-workflow',
      'deploy.yml',
      '--out',
      out,
      '--github-api-url',
      replay.githubApiUrl,
      '--pagerduty-api-url',
      replay.pagerdutyApiUrl,
      ...services.flatMap((s) => ['--pagerduty-service', `${s.id}=${repository}`]),
    ];
    const child = await runProcess(node24, args, {
      PATH: process.env.PATH ?? '',
      GITHUB_TOKEN: 'cli-token',
      PAGERDUTY_TOKEN: 'cli-pd-token',
      DORA_NOW: scenario.now,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stderr).toContain(`${repository}: `);
    expect(child.stderr).not.toContain('DEP0040');
    const outputs = JSON.parse(child.stdout) as Record<string, string>;
    const expected = expectedOutputs(dir, truth.bySource['workflow-runs'] as DoraData);
    expect(withoutRequests(outputs)).toEqual({
      ...expected,
      'report-path': join(out, 'report.json'),
    });
    expect((await readdir(out)).sort()).toEqual([
      'badges',
      'metrics.txt',
      'report.json',
      'state',
      'summary.html',
      'summary.md',
    ]);
    expect(await readFile(join(out, 'summary.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  }, 300_000);
});

describe('the bundled Action when the APIs misbehave', () => {
  async function withFaults(
    faults: NonNullable<Scenario['faults']>,
    body: (replay: ReplayHandle) => Promise<void>,
  ): Promise<void> {
    const faulty = await startReplayServer({ scenario: { ...scenario, faults } });
    const saved = replay;
    replay = faulty;
    try {
      await body(faulty);
    } finally {
      replay = saved;
      await faulty.close();
    }
  }

  it('reports partially, saves its state and succeeds when a rate limit outlasts max-wait', async () => {
    const dir = await workspace();
    await withFaults(
      [
        {
          method: 'GET',
          path: '^/repos/[^/]+/[^/]+/actions/workflows/[^/]+/runs',
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+3600' },
          body: {
            message: 'API rate limit exceeded',
            documentation_url: 'https://docs.github.com',
          },
        },
      ],
      async () => {
        const result = await run(
          dir,
          'limited',
          { ...baseInputs(dir), 'max-wait': '2s' },
          runnerEnv(dir),
        );
        expect(result.exitCode, result.stdout).toBe(0);
        expect(result.stdout).toMatch(/::warning::Partial report: /);
        expect(result.summary.toLowerCase()).toContain('partial');
        expect(existsSync(join(dir, 'state', 'state.json'))).toBe(true);
      },
    );
  }, 300_000);

  it('treats a PagerDuty outage as a warning', async () => {
    const dir = await workspace();
    await withFaults([{ method: 'GET', path: '^/pagerduty/incidents', status: 503 }], async () => {
      const result = await run(dir, 'pd-down', baseInputs(dir), runnerEnv(dir));
      expect(result.exitCode, result.stdout).toBe(0);
      // The collector reports it, or failing that the pipeline's fallback does.
      expect(result.stdout).toMatch(
        /::warning::PagerDuty (incidents not updated|could not be read)/,
      );
      expect(result.outputs.deployments).not.toBe('');
    });
  }, 300_000);
});
