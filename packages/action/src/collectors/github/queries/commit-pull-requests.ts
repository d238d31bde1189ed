import { ASSOCIATED_PER_COMMIT, type AssociatedPullRequest } from './history.js';

/** Commits looked up in one request (aliases of one query, 1 point each 100). */
export const COMMITS_PER_LOOKUP = 50;

/**
 * The pull requests of commits that were not on the walked history (compare results, revert shas).
 * One aliased `object(expression:)` (abbreviated shas allowed) per commit keeps it to one request.
 */
export function commitPullRequestsQuery(shas: readonly string[]): string {
  const fields = shas.map((sha, i) => {
    // Shas come from API answers and PR bodies: only hex may reach the query text.
    if (!/^[0-9a-f]{7,40}$/.test(sha)) throw new Error(`not a commit sha: ${JSON.stringify(sha)}`);
    return `c${i}: object(expression: "${sha}") { ... on Commit { oid associatedPullRequests(first: ${ASSOCIATED_PER_COMMIT}) { nodes { number baseRefName mergedAt } } } }`;
  });
  return `query CommitPullRequests($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    ${fields.join('\n    ')}
  }
}`;
}

export interface CommitPullRequestsResult {
  repository: Record<
    string,
    {
      oid?: string;
      associatedPullRequests?: { nodes: Array<AssociatedPullRequest | null> | null } | null;
    } | null
  > | null;
}

/** The smallest surface of the client a lookup needs: one GraphQL call. */
export interface GraphqlCaller {
  octokit: { graphql: <T>(query: string, variables: Record<string, unknown>) => Promise<T> };
}

/**
 * Maps each sha to the numbers of the merged pull requests into `base` that contain it. Shas the API does not
 * know map to nothing. Costs one request per {@link COMMITS_PER_LOOKUP} shas.
 */
export async function lookupCommitPullRequests(
  client: GraphqlCaller,
  repo: string,
  base: string,
  shas: readonly string[],
): Promise<Map<string, number[]>> {
  const [owner = '', name = ''] = repo.split('/');
  const found = new Map<string, number[]>();
  for (let i = 0; i < shas.length; i += COMMITS_PER_LOOKUP) {
    const batch = shas.slice(i, i + COMMITS_PER_LOOKUP);
    const result = await client.octokit.graphql<CommitPullRequestsResult>(
      commitPullRequestsQuery(batch),
      { owner, name },
    );
    batch.forEach((sha, j) => {
      const nodes = result.repository?.[`c${j}`]?.associatedPullRequests?.nodes ?? [];
      const numbers = nodes
        .filter((n) => n !== null && n.baseRefName === base && n.mergedAt !== null)
        .map((n) => (n as AssociatedPullRequest).number);
      if (numbers.length > 0) found.set(sha, numbers);
    });
  }
  return found;
}
