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
      sha: r.target_commitish,
      repository: ctx.repo,
    });
  }
  return { deployments, pending: [] };
}
