import type { GitHubClient } from '../client.js';
import type { ConnectionShape } from './cost.js';
import { type BranchHistoryPage, branchHistoryConnection, HISTORY_SHAPE } from './history.js';
import {
  MERGED_PULL_REQUESTS_SHAPE,
  type MergedPullRequestsPage,
  mergedPullRequestsConnection,
} from './pull-requests.js';

/**
 * The first page of the merged pull requests and of the deploy branch's history in one request: a run
 * always needs both, and a warm run with nothing new needs nothing more. The same points as two queries.
 */
export const FIRST_PAGES = `
query FirstPages($owner: String!, $name: String!, $base: String!, $ref: String!) {
  repository(owner: $owner, name: $name) {
    ${mergedPullRequestsConnection('')}
    ${branchHistoryConnection('')}
  }
}`;

export const FIRST_PAGES_SHAPE: ConnectionShape[] = [
  ...MERGED_PULL_REQUESTS_SHAPE,
  ...HISTORY_SHAPE,
];

/** Both pages at once: read as either query's first page. */
export interface FirstPages {
  repository:
    | (NonNullable<MergedPullRequestsPage['repository']> &
        NonNullable<BranchHistoryPage['repository']>)
    | null;
}

/** The first page of the pull requests merged into `branch` and of its history (one request). */
export async function readFirstPages(
  client: GitHubClient,
  repo: string,
  branch: string,
): Promise<FirstPages> {
  const slash = repo.indexOf('/');
  return await client.octokit.graphql<FirstPages>(FIRST_PAGES, {
    owner: repo.slice(0, slash),
    name: repo.slice(slash + 1),
    base: branch,
    ref: `refs/heads/${branch}`,
  });
}
