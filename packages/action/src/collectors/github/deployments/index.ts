import type { DeploymentSourceKind } from '../../types.js';
import type { SourceContext, SourceOutput } from './common.js';
import { collectGitHubDeployments } from './github-deployments.js';
import { collectMerges } from './merges.js';
import { collectReleases } from './releases.js';
import { collectWorkflowRuns } from './workflow-runs.js';
import type { ApiWorkflow } from './workflows.js';

export { type SourceContext, type SourceOutput, START_MARGIN_MS } from './common.js';
export { type SourceChoice, selectSource } from './select.js';

export function collectDeployments(
  ctx: SourceContext,
  kind: DeploymentSourceKind,
  options: { workflows: ApiWorkflow[]; deployJob?: string },
): Promise<SourceOutput> {
  switch (kind) {
    case 'deployments':
      return collectGitHubDeployments(ctx);
    case 'workflow-runs':
      return collectWorkflowRuns(ctx, options);
    case 'releases':
      return collectReleases(ctx);
    case 'merges':
      return collectMerges(ctx);
  }
}
