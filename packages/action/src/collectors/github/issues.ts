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
  /** The previous run's request and ETag: the same request answered 304 means nothing changed. */
  known?: unknown;
}

/** The request a list was read with and its ETag. */
export interface IssuesEtag {
  query: string;
  etag: string;
}

const isIssuesEtag = (value: unknown): value is IssuesEtag =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as IssuesEtag).query === 'string' &&
  typeof (value as IssuesEtag).etag === 'string';

const ROUTE = 'GET /repos/{owner}/{repo}/issues' as const;
const PER_PAGE = 100;
const DAY_MS = 86_400_000;

/** GitHub issues with all the labels, as incidents from creation to closing: `owner/name:issue:<number>`. */
export async function collectIssueIncidents(
  client: GitHubClient,
  repo: string,
  options: IssueIncidentsOptions,
): Promise<{ incidents: Incident[]; etag?: IssuesEtag }> {
  const [owner, name] = repo.split('/') as [string, string];
  // `since` starts at a UTC midnight, so the runs of one day send the same request and an unchanged
  // list is a free 304; reading a few more hours again is harmless (events merge by id).
  const since = new Date(Math.floor(options.updatedSince.getTime() / DAY_MS) * DAY_MS);
  const params = {
    owner,
    repo: name,
    labels: options.labels.join(','),
    state: 'all' as const,
    since: since.toISOString(),
    per_page: PER_PAGE,
  };
  const query = JSON.stringify(params);
  const known =
    isIssuesEtag(options.known) && options.known.query === query ? options.known : undefined;
  const first = await client.conditionalGet<ApiIssue[]>(ROUTE, params, known?.etag);
  if (first.status === 304) return { incidents: [], etag: { query, etag: first.etag } };
  // Page 1 is already read: the rest follows the Link headers from page 2.
  const issues = first.hasNext
    ? [
        ...first.data,
        ...((await client.octokit.paginate(ROUTE, { ...params, page: 2 })) as ApiIssue[]),
      ]
    : first.data;
  const etag = first.etag === undefined ? undefined : { query, etag: first.etag };
  return { incidents: toIncidents(repo, issues, options), ...(etag === undefined ? {} : { etag }) };
}

function toIncidents(repo: string, issues: ApiIssue[], options: IssueIncidentsOptions): Incident[] {
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
