import type { Deployment } from '@dora/core';
import { readNewestFirst, type SourceContext, type SourceOutput, within } from './common.js';

interface ApiRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  draft: boolean;
  created_at: string;
  published_at: string | null;
}

/** Published releases: each tag is a deployment to the environment, `owner/name:release:<id>`. */
export async function collectReleases(ctx: SourceContext): Promise<SourceOutput> {
  const listed = await readNewestFirst<ApiRelease>(
    ctx,
    'GET /repos/{owner}/{repo}/releases',
    { owner: ctx.owner, repo: ctx.name },
    (data) => data as ApiRelease[],
    (r) => r.published_at ?? r.created_at,
    ctx.readFrom,
  );
  const deployments: Deployment[] = [];
  for (const r of listed ?? []) {
    if (r.draft || r.published_at === null || !within(r.published_at, ctx.since, ctx.until))
      continue;
    deployments.push({
      id: `${ctx.repo}:release:${r.id}`,
      environment: ctx.environment,
      status: 'success',
      finishedAt: r.published_at,
      sha: await taggedCommit(ctx, r),
      repository: ctx.repo,
    });
  }
  return { deployments, pending: [] };
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * The commit the release's tag points at. `target_commitish` is a sha when the release was made from
 * one, but often a branch name (its head when the tag was created, not now): then ask for the tag.
 */
async function taggedCommit(ctx: SourceContext, release: ApiRelease): Promise<string> {
  if (SHA.test(release.target_commitish)) return release.target_commitish;
  const res = await ctx.client.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
    owner: ctx.owner,
    repo: ctx.name,
    ref: `refs/tags/${release.tag_name}`,
  });
  return res.data.sha;
}
