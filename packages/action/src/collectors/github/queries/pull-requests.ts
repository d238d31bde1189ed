import type { ConnectionShape } from './cost.js';

export const LABELS_PER_PR = 20;
export const REVIEWS_PER_PR = 20;
export const COMMITS_PER_PAGE = 100;

/** A page of merged pull requests into `$base`, most recently updated first (after `$cursor` when given). */
export function mergedPullRequestsConnection(after: string): string {
  return `pullRequests(first: 100, ${after}states: [MERGED], baseRefName: $base,
                 orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title body createdAt mergedAt updatedAt headRefName
        author { __typename login }
        mergeCommit { oid }
        labels(first: ${LABELS_PER_PR}) { nodes { name } }
        reviews(first: ${REVIEWS_PER_PR}) { nodes { submittedAt author { __typename login } } }
        commits(first: ${COMMITS_PER_PAGE}) { totalCount nodes { commit { oid authoredDate } } }
      }
    }`;
}

/**
 * Merged pull requests into one base branch, most recently updated first, so an incremental run stops at
 * its watermark (there is no MERGED_AT order). Only the fields a Change needs, plus the body for reverts.
 */
export const MERGED_PULL_REQUESTS = `
query MergedPullRequests($owner: String!, $name: String!, $base: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    ${mergedPullRequestsConnection('after: $cursor, ')}
  }
}`;

export const MERGED_PULL_REQUESTS_SHAPE: ConnectionShape[] = [
  {
    first: 100,
    nested: [{ first: LABELS_PER_PR }, { first: REVIEWS_PER_PR }, { first: COMMITS_PER_PAGE }],
  },
];

export interface PullRequestCommitNode {
  commit: { oid: string; authoredDate: string };
}

export interface PullRequestNode {
  number: number;
  title: string;
  body: string;
  createdAt: string;
  mergedAt: string | null;
  updatedAt: string;
  headRefName: string;
  author: { __typename?: string; login: string } | null;
  mergeCommit: { oid: string } | null;
  labels: { nodes: Array<{ name: string } | null> | null } | null;
  reviews: {
    nodes: Array<{
      submittedAt: string | null;
      author: { __typename?: string; login: string } | null;
    } | null> | null;
  } | null;
  commits: { totalCount: number; nodes: Array<PullRequestCommitNode | null> | null };
}

export interface MergedPullRequestsPage {
  repository: {
    pullRequests: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<PullRequestNode | null> | null;
    };
  } | null;
}

/** The rest of a long pull request's commits, beyond the first page. */
export const PULL_REQUEST_COMMITS = `
query PullRequestCommits($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(first: ${COMMITS_PER_PAGE}, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid authoredDate } }
      }
    }
  }
}`;

export interface PullRequestCommitsPage {
  repository: {
    pullRequest: {
      commits: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<PullRequestCommitNode | null> | null;
      };
    } | null;
  } | null;
}
