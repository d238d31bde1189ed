import type { Deployment } from '@dora/core';
import { mapLimit } from '../../merge.js';
import {
  before,
  readNewestFirst,
  type SourceContext,
  type SourceOutput,
  within,
} from './common.js';

interface ApiDeployment {
  id: number;
  sha: string;
  environment: string;
  created_at: string;
}
interface ApiStatus {
  id: number;
  state: string;
  created_at: string;
}

export type StatusOutcome =
  | { final: true; status: 'success' | 'failure'; at: string }
  | { final: false }
  /** Never reached a result (e.g. only `inactive`): not a deployment attempt worth counting. */
  | { final: true; status: null };

/**
 * The outcome of a deployment from its statuses (any order): the latest `success`, `failure` or `error`
 * decides (`error` counts as failure). GitHub marks older deployments `inactive` when a newer one
 * succeeds, which must not undo their success. Without a terminal status, a `queued`, `pending` or
 * `in_progress` one means not finished yet (re-read next run); only `inactive` means it never ran.
 */
export function outcomeOf(statuses: ApiStatus[]): StatusOutcome {
  const terminal = statuses
    .filter((s) => s.state === 'success' || s.state === 'failure' || s.state === 'error')
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id)
    .at(-1);
  if (terminal !== undefined) {
    return {
      final: true,
      status: terminal.state === 'success' ? 'success' : 'failure',
      at: terminal.created_at,
    };
  }
  if (statuses.length > 0 && statuses.every((s) => s.state === 'inactive'))
    return { final: true, status: null };
  return { final: false };
}

/** Statuses requests in flight at once (GitHub advises few concurrent requests). */
const STATUS_CONCURRENCY = 4;

/** GitHub Deployments to the environment: `owner/name:deployment:<id>`. */
export async function collectGitHubDeployments(ctx: SourceContext): Promise<SourceOutput> {
  const listed = await readNewestFirst<ApiDeployment>(
    ctx,
    'GET /repos/{owner}/{repo}/deployments',
    { owner: ctx.owner, repo: ctx.name, environment: ctx.environment },
    (data) => data as ApiDeployment[],
    (d) => d.created_at,
    ctx.readFrom,
  );
  const candidates = new Map<number, ApiDeployment | undefined>();
  for (const d of listed ?? []) {
    if (
      Date.parse(d.created_at) >= ctx.readFrom.getTime() &&
      Date.parse(d.created_at) < ctx.until.getTime()
    ) {
      candidates.set(d.id, d);
    }
  }
  for (const id of ctx.pending) if (!candidates.has(id)) candidates.set(id, undefined);

  // One statuses request per deployment: a few at once, in the order listed.
  const outcomes = await mapLimit([...candidates], STATUS_CONCURRENCY, async ([id, known]) => {
    const d = known ?? (await readDeployment(ctx, id));
    if (d === undefined) return undefined;
    const statuses = (
      await ctx.client.octokit.request(
        'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        {
          owner: ctx.owner,
          repo: ctx.name,
          deployment_id: id,
          per_page: 100,
        },
      )
    ).data as ApiStatus[];
    return { id, d, outcome: outcomeOf(statuses) };
  });

  const deployments: Deployment[] = [];
  const pending: number[] = [];
  for (const entry of outcomes) {
    if (entry === undefined) continue;
    const { id, d, outcome } = entry;
    // Finished after `until`: not part of this collection, but must not be lost to the next one.
    if (!outcome.final || (outcome.status !== null && !before(outcome.at, ctx.until))) {
      pending.push(id);
      continue;
    }
    if (outcome.status === null || !within(outcome.at, ctx.since, ctx.until)) continue;
    deployments.push({
      id: `${ctx.repo}:deployment:${id}`,
      environment: d.environment,
      status: outcome.status,
      finishedAt: outcome.at,
      startedAt: d.created_at,
      sha: d.sha,
      repository: ctx.repo,
    });
  }
  return { deployments, pending };
}

async function readDeployment(ctx: SourceContext, id: number): Promise<ApiDeployment | undefined> {
  try {
    const res = await ctx.client.octokit.request(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
      {
        owner: ctx.owner,
        repo: ctx.name,
        deployment_id: id,
      },
    );
    return res.data as ApiDeployment;
  } catch (error) {
    // Deleted since the last run: nothing to re-read.
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
