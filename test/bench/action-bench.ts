// Action benchmarks (printed, never asserted in timed tests):
//  1. the busy scenario with 50 ms latency: a cold run, then a warm run one day later (target
//     <= 10 requests), then a warm run with nothing new (target: at most one request per source
//     that is not answered 304);
//  2. the bundle's start-up under Node 24: process start to its first request (target < 500 ms).
// Run: pnpm --filter @dora/action bench [-- --startup]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, createGitHubClient } from '../../packages/action/src/collectors/index.js';
import { parseInputs } from '../../packages/action/src/inputs.js';
import { type Log, runPipeline } from '../../packages/action/src/pipeline.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { createFileStore } from '../../packages/action/src/state/file-store.js';
import { findNode24 } from '../e2e/node24.js';
import { inputVariable } from '../e2e/run-action.js';
import { type ReplayStats, startReplayServer } from '../fakes/replay-server.js';
import type { Scenario } from '../fakes/scenario.js';
import { generateScenario } from '../scenarios/generate.js';

const DAY = 86_400_000;
const root = fileURLToPath(new URL('../../', import.meta.url));
const quiet: Log = { info: () => {}, notice: () => {}, warning: () => {} };

let replayPort = 0;

async function runAt(
  scenario: Scenario,
  now: Date,
  stateDir: string,
): Promise<{ result: RunResult; stats: ReplayStats; ms: number }> {
  // The same port every run: GitHub's URLs (inside the bodies, hence the ETags) do not move.
  const replay = await startReplayServer({
    scenario: { ...scenario, now: now.toISOString() },
    latencyMs: 50,
    port: replayPort,
  });
  replayPort = Number(new URL(replay.githubApiUrl).port);
  try {
    const values: Record<string, string> = {
      'github-token': 'bench-token',
      repositories: scenario.github.repos.map((r) => `${r.owner}/${r.name}`).join(','),
      'deployment-source': 'workflow-runs',
      'deploy-workflows': 'deploy.yml',
      window: 'last-30-days',
      'state-backend': 'file',
      'state-path': stateDir,
      'github-api-url': replay.githubApiUrl,
      'github-graphql-url': replay.githubGraphqlUrl,
    };
    const parsed = parseInputs((name) => values[name] ?? '');
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    const started = performance.now();
    const result = await runPipeline(parsed.inputs, {
      now,
      collect,
      github: createGitHubClient({
        token: 'bench-token',
        apiUrl: replay.githubApiUrl,
        graphqlUrl: replay.githubGraphqlUrl,
      }),
      openStore: (scope) => createFileStore(stateDir, scope),
      persist: { allowed: true },
      log: quiet,
    });
    return { result, stats: replay.stats(), ms: performance.now() - started };
  } finally {
    await replay.close();
  }
}

function routes(stats: ReplayStats): string {
  return Object.entries(stats.byRoute)
    .map(([route, count]) => `${route} ×${count}`)
    .join(', ');
}

async function busyRuns(): Promise<void> {
  const generated = performance.now();
  const { scenario } = generateScenario({ preset: 'busy', seed: 1 });
  console.log(`busy scenario generated in ${Math.round(performance.now() - generated)} ms`);
  const now = new Date(scenario.now);
  const dir = await mkdtemp(join(tmpdir(), 'dora-bench-'));
  try {
    const cold = await runAt(scenario, new Date(now.getTime() - DAY), dir);
    console.log(
      `cold run (a day before):   ${cold.stats.requests} requests, ${Math.round(cold.ms)} ms, ${cold.result.info.events.deployments} deployments / ${cold.result.info.events.changes} changes`,
    );
    const warm = await runAt(scenario, now, dir);
    console.log(
      `warm run one day later:    ${warm.stats.requests} requests (${warm.stats.notModified} answered 304), ${Math.round(warm.ms)} ms  [target <= 10]`,
    );
    console.log(`  ${routes(warm.stats)}`);
    const idle = await runAt(scenario, now, dir);
    const sources =
      Object.keys(idle.result.info.sources.deployments).length +
      1 +
      idle.result.info.sources.incidents.length;
    console.log(
      `warm run, nothing new:     ${idle.stats.requests} requests, ${idle.stats.requests - idle.stats.notModified} not answered 304, ${Math.round(idle.ms)} ms  [target: <= ${sources} (one per source)]`,
    );
    console.log(`  ${routes(idle.stats)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Start-up: from spawning the bundle to its first request (a stub answering 401 ends the run). */
async function startup(node: string): Promise<number> {
  let firstRequestAt = 0;
  const server = createServer((_req, res) => {
    if (firstRequestAt === 0) firstRequestAt = performance.now();
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = await mkdtemp(join(tmpdir(), 'dora-startup-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_OUTPUT: join(dir, 'out'),
  };
  const inputs = {
    'github-token': 'x',
    repositories: 'acme/shop',
    'state-backend': 'none',
    'github-api-url': `http://127.0.0.1:${port}`,
    'github-graphql-url': `http://127.0.0.1:${port}/graphql`,
  };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  const started = performance.now();
  const child = spawn(node, [join(root, 'dist', 'index.js')], { env, cwd: dir, stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  server.close();
  await rm(dir, { recursive: true, force: true });
  return firstRequestAt - started;
}

async function main(): Promise<void> {
  // `--startup` measures the start-up alone.
  if (!process.argv.includes('--startup')) await busyRuns();
  const node = findNode24();
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) samples.push(await startup(node));
  samples.sort((a, b) => a - b);
  console.log(
    `bundle start-up under Node 24 (process start -> first request), 5 runs: median ${Math.round(samples[2] ?? 0)} ms, min ${Math.round(samples[0] ?? 0)} ms, max ${Math.round(samples[4] ?? 0)} ms  [target < 500 ms]`,
  );
}

await main();
