import type { Deployment } from '@dora/core';
import { readNewestFirst, type SourceContext, type SourceOutput, within } from './common.js';

interface ApiPull {
  number: number;
  updated_at: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

/**
 * Deploy on merge: each pull request merged into the deploy branch is a successful deployment of its
 * merge commit, `owner/name:merge:<number>`. Read by `updated` (a merge updates the PR), newest first.
 */
export async function collectMerges(ctx: SourceContext): Promise<SourceOutput> {
  const listed = await readNewestFirst<ApiPull>(
    ctx,
    'GET /repos/{owner}/{repo}/pulls',
    {
      owner: ctx.owner,
      repo: ctx.name,
      state: 'closed',
      base: ctx.branch,
      sort: 'updated',
      direction: 'desc',
    },
    (data) => data as ApiPull[],
    (p) => p.updated_at,
    ctx.readFrom,
  );
  const deployments: Deployment[] = [];
  for (const p of listed ?? []) {
    if (p.merged_at === null || !within(p.merged_at, ctx.since, ctx.until)) continue;
    deployments.push({
      id: `${ctx.repo}:merge:${p.number}`,
      environment: ctx.environment,
      status: 'success',
      finishedAt: p.merged_at,
      ...(p.merge_commit_sha === null ? {} : { sha: p.merge_commit_sha }),
      repository: ctx.repo,
    });
  }
  return { deployments, pending: [] };
}
