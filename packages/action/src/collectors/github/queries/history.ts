import type { ConnectionShape } from './cost.js';

export const PARENTS_PER_COMMIT = 3;
export const ASSOCIATED_PER_COMMIT = 5;

/** The branch `$ref`'s history, 100 commits a page (after `$cursor` when given). */
export function branchHistoryConnection(after: string): string {
  return `ref(qualifiedName: $ref) {
      target {
        ... on Commit {
          history(first: 100${after}) {
            pageInfo { hasNextPage endCursor }
            nodes {
              oid committedDate
              parents(first: ${PARENTS_PER_COMMIT}) { nodes { oid } }
              associatedPullRequests(first: ${ASSOCIATED_PER_COMMIT}) {
                nodes { number baseRefName mergedAt }
              }
            }
          }
        }
      }
    }`;
}

/**
 * One branch's history, 100 commits a page. GitHub returns every ancestor in git-log order (not only the
 * first-parent line), so parents are requested to rebuild that line.
 */
export const BRANCH_HISTORY = `
query BranchHistory($owner: String!, $name: String!, $ref: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    ${branchHistoryConnection(', after: $cursor')}
  }
}`;

export const HISTORY_SHAPE: ConnectionShape[] = [
  { first: 100, nested: [{ first: PARENTS_PER_COMMIT }, { first: ASSOCIATED_PER_COMMIT }] },
];

export interface AssociatedPullRequest {
  number: number;
  baseRefName: string;
  mergedAt: string | null;
}

export interface HistoryCommitNode {
  oid: string;
  committedDate: string;
  parents: { nodes: Array<{ oid: string } | null> | null };
  associatedPullRequests: { nodes: Array<AssociatedPullRequest | null> | null } | null;
}

export interface BranchHistoryPage {
  repository: {
    ref: {
      target: {
        history?: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: Array<HistoryCommitNode | null> | null;
        };
      } | null;
    } | null;
  } | null;
}
