import { CollectorError } from '../../errors.js';
import type { GitHubClient } from '../client.js';

export interface ApiWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
}

/** The repository's workflow list as last read, with its ETag: a warm run asks "changed?" for free. */
export interface WorkflowsCache {
  etag: string;
  workflows: ApiWorkflow[];
}

const isWorkflowsCache = (value: unknown): value is WorkflowsCache =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as WorkflowsCache).etag === 'string' &&
  Array.isArray((value as WorkflowsCache).workflows);

const WORKFLOWS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows' as const;
const PER_PAGE = 100;

/**
 * Every workflow of the repository. The first page is a conditional request against `known` (a 304
 * costs no budget and means the list is unchanged); a repository with more than one page of workflows
 * is read in full and not cached.
 */
export async function listWorkflows(
  client: GitHubClient,
  owner: string,
  repo: string,
  known?: unknown,
): Promise<{ workflows: ApiWorkflow[]; cache?: WorkflowsCache }> {
  const cached = isWorkflowsCache(known) ? known : undefined;
  const first = await client.conditionalGet<{ total_count: number; workflows: ApiWorkflow[] }>(
    WORKFLOWS_ROUTE,
    { owner, repo, per_page: PER_PAGE },
    cached?.etag,
  );
  if (first.status === 304 && cached !== undefined)
    return { workflows: cached.workflows, cache: cached };
  if (first.status === 200 && !first.hasNext) {
    const workflows = first.data.workflows.map(({ id, name, path, state }) => ({
      id,
      name,
      path,
      state,
    }));
    return first.etag === undefined
      ? { workflows }
      : { workflows, cache: { etag: first.etag, workflows } };
  }
  const all = await client.octokit.paginate(WORKFLOWS_ROUTE, { owner, repo, per_page: PER_PAGE });
  return { workflows: all as ApiWorkflow[] };
}

const fileName = (w: ApiWorkflow): string => w.path.split('/').pop() ?? w.path;

/**
 * The workflows named by the user (file name like `deploy.yml`, or the workflow's name, case-insensitive).
 * With none named, the workflows whose name or file mentions "deploy". An unknown name is an error that
 * lists what the repository has, so the user can fix the input at once.
 */
export function resolveDeployWorkflows(
  all: ApiWorkflow[],
  wanted: string[],
  repo: string,
): ApiWorkflow[] {
  if (wanted.length === 0)
    return all.filter((w) => /deploy/i.test(w.name) || /deploy/i.test(fileName(w)));
  const found: ApiWorkflow[] = [];
  const unknown: string[] = [];
  for (const want of wanted) {
    const key = want
      .trim()
      .toLowerCase()
      .replace(/^\.github\/workflows\//, '');
    const match = all.find(
      (w) => fileName(w).toLowerCase() === key || w.name.toLowerCase() === key,
    );
    if (match === undefined) unknown.push(want);
    else if (!found.includes(match)) found.push(match);
  }
  if (unknown.length > 0) {
    const have = all.map((w) => `${fileName(w)} ("${w.name}")`).join(', ');
    throw new CollectorError(
      'github',
      `${repo} has no workflow ${unknown.map((u) => `"${u}"`).join(', ')}; its workflows are: ${have === '' ? 'none' : have}`,
    );
  }
  return found;
}
