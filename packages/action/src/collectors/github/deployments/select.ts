import { CollectorError } from '../../errors.js';
import type { DeploymentSourceKind, DeploymentSourceOption } from '../../types.js';
import type { GitHubClient } from '../client.js';
import {
  type ApiWorkflow,
  listWorkflows,
  resolveDeployWorkflows,
  type WorkflowsCache,
} from './workflows.js';

export interface SourceChoice {
  kind: DeploymentSourceKind;
  /** The deploy workflows, for `workflow-runs`. */
  workflows: ApiWorkflow[];
  /** Why this source, for the progress log. */
  reason: string;
  /** The workflow list read, to keep in the cursor for the next run's conditional request. */
  workflowsCache?: WorkflowsCache;
}

export interface SelectOptions {
  option: DeploymentSourceOption;
  environment: string;
  deployWorkflows: string[];
  branch: string;
  /** The source a previous run chose: auto sticks to it, so warm runs read what the stored data came from. */
  previous?: DeploymentSourceKind;
  /** The workflow list a previous run read (from its cursor; checked before use). */
  knownWorkflows?: unknown;
}

/**
 * The deployment source for one repository. `auto` takes the best the repository has: GitHub
 * Deployments in the environment, else runs of deploy workflows on the branch, else published releases,
 * else merged pull requests.
 */
export async function selectSource(
  client: GitHubClient,
  repo: string,
  options: SelectOptions,
): Promise<SourceChoice> {
  const [owner, name] = repo.split('/') as [string, string];
  const kind = options.option === 'auto' ? options.previous : options.option;
  if (kind !== undefined) {
    const reason = options.option === 'auto' ? 'chosen by an earlier run' : 'configured';
    if (kind !== 'workflow-runs') return { kind, workflows: [], reason };
    const found = await deployWorkflows(client, repo, options, true);
    return { kind, workflows: found.workflows, reason, ...cacheOf(found) };
  }
  const deployments = await client.octokit.request('GET /repos/{owner}/{repo}/deployments', {
    owner,
    repo: name,
    environment: options.environment,
    per_page: 1,
  });
  if (deployments.data.length > 0) {
    return {
      kind: 'deployments',
      workflows: [],
      reason: `GitHub Deployments exist in "${options.environment}"`,
    };
  }
  const found = await deployWorkflows(client, repo, options, false);
  const workflows = found.workflows;
  for (const workflow of workflows) {
    const runs = await client.octokit.request(
      'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      {
        owner,
        repo: name,
        workflow_id: workflow.id,
        branch: options.branch,
        per_page: 1,
      },
    );
    if (runs.data.total_count > 0) {
      const names = workflows.map((w) => w.path.split('/').pop()).join(', ');
      return {
        kind: 'workflow-runs',
        workflows,
        reason: `deploy workflow runs on ${options.branch} (${names})`,
        ...cacheOf(found),
      };
    }
  }
  const releases = await client.octokit.request('GET /repos/{owner}/{repo}/releases', {
    owner,
    repo: name,
    per_page: 10,
  });
  if (releases.data.some((r) => !r.draft))
    return { kind: 'releases', workflows: [], reason: 'published releases exist' };
  return {
    kind: 'merges',
    workflows: [],
    reason: `no deployments, deploy workflows or releases: merges into ${options.branch}`,
  };
}

const cacheOf = (found: { cache?: WorkflowsCache }): { workflowsCache?: WorkflowsCache } =>
  found.cache === undefined ? {} : { workflowsCache: found.cache };

async function deployWorkflows(
  client: GitHubClient,
  repo: string,
  options: SelectOptions,
  required: boolean,
): Promise<{ workflows: ApiWorkflow[]; cache?: WorkflowsCache }> {
  const [owner, name] = repo.split('/') as [string, string];
  const listed = await listWorkflows(client, owner, name, options.knownWorkflows);
  const all = listed.workflows;
  const found = resolveDeployWorkflows(all, options.deployWorkflows, repo);
  if (required && found.length === 0) {
    const have = all.map((w) => w.path.split('/').pop()).join(', ');
    throw new CollectorError(
      'github',
      `${repo}: no deploy workflow found (none named in \`deploy-workflows\` and none mentions "deploy"); its workflows are: ${have === '' ? 'none' : have}`,
    );
  }
  return listed.cache === undefined
    ? { workflows: found }
    : { workflows: found, cache: listed.cache };
}
