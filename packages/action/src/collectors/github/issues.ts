import type { Incident } from '@dora/core';
import type { GitHubClient } from './client.js';

interface ApiIssue {
  number: number;
  state: string;
  created_at: string;
  closed_at: string | null;
  pull_request?: unknown;
}

export interface IssueIncidentsOptions {
  /** Issues carrying all of these labels are incidents. */
  labels: string[];
  /** Incidents created in [createdFrom, until) are kept. */
  createdFrom: Date;
  until: Date;
  /** Only issues updated at or after this are read (opening and closing both update an issue). */
  updatedSince: Date;
}

/** GitHub issues with all the labels, as incidents from creation to closing: `owner/name:issue:<number>`. */
export async function collectIssueIncidents(
  client: GitHubClient,
  repo: string,
  options: IssueIncidentsOptions,
): Promise<Incident[]> {
  const [owner, name] = repo.split('/') as [string, string];
  const issues = (await client.octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner,
    repo: name,
    labels: options.labels.join(','),
    state: 'all',
    since: options.updatedSince.toISOString(),
    per_page: 100,
  })) as ApiIssue[];
  const out: Incident[] = [];
  for (const issue of issues) {
    // The issues list includes pull requests.
    if (issue.pull_request !== undefined) continue;
    const created = Date.parse(issue.created_at);
    if (created < options.createdFrom.getTime() || created >= options.until.getTime()) continue;
    out.push({
      id: `${repo}:issue:${issue.number}`,
      createdAt: issue.created_at,
      ...(issue.state === 'closed' && issue.closed_at !== null
        ? { resolvedAt: issue.closed_at }
        : {}),
      repository: repo,
    });
  }
  return out;
}
