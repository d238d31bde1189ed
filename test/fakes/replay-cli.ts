import { parseArgs } from 'node:util';
import { githubSchema } from './github-graphql.js';
import { startReplayServer } from './replay-server.js';
import { loadScenario } from './scenario.js';

/**
 * `pnpm --silent replay --scenario FILE [--latency-ms N] [--port N]`: prints the URLs as one JSON
 * line first, then serves until SIGTERM/SIGINT. pnpm does not pass a SIGTERM on to its script:
 * a program that spawns this command should signal the whole process group (spawn it detached,
 * then `process.kill(-child.pid, 'SIGTERM')`), or run `tsx test/fakes/replay-cli.ts` directly.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      'latency-ms': { type: 'string' },
      port: { type: 'string' },
    },
  });
  if (values.scenario === undefined) {
    process.stderr.write('usage: replay --scenario FILE [--latency-ms N] [--port N]\n');
    process.exit(2);
  }
  const scenario = await loadScenario(values.scenario);
  const handle = await startReplayServer({
    scenario,
    latencyMs: Number(values['latency-ms'] ?? 0),
    port: Number(values.port ?? 0),
  });
  process.stdout.write(
    `${JSON.stringify({
      githubApiUrl: handle.githubApiUrl,
      githubGraphqlUrl: handle.githubGraphqlUrl,
      pagerdutyApiUrl: handle.pagerdutyApiUrl,
      statsUrl: handle.statsUrl,
    })}\n`,
  );
  // Build GitHub's schema now rather than on the first GraphQL request.
  setImmediate(() => githubSchema());
  const stop = () => {
    handle.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`replay: ${(e as Error).message}\n`);
  process.exit(1);
});
