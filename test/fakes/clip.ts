import type {
  Scenario,
  ScenarioIncident,
  ScenarioPullRequest,
  ScenarioRepo,
  ScenarioWorkflowRun,
} from './scenario.js';

/**
 * The scenario as seen at its `now`: whatever was created later does not exist yet, and whatever
 * finished later is still in progress. This lets a test move `now` back to replay an earlier run.
 */
export function clipScenario(scenario: Scenario): Scenario {
  const now = Date.parse(scenario.now);
  const seen = (t: string | undefined | null): boolean => t != null && Date.parse(t) <= now;
  const repos = scenario.github.repos.map((r) => clipRepo(r, seen));
  const out: Scenario = { now: scenario.now, github: { repos } };
  if (scenario.pagerduty) {
    out.pagerduty = {
      services: scenario.pagerduty.services,
      incidents: scenario.pagerduty.incidents
        .filter((i) => seen(i.createdAt))
        .map((i) => clipIncident(i, seen)),
    };
  }
  if (scenario.faults) out.faults = scenario.faults;
  return out;
}

type Seen = (t: string | undefined | null) => boolean;

function clipRepo(r: ScenarioRepo, seen: Seen): ScenarioRepo {
  const commits = r.commits.filter((c) => seen(c.committedAt));
  const shas = new Set(commits.map((c) => c.sha));
  return {
    ...r,
    commits,
    pullRequests: (r.pullRequests ?? [])
      .filter((p) => seen(p.createdAt))
      .map((p) => clipPull(p, seen, shas)),
    workflows: r.workflows ?? [],
    workflowRuns: latestAttempts(r.workflowRuns ?? [], seen)
      .filter((w) => shas.has(w.headSha))
      .map((w) => clipRun(w, seen)),
    deployments: (r.deployments ?? [])
      .filter((d) => seen(d.createdAt) && shas.has(d.sha))
      .map((d) => ({ ...d, statuses: (d.statuses ?? []).filter((s) => seen(s.createdAt)) })),
    releases: (r.releases ?? []).filter((x) => seen(x.publishedAt) && shas.has(x.targetSha)),
    issues: (r.issues ?? [])
      .filter((i) => seen(i.createdAt))
      .map((i) => {
        if (i.state === 'closed' && !seen(i.closedAt)) {
          const { closedAt: _closed, ...rest } = i;
          return { ...rest, state: 'open' as const };
        }
        return i;
      }),
  };
}

function clipPull(p: ScenarioPullRequest, seen: Seen, shas: Set<string>): ScenarioPullRequest {
  const out: ScenarioPullRequest = { ...p, commits: p.commits.filter((c) => shas.has(c)) };
  if (p.firstReviewAt !== undefined && !seen(p.firstReviewAt)) delete out.firstReviewAt;
  const landed = p.state === 'merged' && seen(p.mergedAt) && shas.has(p.mergeCommitSha ?? '');
  const closed = p.state === 'closed' && seen(p.closedAt);
  if (p.state === 'merged' && !landed) {
    out.state = 'open';
    delete out.mergedAt;
    delete out.closedAt;
    delete out.mergeCommitSha;
  } else if (p.state === 'closed' && !closed) {
    out.state = 'open';
    delete out.closedAt;
  }
  return out;
}

/**
 * A re-run keeps its run id: the scenario may list every attempt, and GitHub shows the latest
 * attempt that has started.
 */
function latestAttempts(runs: ScenarioWorkflowRun[], seen: Seen): ScenarioWorkflowRun[] {
  const byId = new Map<number, ScenarioWorkflowRun>();
  for (const w of runs) {
    const attempt = w.runAttempt ?? 1;
    if (!seen(w.createdAt) || (attempt > 1 && !seen(w.runStartedAt))) continue;
    const current = byId.get(w.id);
    if (current === undefined || attempt > (current.runAttempt ?? 1)) byId.set(w.id, w);
  }
  return [...byId.values()];
}

function clipRun(w: ScenarioWorkflowRun, seen: Seen): ScenarioWorkflowRun {
  const jobs = (w.jobs ?? []).map((j) =>
    j.completedAt != null && !seen(j.completedAt)
      ? { ...j, completedAt: null, conclusion: null }
      : j,
  );
  if (w.runStartedAt !== undefined && !seen(w.runStartedAt)) {
    const { runStartedAt: _started, ...rest } = w;
    return { ...rest, status: 'queued', conclusion: null, updatedAt: w.createdAt, jobs: [] };
  }
  if (w.status === 'completed' && !seen(w.updatedAt)) {
    return {
      ...w,
      status: 'in_progress',
      conclusion: null,
      updatedAt: w.runStartedAt ?? w.createdAt,
      jobs: jobs.filter((j) => seen(j.startedAt)),
    };
  }
  return { ...w, jobs };
}

function clipIncident(i: ScenarioIncident, seen: Seen): ScenarioIncident {
  if (i.status === 'resolved' && !seen(i.resolvedAt)) {
    const { resolvedAt: _resolved, ...rest } = i;
    return { ...rest, status: 'acknowledged' };
  }
  return i;
}
