import type { Deployment } from '@dora/core';
import { mapLimit } from '../../merge.js';
import {
  before,
  etagKey,
  isoSeconds,
  PER_PAGE,
  type SourceContext,
  type SourceOutput,
  uniqueById,
  within,
} from './common.js';
import type { ApiWorkflow } from './workflows.js';

interface ApiRun {
  id: number;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  run_attempt?: number;
}
interface RunsPage {
  total_count: number;
  workflow_runs: ApiRun[];
}
interface ApiJob {
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
}

interface RunsQuery {
  owner: string;
  repo: string;
  workflow_id: number;
  branch: string;
}

/** Jobs requests in flight at once. */
const JOBS_CONCURRENCY = 4;

const RUNS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
/** GitHub answers at most this many runs for a filtered listing (total_count stays true). */
export const FILTERED_CAP = 1000;
/** Split target below the cap, so a range that grows between probe and read still fits. */
const SPLIT_TARGET = 900;

export interface WorkflowRunsOptions {
  workflows: ApiWorkflow[];
  /** Take this job's conclusion and times instead of the run's. */
  deployJob?: string;
}

/**
 * Workflow runs of the deploy workflows on the deploy branch: `owner/name:run:<runId>`. A re-run keeps
 * its run id and GitHub lists only its latest attempt, so the newest attempt replaces earlier ones.
 */
export async function collectWorkflowRuns(
  ctx: SourceContext,
  options: WorkflowRunsOptions,
): Promise<SourceOutput> {
  const runs: ApiRun[] = [];
  for (const workflow of options.workflows) runs.push(...((await runsOf(ctx, workflow)) ?? []));
  const listedIds = new Set(runs.map((r) => r.id));
  for (const id of ctx.pending) {
    if (listedIds.has(id)) continue;
    const run = await readRun(ctx, id);
    if (run !== undefined) runs.push(run);
  }

  const latest = latestAttempts(runs);
  const deployJob = options.deployJob;
  // With a deploy job, one jobs request per run: a few at once, in the order listed.
  const results =
    deployJob === undefined
      ? latest.map((run) => ({ run, result: fromRun(ctx, run) }))
      : await mapLimit(latest, JOBS_CONCURRENCY, async (run) => ({
          run,
          result: await fromJob(ctx, run, deployJob),
        }));
  const deployments: Deployment[] = [];
  const pending: number[] = [];
  for (const { run, result } of results) {
    // Finished after `until`: not part of this collection, but must not be lost to the next one.
    if (
      result === 'pending' ||
      (result !== undefined && !before(String(result.finishedAt), ctx.until))
    ) {
      pending.push(run.id);
    } else if (result !== undefined && within(String(result.finishedAt), ctx.since, ctx.until)) {
      deployments.push(result);
    }
  }
  return { deployments: uniqueById(deployments), pending };
}

function latestAttempts(runs: ApiRun[]): ApiRun[] {
  const byId = new Map<number, ApiRun>();
  for (const run of runs) {
    const seen = byId.get(run.id);
    if (seen === undefined || (run.run_attempt ?? 1) >= (seen.run_attempt ?? 1))
      byId.set(run.id, run);
  }
  return [...byId.values()];
}

function fromRun(ctx: SourceContext, run: ApiRun): Deployment | 'pending' | undefined {
  if (run.status !== 'completed') return 'pending';
  if (run.conclusion !== 'success' && run.conclusion !== 'failure') return undefined;
  return {
    id: `${ctx.repo}:run:${run.id}`,
    environment: ctx.environment,
    status: run.conclusion,
    // Runs have no completed_at: updated_at is when the run reached its conclusion.
    finishedAt: run.updated_at,
    startedAt: run.run_started_at ?? run.created_at,
    sha: run.head_sha,
    repository: ctx.repo,
  };
}

async function fromJob(
  ctx: SourceContext,
  run: ApiRun,
  jobName: string,
): Promise<Deployment | 'pending' | undefined> {
  if (run.status !== 'completed') return 'pending';
  const jobs = (
    await ctx.client.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
      owner: ctx.owner,
      repo: ctx.name,
      run_id: run.id,
      per_page: 100,
    })
  ).data as { jobs: ApiJob[] };
  const job = jobs.jobs.find((j) => j.name === jobName);
  // The run finished without running the deploy job (skipped by a condition): not a deployment.
  if (job === undefined || job.completed_at === null) return undefined;
  if (job.conclusion !== 'success' && job.conclusion !== 'failure') return undefined;
  return {
    id: `${ctx.repo}:run:${run.id}`,
    environment: ctx.environment,
    status: job.conclusion,
    finishedAt: job.completed_at,
    startedAt: job.started_at,
    sha: run.head_sha,
    repository: ctx.repo,
  };
}

