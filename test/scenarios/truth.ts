import type { Change, Deployment, DoraData, Incident } from '@dora/core';
import { clipScenario } from '../fakes/clip.js';
import type { Scenario, ScenarioPullRequest, ScenarioRepo } from '../fakes/scenario.js';

export type DeploymentSource = 'workflow-runs' | 'deployments' | 'releases' | 'merges';

/**
 * What a perfect collector produces from a scenario (as seen at its `now`), per deployment source.
 * Conventions it follows (the collectors' tests compare against them):
 * - deployments of every source have environment `production` and `repository`; failed ones carry
 *   no `changeIds`; every successful one carries `changeIds` (possibly empty), sorted by PR number:
 *   the merged PRs whose merge commit is reachable from its sha and from no earlier-finished
 *   successful deployment of the same source and repository;
 * - workflow runs: runs of `deploy.yml` on the default branch, latest attempt, completed with
 *   `success`/`failure`; `finishedAt` = the run's `updated_at`, `startedAt` = `run_started_at`;
 * - GitHub Deployments in `production`: the latest `success`/`failure`/`error` status decides
 *   (a later `inactive` does not undo a success); `finishedAt` = that status' time,
 *   `startedAt` = the deployment's `created_at`; deployments with no terminal status are absent;
 * - releases: published, not draft; `finishedAt` = `published_at`, `sha` = the target commit;
 * - merges: every PR merged into the default branch, `finishedAt` = `merged_at`;
 * - changes: PRs merged into the default branch; `firstCommitAt` = the earliest authored date of
 *   the PR's own commits; `reverts` from "This reverts commit <sha>." in the body;
 * - incidents: PagerDuty (`service` = the service id, `repository` only when the service maps to
 *   exactly one repository) and GitHub issues labelled `incident` (`resolvedAt` = `closed_at`).
 */
export interface GroundTruth {
  bySource: Partial<Record<DeploymentSource, DoraData>>;
  changes: Change[];
  incidents: { pagerduty: Incident[]; issues: Incident[] };
  /** PagerDuty service id -> the repositories it serves. */
  serviceRepositories: Record<string, string[]>;
  config: {
    environment: 'production';
    deployWorkflow: 'deploy.yml';
    deployJob: 'deploy-prod';
    incidentLabels: ['incident'];
    /** The instant before which nothing exists (the first commit). */
    since: string;
    now: string;
  };
}

const ENV = 'production';

function changesOf(repo: ScenarioRepo): Change[] {
  const full = `${repo.owner}/${repo.name}`;
  const authored = new Map(repo.commits.map((c) => [c.sha, c.authoredAt]));
  const merged = (repo.pullRequests ?? []).filter(
    (p) => p.state === 'merged' && p.baseRef === repo.defaultBranch && p.mergedAt !== undefined,
  );
  const bySha = new Map<string, ScenarioPullRequest>();
  for (const p of merged) {
    if (p.mergeCommitSha) bySha.set(p.mergeCommitSha, p);
    for (const c of p.commits) if (!bySha.has(c)) bySha.set(c, p);
  }
  return merged
    .sort((a, b) => a.number - b.number)
    .map((p) => {
      const first = p.commits
        .map((s) => authored.get(s) ?? p.createdAt)
        .reduce((min, t) => (Date.parse(t) < Date.parse(min) ? t : min));
      const change: Change = {
        id: `${full}#${p.number}`,
        firstCommitAt: first,
        createdAt: p.createdAt,
        mergedAt: p.mergedAt as string,
        repository: full,
        author: p.author,
        labels: p.labels ?? [],
        title: p.title,
        branch: p.headRef,
      };
      if (p.firstReviewAt !== undefined) change.firstReviewAt = p.firstReviewAt;
      const reverted = /This reverts commit ([0-9a-f]{40})\./.exec(p.body ?? '');
      const target = reverted ? bySha.get(reverted[1] as string) : undefined;
      if (target !== undefined) change.reverts = `${full}#${target.number}`;
      return change;
    });
}

function runDeployments(repo: ScenarioRepo): Deployment[] {
  const full = `${repo.owner}/${repo.name}`;
  const deploy = (repo.workflows ?? []).find((w) => w.path.endsWith('/deploy.yml'));
  if (deploy === undefined) return [];
  return (repo.workflowRuns ?? [])
    .filter(
      (r) =>
        r.workflowId === deploy.id &&
        r.headBranch === repo.defaultBranch &&
        r.status === 'completed' &&
        (r.conclusion === 'success' || r.conclusion === 'failure'),
    )
    .map((r) => ({
      id: `${full}:run:${r.id}`,
      environment: ENV,
      status: r.conclusion as 'success' | 'failure',
      finishedAt: r.updatedAt,
      startedAt: r.runStartedAt ?? r.createdAt,
      sha: r.headSha,
      repository: full,
    }));
}

function githubDeployments(repo: ScenarioRepo): Deployment[] {
  const full = `${repo.owner}/${repo.name}`;
  const out: Deployment[] = [];
  for (const d of repo.deployments ?? []) {
    if (d.environment !== ENV) continue;
    const terminal = [...(d.statuses ?? [])]
      .filter((s) => s.state === 'success' || s.state === 'failure' || s.state === 'error')
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id)
      .at(-1);
    if (terminal === undefined) continue;
    out.push({
      id: `${full}:deployment:${d.id}`,
      environment: ENV,
      status: terminal.state === 'success' ? 'success' : 'failure',
      finishedAt: terminal.createdAt,
      startedAt: d.createdAt,
      sha: d.sha,
      repository: full,
    });
  }
  return out;
}

