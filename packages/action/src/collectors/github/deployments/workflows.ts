import { CollectorError } from '../../errors.js';
import type { GitHubClient } from '../client.js';

export interface ApiWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
}

export async function listWorkflows(
  client: GitHubClient,
  owner: string,
  repo: string,
): Promise<ApiWorkflow[]> {
  const all = await client.octokit.paginate('GET /repos/{owner}/{repo}/actions/workflows', {
    owner,
    repo,
    per_page: 100,
  });
  return all as ApiWorkflow[];
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