async function readRun(ctx: SourceContext, id: number): Promise<ApiRun | undefined> {
  try {
    const res = await ctx.client.octokit.request(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      {
        owner: ctx.owner,
        repo: ctx.name,
        run_id: id,
      },
    );
    return res.data as ApiRun;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The runs of one workflow created in [readFrom, until), and those of page 1 updated since `readFrom`
 * (re-runs of older runs: GitHub lists a run where it was created). Page 1 of the branch's list is a conditional
 * request: a 304 means nothing changed since the last run; a page reaching back past `readFrom` is all
 * that is needed. Otherwise the `created` range is read, split until each part is under the cap.
 */
async function runsOf(ctx: SourceContext, workflow: ApiWorkflow): Promise<ApiRun[] | undefined> {
  const base: RunsQuery = {
    owner: ctx.owner,
    repo: ctx.name,
    workflow_id: workflow.id,
    branch: ctx.branch,
  };
  const key = etagKey(RUNS_ROUTE, { ...base });
  const first = await ctx.client.conditionalGet<RunsPage>(
    RUNS_ROUTE,
    { ...base, per_page: PER_PAGE },
    ctx.etags[key],
  );
  if (first.etag !== undefined) ctx.newEtags[key] = first.etag;
  if (first.status === 304) return undefined;
  const page = first.data.workflow_runs;
  const last = page.at(-1);
  const complete =
    page.length < PER_PAGE || last === undefined || before(last.created_at, ctx.readFrom);
  const runs = complete
    ? page
    : await readCreatedRange(
        ctx,
        base,
        Math.floor(ctx.readFrom.getTime() / 1000),
        Math.ceil(ctx.until.getTime() / 1000) - 1,
      );
  // A run created before `readFrom` but updated since (re-run) is caught when page 1 shows it.
  const changed = (r: ApiRun) =>
    within(r.created_at, ctx.readFrom, ctx.until) || within(r.updated_at, ctx.readFrom, ctx.until);
  return [...runs, ...(complete ? [] : page)].filter(changed);
}

/** Runs created in [lo, hi] (epoch seconds, both inclusive as GitHub's `a..b` is). */
export async function readCreatedRange(
  ctx: SourceContext,
  base: RunsQuery,
  lo: number,
  hi: number,
): Promise<ApiRun[]> {
  const params = { ...base, created: `${isoSeconds(lo * 1000)}..${isoSeconds(hi * 1000)}` };
  let first: RunsPage;
  try {
    first = (
      await ctx.client.octokit.request(RUNS_ROUTE, { ...params, per_page: PER_PAGE, page: 1 })
    ).data as RunsPage;
  } catch (error) {
    // GitHub may refuse a filtered listing that exceeds its cap with a 422: read it in two halves.
    if ((error as { status?: number }).status !== 422 || hi <= lo) throw error;
    const mid = lo + Math.floor((hi - lo) / 2);
    return [
      ...(await readCreatedRange(ctx, base, lo, mid)),
      ...(await readCreatedRange(ctx, base, mid + 1, hi)),
    ];
  }
  const total = first.total_count;
  if (total > FILTERED_CAP && hi > lo) {
    const parts = Math.min(Math.ceil(total / SPLIT_TARGET), hi - lo + 1);
    const out: ApiRun[] = [];
    const width = (hi - lo + 1) / parts;
    for (let i = 0; i < parts; i++) {
      const from = lo + Math.floor(i * width);
      const to = i === parts - 1 ? hi : lo + Math.floor((i + 1) * width) - 1;
      if (to >= from) out.push(...(await readCreatedRange(ctx, base, from, to)));
    }
    return out;
  }
  if (total > FILTERED_CAP) {
    ctx.log(
      `${ctx.repo}: more than ${FILTERED_CAP} runs created in one second; only ${FILTERED_CAP} can be read`,
    );
  }
  const runs = [...first.workflow_runs];
  const pages = Math.ceil(Math.min(total, FILTERED_CAP) / PER_PAGE);
  for (let page = 2; page <= pages; page++) {
    const data = (
      await ctx.client.octokit.request(RUNS_ROUTE, { ...params, per_page: PER_PAGE, page })
    ).data as RunsPage;
    runs.push(...data.workflow_runs);
    if (data.workflow_runs.length < PER_PAGE) break;
  }
  return runs;
}
