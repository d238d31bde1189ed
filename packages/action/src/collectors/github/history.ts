import type { GitHubClient } from './client.js';
import { pagesAfter } from './pages.js';
import {
  BRANCH_HISTORY,
  type BranchHistoryPage,
  type HistoryCommitNode,
} from './queries/history.js';

/** One commit of the walked history. */
export interface HistoryCommit {
  oid: string;
  committedAt: string;
  /** First parent first. */
  parents: string[];
  /** Merged pull requests into the walked branch that contain this commit. */
  pullRequests: number[];
}

export interface WalkOptions {
  branch: string;
  /** A warm run: stop once the first-parent line reaches this commit (the previous run's head). */
  knownHead?: string;
  /** Stop once the first-parent line is older than this (committer time, ms). */
  stopBeforeMs: number;
  /** Pages of 100 commits at most. Default 1000. */
  maxPages?: number;
  /** The first page, when it came with another query. */
  firstPage?: BranchHistoryPage;
}

export interface Walk {
  /** Every commit read, by oid. */
  commits: Map<string, HistoryCommit>;
  /** The first-parent line from the branch head, newest first, not including `knownHead`. */
  chain: string[];
  /** The walk met `knownHead` (false on a cold walk, or when the branch was rewritten). */
  reachedKnownHead: boolean;
  pages: number;
  /** The walk stopped on `maxPages` before reaching its bound. */
  truncated: boolean;
}

/**
 * Reads a branch's history newest first until its first-parent line passes `knownHead` or `stopBeforeMs`.
 * GitHub lists every ancestor in git-log order, so the line is rebuilt from the parents after each page.
 */
export async function walkHistory(
  client: GitHubClient,
  repo: string,
  opts: WalkOptions,
): Promise<Walk> {
  const slash = repo.indexOf('/');
  const commits = new Map<string, HistoryCommit>();
  const chain: string[] = [];
  const maxPages = opts.maxPages ?? 1000;
  let pages = 0;
  let done = false;
  let reachedKnownHead = false;
  const iterator = pagesAfter(
    opts.firstPage,
    (page) => page.repository?.ref?.target?.history?.pageInfo,
    (cursor) =>
      client.octokit.graphql.paginate.iterator<BranchHistoryPage>(BRANCH_HISTORY, {
        owner: repo.slice(0, slash),
        name: repo.slice(slash + 1),
        ref: `refs/heads/${opts.branch}`,
        ...(cursor === undefined ? {} : { cursor }),
      }),
  );
  for await (const page of iterator) {
    pages++;
    for (const node of page.repository?.ref?.target?.history?.nodes ?? []) {
      if (node !== null) commits.set(node.oid, toCommit(node, opts.branch));
    }
    const step = extendChain(chain, commits, opts);
    reachedKnownHead = step.reachedKnownHead;
    done = step.done;
    if (done || pages >= maxPages) break;
  }
  return { commits, chain, reachedKnownHead, pages, truncated: !done && pages >= maxPages };
}

function toCommit(node: HistoryCommitNode, branch: string): HistoryCommit {
  const parents = (node.parents.nodes ?? []).flatMap((p) => (p === null ? [] : [p.oid]));
  const pullRequests = (node.associatedPullRequests?.nodes ?? []).flatMap((pr) =>
    pr !== null && pr.baseRefName === branch && pr.mergedAt !== null ? [pr.number] : [],
  );
  return { oid: node.oid, committedAt: node.committedDate, parents, pullRequests };
}

/**
 * Follows first parents from the chain's end through the commits read so far. Done when the line meets
 * `knownHead`, goes below `stopBeforeMs` (without a known head), or ends (a root commit).
 */
export function extendChain(
  chain: string[],
  commits: ReadonlyMap<string, HistoryCommit>,
  opts: Pick<WalkOptions, 'knownHead' | 'stopBeforeMs'>,
): { done: boolean; reachedKnownHead: boolean } {
  for (;;) {
    const last = chain.at(-1);
    const next = last === undefined ? firstCommit(commits) : commits.get(last)?.parents[0];
    if (last !== undefined && next === undefined) return { done: true, reachedKnownHead: false };
    if (next === undefined) return { done: false, reachedKnownHead: false };
    if (next === opts.knownHead) return { done: true, reachedKnownHead: true };
    const commit = commits.get(next);
    if (commit === undefined) return { done: false, reachedKnownHead: false };
    chain.push(next);
    // A warm walk goes on below the bound while it looks for its known head, then gives up: rewritten branch.
    const bound =
      opts.knownHead === undefined ? opts.stopBeforeMs : opts.stopBeforeMs - WARM_SLACK_MS;
    if (Date.parse(commit.committedAt) < bound) return { done: true, reachedKnownHead: false };
  }
}

const WARM_SLACK_MS = 7 * 86_400_000;

function firstCommit(commits: ReadonlyMap<string, HistoryCommit>): string | undefined {
  for (const oid of commits.keys()) return oid;
  return undefined;
}

/**
 * For each commit read, the first-parent commit that brought it onto the branch: itself for the line's
 * own commits, the merge for side commits. Oldest line commits first, so a side commit reachable from
 * several merges goes to the earliest. The walk stops at commits `alreadyOnBranch` says an earlier run placed.
 */
export function introducers(
  chain: readonly string[],
  commits: ReadonlyMap<string, HistoryCommit>,
  alreadyOnBranch: (oid: string) => boolean = () => false,
): Map<string, string> {
  const by = new Map<string, string>();
  for (const oid of chain) by.set(oid, oid);
  for (let i = chain.length - 1; i >= 0; i--) {
    const merge = chain[i] as string;
    const stack = commits.get(merge)?.parents.slice(1) ?? [];
    while (stack.length > 0) {
      const oid = stack.pop() as string;
      if (by.has(oid) || alreadyOnBranch(oid)) continue;
      const commit = commits.get(oid);
      if (commit === undefined) continue;
      by.set(oid, merge);
      stack.push(...commit.parents);
    }
  }
  return by;
}