function releaseDeployments(repo: ScenarioRepo): Deployment[] {
  const full = `${repo.owner}/${repo.name}`;
  return (repo.releases ?? [])
    .filter((r) => !r.draft)
    .map((r) => ({
      id: `${full}:release:${r.id}`,
      environment: ENV,
      status: 'success' as const,
      finishedAt: r.publishedAt,
      sha: r.targetSha,
      repository: full,
    }));
}

function mergeDeployments(repo: ScenarioRepo): Deployment[] {
  const full = `${repo.owner}/${repo.name}`;
  return (repo.pullRequests ?? [])
    .filter((p) => p.state === 'merged' && p.baseRef === repo.defaultBranch && p.mergeCommitSha)
    .map((p) => ({
      id: `${full}:merge:${p.number}`,
      environment: ENV,
      status: 'success' as const,
      finishedAt: p.mergedAt as string,
      sha: p.mergeCommitSha as string,
      repository: full,
    }));
}

/**
 * Gives each merged PR to the first successful deployment (by finish time) whose commit reaches
 * its merge commit. One walk over the graph: commits reached once are never walked again.
 */
export function linkChanges(repo: ScenarioRepo, deployments: Deployment[]): Deployment[] {
  const parents = new Map(repo.commits.map((c) => [c.sha, c.parents]));
  const prByMerge = new Map<string, number>();
  for (const p of repo.pullRequests ?? []) {
    if (p.state === 'merged' && p.baseRef === repo.defaultBranch && p.mergeCommitSha) {
      prByMerge.set(p.mergeCommitSha, p.number);
    }
  }
  const full = `${repo.owner}/${repo.name}`;
  const reached = new Set<string>();
  const ordered = [...deployments].sort(
    (a, b) =>
      Date.parse(String(a.finishedAt)) - Date.parse(String(b.finishedAt)) ||
      a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
  for (const d of ordered) {
    if (d.status !== 'success' || d.sha === undefined) continue;
    const shipped: number[] = [];
    const stack = [d.sha];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (reached.has(sha) || !parents.has(sha)) continue;
      reached.add(sha);
      const n = prByMerge.get(sha);
      if (n !== undefined) shipped.push(n);
      for (const p of parents.get(sha) ?? []) if (!reached.has(p)) stack.push(p);
    }
    d.changeIds = shipped.sort((a, b) => a - b).map((n) => `${full}#${n}`);
  }
  return ordered;
}

/** The ground truth of a scenario, seen at its `now`. */
export function deriveTruth(
  input: Scenario,
  serviceRepositories: Record<string, string[]>,
): GroundTruth {
  const scenario = clipScenario(input);
  const changes: Change[] = [];
  const perSource: Record<DeploymentSource, Deployment[]> = {
    'workflow-runs': [],
    deployments: [],
    releases: [],
    merges: [],
  };
  const issues: Incident[] = [];
  let since = scenario.now;
  for (const repo of scenario.github.repos) {
    const full = `${repo.owner}/${repo.name}`;
    changes.push(...changesOf(repo));
    perSource['workflow-runs'].push(...linkChanges(repo, runDeployments(repo)));
    perSource.deployments.push(...linkChanges(repo, githubDeployments(repo)));
    perSource.releases.push(...linkChanges(repo, releaseDeployments(repo)));
    perSource.merges.push(...linkChanges(repo, mergeDeployments(repo)));
    for (const c of repo.commits) if (c.committedAt < since) since = c.committedAt;
    for (const i of repo.issues ?? []) {
      if (!(i.labels ?? []).includes('incident')) continue;
      const incident: Incident = {
        id: `${full}:issue:${i.number}`,
        createdAt: i.createdAt,
        repository: full,
      };
      if (i.state === 'closed' && i.closedAt) incident.resolvedAt = i.closedAt;
      issues.push(incident);
    }
  }
  const pagerduty: Incident[] = (scenario.pagerduty?.incidents ?? []).map((i) => {
    const incident: Incident = {
      id: `pagerduty:${i.id}`,
      createdAt: i.createdAt,
      service: i.serviceId,
    };
    const repos = serviceRepositories[i.serviceId] ?? [];
    if (repos.length === 1) incident.repository = repos[0] as string;
    if (i.status === 'resolved' && i.resolvedAt) incident.resolvedAt = i.resolvedAt;
    return incident;
  });
  const incidents = [...pagerduty, ...issues];
  const bySource: Partial<Record<DeploymentSource, DoraData>> = {};
  for (const [source, deployments] of Object.entries(perSource) as Array<
    [DeploymentSource, Deployment[]]
  >) {
    if (deployments.length > 0) bySource[source] = { deployments, changes, incidents };
  }
  return {
    bySource,
    changes,
    incidents: { pagerduty, issues },
    serviceRepositories,
    config: {
      environment: 'production',
      deployWorkflow: 'deploy.yml',
      deployJob: 'deploy-prod',
      incidentLabels: ['incident'],
      since,
      now: scenario.now,
    },
  };
}
