// `pnpm demo`: the committed bundle (dist/index.js) run exactly as a runner would, twice (cold,
// then warm), against the local replay of test/scenarios/sample.json. No token, no network.
// Leaves the summary (Markdown and HTML), badges, report and OpenMetrics file in ./dora-out/.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration, formatPercent } from '../packages/action/src/renderers/format.js';
import { renderSummaryHtml } from '../packages/action/src/renderers/index.js';
import { type ActionRun, runBundledAction } from '../test/e2e/run-action.js';
import { startReplayServer } from '../test/fakes/replay-server.js';
import { loadScenario } from '../test/fakes/scenario.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dora-out');
const bundle = join(root, 'dist', 'index.js');
const scenarioPath = join(root, 'test', 'scenarios', 'sample.json');

function serviceMapping(services: readonly { id: string }[], repository: string): string {
  return services.map((service) => `${service.id}=${repository}`).join('\n');
}

function show(label: string, value: string | undefined, human?: (n: number) => string): string {
  const shown =
    value === undefined || value === ''
      ? 'no data'
      : human
        ? `${value.padEnd(10)} (${human(Number(value))})`
        : value;
  return `  ${label.padEnd(26)} ${shown}`;
}

function printRun(name: string, run: ActionRun, requests: number, notModified: number): void {
  const o = run.outputs;
  console.log(
    `\n${name} run: exit ${run.exitCode}, ${requests} requests to the replay (${notModified} answered 304), ${Math.round(run.durationMs)} ms`,
  );
  console.log(show('deployments in the window', o.deployments));
  console.log(show('deployments per week', o['deployments-per-week']));
  console.log(show('lead time, median (s)', o['lead-time-median-seconds'], formatDuration));
  console.log(show('change failure rate', o['change-failure-rate'], formatPercent));
  console.log(show('recovery time, median (s)', o['recovery-time-median-seconds'], formatDuration));
  console.log(show('time to restore, median', o['time-to-restore-median-seconds'], formatDuration));
  console.log(show('rework rate', o['rework-rate'], formatPercent));
  console.log(
    show('level', o.level) +
      ` (deployment frequency ${o['deployment-frequency-level']}, lead time ${o['lead-time-level']}, change failure rate ${o['change-failure-rate-level']}, recovery time ${o['recovery-time-level']})`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run pnpm build first.`);
  const scenario = await loadScenario(scenarioPath);
  const repo = scenario.github.repos[0];
  if (!repo) throw new Error(`${scenarioPath} has no repository`);
  const repository = `${repo.owner}/${repo.name}`;
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const replay = await startReplayServer({ scenario });
  try {
    const inputs: Record<string, string> = {
      'github-token': 'demo-token',
      repositories: repository,
      'deployment-source': 'workflow-runs',
      'deploy-workflows': 'deploy.yml',
      environment: 'production',
      window: 'last-30-days',
      'incident-labels': 'incident',
      'state-backend': 'file',
      'state-path': 'dora-out/state',
      'badges-path': 'dora-out/badges',
      'report-path': 'dora-out/report.json',
      'openmetrics-path': 'dora-out/metrics.txt',
      'github-api-url': replay.githubApiUrl,
      'github-graphql-url': replay.githubGraphqlUrl,
    };
    const services = scenario.pagerduty?.services ?? [];
    if (services.length > 0) {
      inputs['pagerduty-token'] = 'demo-pagerduty-token';
      inputs['pagerduty-api-url'] = replay.pagerdutyApiUrl;
      inputs['pagerduty-service-repositories'] = serviceMapping(services, repository);
    }
    const env = {
      GITHUB_REPOSITORY: repository,
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKSPACE: root,
      RUNNER_TEMP: join(out, 'tmp'),
      // The scenario is a snapshot as of its `now`: report as of that instant.
      DORA_NOW: scenario.now,
    };
    const runs: Array<[string, ActionRun]> = [];
    for (const name of ['cold', 'warm']) {
      replay.resetStats();
      const run = await runBundledAction({
        node: process.execPath,
        bundle,
        cwd: root,
        inputs,
        env,
        summaryPath: join(out, `summary-${name}.md`),
        outputPath: join(out, `outputs-${name}.txt`),
      });
      const stats = replay.stats();
      printRun(name, run, stats.requests, stats.notModified);
      if (run.exitCode !== 0) {
        console.error(run.stdout, run.stderr);
        throw new Error(`the ${name} run failed`);
      }
      runs.push([name, run]);
    }
    const warm = runs[1]?.[1];
    if (warm) {
      await writeFile(join(out, 'summary.md'), warm.summary);
      await writeFile(
        join(out, 'summary.html'),
        renderSummaryHtml(warm.summary, { title: `DORA metrics — ${repository}` }),
      );
    }
    await rm(join(out, 'tmp'), { recursive: true, force: true });
    const badges = JSON.parse(await readFile(join(out, 'badges', 'dora-level.json'), 'utf8')) as {
      message: string;
    };
    console.log(
      `\nWrote ${out}/: summary.md, summary.html, badges/ (overall: ${badges.message}), report.json, metrics.txt, state/`,
    );
  } finally {
    await replay.close();
  }
}

await main();
