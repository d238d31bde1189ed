// Collection benchmark (printed, never asserted in a timed test): a cold collection of one year of
// the busy scenario — deployments from workflow runs, merged pull requests, the deploy branch's
// history for linking, incident issues and PagerDuty incidents — against the replay server with
// 50 ms of latency per request. Targets: requests at most 1.2 × the lower bound Σ ceil(items / 100)
// over the lists that must be read, and under 60 s of wall time.
// Run: pnpm bench:collect
import { collect, createGitHubClient } from '../../packages/action/src/collectors/index.js';
import { createPagerDutyClient } from '../../packages/action/src/collectors/pagerduty/client.js';
import { startReplayServer } from '../fakes/replay-server.js';
import type { Scenario, ScenarioRepo } from '../fakes/scenario.js';
import { generateScenario } from '../scenarios/generate.js';

const LATENCY_MS = 50;
const PAGE = 100;

const pages = (items: number): number => Math.max(1, Math.ceil(items / PAGE));

/** Commits reachable from the head of the default branch and committed in [since, now). */
function historyItems(repo: ScenarioRepo, sinceMs: number): number {
  const bySha = new Map(repo.commits.map((c) => [c.sha, c]));
  const heads = repo.commits.filter((c) => c.branch === repo.defaultBranch);
  const head = heads.reduce((a, b) =>
    Date.parse(a.committedAt) >= Date.parse(b.committedAt) ? a : b,
  );
  const seen = new Set<string>();
  const stack = [head.sha];
  let count = 0;
  while (stack.length > 0) {
    const sha = stack.pop() as string;
    if (seen.has(sha)) continue;
    seen.add(sha);
    const commit = bySha.get(sha);
    if (commit === undefined) continue;
    if (Date.parse(commit.committedAt) >= sinceMs) count += 1;
    stack.push(...commit.parents);
  }
  return count;
}

interface Bound {
  lists: Array<{ list: string; items: number; pages: number }>;
  total: number;
}

/** The fewest requests any collector needs: every list it must read, 100 items a page. */
function lowerBound(scenario: Scenario, sinceMs: number, nowMs: number): Bound {
  const lists: Bound['lists'] = [];
  const inRange = (iso: string | null | undefined) =>
    iso !== null && iso !== undefined && Date.parse(iso) >= sinceMs && Date.parse(iso) < nowMs;
  for (const repo of scenario.github.repos) {
    const name = `${repo.owner}/${repo.name}`;
    const runs = (repo.workflowRuns ?? []).filter(
      (r) => r.workflowId === repo.workflows?.find((w) => w.path.endsWith('/deploy.yml'))?.id,
    );
    const merged = (repo.pullRequests ?? []).filter(
      (p) => p.state === 'merged' && p.baseRef === repo.defaultBranch && inRange(p.mergedAt),
    );
    const issues = (repo.issues ?? []).filter((i) => (i.labels ?? []).includes('incident'));
    for (const [list, items] of [
      [`${name} deploy runs`, runs.filter((r) => inRange(r.createdAt)).length],
      [`${name} merged pull requests`, merged.length],
      [`${name} history commits`, historyItems(repo, sinceMs)],
      [`${name} incident issues`, issues.length],
    ] as const) {
      lists.push({ list, items, pages: pages(items) });
    }
  }
  const incidents = scenario.pagerduty?.incidents.filter((i) => inRange(i.createdAt)).length ?? 0;
  lists.push({ list: 'pagerduty incidents', items: incidents, pages: pages(incidents) });
  return { lists, total: lists.reduce((sum, l) => sum + l.pages, 0) };
}

async function main(): Promise<void> {
  const generatedAt = performance.now();
  const { scenario, truth } = generateScenario({ preset: 'busy', seed: 1 });
  const generateMs = performance.now() - generatedAt;
  const nowMs = Date.parse(truth.config.now);
  const sinceMs = nowMs - 365 * 86_400_000;
  const bound = lowerBound(scenario, sinceMs, nowMs);

  const replay = await startReplayServer({ scenario, latencyMs: LATENCY_MS });
  try {
    const github = createGitHubClient({
      token: 'bench-token',
      apiUrl: replay.githubApiUrl,
      graphqlUrl: replay.githubGraphqlUrl,
    });
    const services = scenario.pagerduty?.services.map((s) => s.id) ?? [];
    const pagerduty = createPagerDutyClient({ token: 'bench-pd', apiUrl: replay.pagerdutyApiUrl });
    const started = performance.now();
    const result = await collect(
      {
        repositories: scenario.github.repos.map((r) => `${r.owner}/${r.name}`),
        deploymentSource: 'workflow-runs',
        environment: truth.config.environment,
        deployWorkflows: [truth.config.deployWorkflow],
        since: new Date(sinceMs),
        until: new Date(nowMs),
        lookbackMs: 3_600_000,
        incidentLabels: [...truth.config.incidentLabels],
        pagerduty: {
          token: 'bench-pd',
          apiUrl: replay.pagerdutyApiUrl,
          services,
          serviceRepositories: truth.serviceRepositories,
        },
      },
      undefined,
      { github, pagerduty, now: new Date(nowMs) },
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = replay.stats();
    const ratio = stats.requests / bound.total;

    console.log(`busy scenario, cold collection of one year, ${LATENCY_MS} ms latency per request`);
    console.log(`  scenario generated in ${(generateMs / 1000).toFixed(1)} s`);
    console.log(
      `  collected: ${result.data.deployments.length} deployments, ${result.data.changes.length} changes, ${result.data.incidents.length} incidents`,
    );
    console.log('  lower bound, list by list:');
    for (const l of bound.lists) {
      console.log(
        `    ${l.list.padEnd(40)} ${String(l.items).padStart(6)} items  ${l.pages} pages`,
      );
    }
    console.log(`  requests used      ${stats.requests}`);
    console.log(`  lower bound        ${bound.total}`);
    console.log(
      `  ratio              ${ratio.toFixed(2)}  (target <= 1.20: ${ratio <= 1.2 ? 'PASS' : 'FAIL'})`,
    );
    console.log(
      `  wall time          ${seconds.toFixed(1)} s  (target < 60 s: ${seconds < 60 ? 'PASS' : 'FAIL'})`,
    );
    console.log(`  by route           ${JSON.stringify(stats.byRoute)}`);
    if (result.partial !== undefined) console.log(`  PARTIAL: ${result.partial.reason}`);
    for (const w of result.warnings) console.log(`  warning: ${w}`);
  } finally {
    await replay.close();
  }
}

await main();
