import type { Change } from '@dora/core';
import type { GitHubClient } from './client.js';
import { pagesAfter } from './pages.js';
import { lookupCommitPullRequests } from './queries/commit-pull-requests.js';
import {
  MERGED_PULL_REQUESTS,
  type MergedPullRequestsPage,
  PULL_REQUEST_COMMITS,
  type PullRequestCommitNode,
  type PullRequestCommitsPage,
  type PullRequestNode,
} from './queries/pull-requests.js';
import { parseRevertRefs, type RevertIndex, type RevertRefs, resolveRevert } from './revert.js';

/** A change remembered across runs: enough to resolve a later revert of it. */
export type KnownChange = [title: string, mergedAtMs: number, mergeCommitOid: string | null];

export interface ChangesCursor {
  version: 1;
  baseBranch: string;
  /** The newest `updatedAt` read (ISO-8601): a warm run stops paging below it (minus the lookback). */
  watermark?: string;
  /** Changes merged in the collection range, by pull request number. */
  known: Record<string, KnownChange>;
}

export interface CollectChangesOptions {
  /** The collection range `[since, until)` on `mergedAt`; `since` is the same in every run. */
  since: Date;
  until: Date;
  baseBranch: string;
  cursor?: ChangesCursor;
  /** A warm run re-reads pull requests updated up to this long before its watermark. Default 1 h. */
  lookbackMs?: number;
  /** Extra pages of 100 commits read for one long pull request. Default 10. */
  maxCommitPages?: number;
  /** Revert shas not found among known changes looked up through the API, at most. Default 50. */
  maxShaLookups?: number;
  /** The first page, when it came with the history's (`readFirstPages`). */
  firstPage?: MergedPullRequestsPage;
}

export interface CollectChangesResult {
  /** Pull requests merged in the range that were read this run (new or updated since the cursor). */
  changes: Change[];
  cursor: ChangesCursor;
  /** Change id -> the commit that landed on the base branch, for `linkChanges`. */
  mergeCommits: Record<string, string>;
  warnings: string[];
}

interface Collected {
  node: PullRequestNode;
  change: Change;
  commitOids: string[];
  refs: RevertRefs;
}

const DEFAULT_LOOKBACK_MS = 60 * 60_000;

/**
 * Merged pull requests into `baseBranch` as changes: firstCommitAt is the earliest authored date of all
 * their commits, firstReviewAt the earliest review by someone else, `reverts` resolved against every change
 * known so far (this run's and the cursor's).
 */
export async function collectChanges(
  client: GitHubClient,
  repo: string,
  opts: CollectChangesOptions,
): Promise<CollectChangesResult> {
  const warnings: string[] = [];
  const cursor = usableCursor(opts.cursor, opts.baseBranch, opts.since);
  const stopBelow = stopInstant(cursor, opts);
  const { nodes, newest } = await readMergedPullRequests(
    client,
    repo,
    opts.baseBranch,
    stopBelow,
    opts.firstPage,
  );
  const sinceMs = opts.since.getTime();
  const untilMs = opts.until.getTime();
  const collected: Collected[] = [];
  for (const node of nodes) {
    const mergedAtMs = node.mergedAt === null ? Number.NaN : Date.parse(node.mergedAt);
    if (!(mergedAtMs >= sinceMs && mergedAtMs < untilMs)) continue;
    const commits = await allCommits(client, repo, node, opts.maxCommitPages ?? 10, warnings);
    collected.push(toCollected(repo, node, commits));
  }
  for (const c of collected) {
    cursor.known[String(c.node.number)] = [
      c.node.title,
      Date.parse(c.node.mergedAt ?? ''),
      c.node.mergeCommit?.oid ?? null,
    ];
  }
  await resolveReverts(client, repo, opts, cursor, collected, warnings);
  const watermark = laterOf(cursor.watermark, newest, opts.until);
  if (watermark !== undefined) cursor.watermark = watermark;
  const mergeCommits: Record<string, string> = {};
  for (const c of collected) {
    if (c.node.mergeCommit !== null) mergeCommits[c.change.id] = c.node.mergeCommit.oid;
  }
  return { changes: collected.map((c) => c.change), cursor, mergeCommits, warnings };
}

/** A copy of the cursor for this branch without changes merged before `since` (a full run never sees them). */
function usableCursor(cursor: ChangesCursor | undefined, base: string, since: Date): ChangesCursor {
  if (cursor === undefined || cursor.version !== 1 || cursor.baseBranch !== base) {
    return { version: 1, baseBranch: base, known: {} };
  }
  const known: Record<string, KnownChange> = {};
  for (const [n, k] of Object.entries(cursor.known)) {
    if (k[1] >= since.getTime()) known[n] = k;
  }
  return cursor.watermark === undefined
    ? { version: 1, baseBranch: base, known }
    : { version: 1, baseBranch: base, watermark: cursor.watermark, known };
}

function stopInstant(cursor: ChangesCursor, opts: CollectChangesOptions): number {
  const since = opts.since.getTime();
  if (cursor.watermark === undefined) return since;
  return Math.max(since, Date.parse(cursor.watermark) - (opts.lookbackMs ?? DEFAULT_LOOKBACK_MS));
}

/** Pages newest-updated first until a pull request was last updated before `stopBelowMs`. */
async function readMergedPullRequests(
  client: GitHubClient,
  repo: string,
  base: string,
  stopBelowMs: number,
  firstPage: MergedPullRequestsPage | undefined,
): Promise<{ nodes: PullRequestNode[]; newest: string | undefined }> {
  const [owner, name] = splitRepo(repo);
  const nodes: PullRequestNode[] = [];
  let newest: string | undefined;
  const pages = pagesAfter(
    firstPage,
    (page) => page.repository?.pullRequests.pageInfo,
    (cursor) =>
      client.octokit.graphql.paginate.iterator<MergedPullRequestsPage>(MERGED_PULL_REQUESTS, {
        owner,
        name,
        base,
        ...(cursor === undefined ? {} : { cursor }),
      }),
  );
  for await (const page of pages) {
    let reachedStop = false;
    for (const node of page.repository?.pullRequests.nodes ?? []) {
      if (node === null) continue;
      // Updated at or after merging: a pull request updated before the stop was merged before it too.
      if (Date.parse(node.updatedAt) < stopBelowMs) {
        reachedStop = true;
        break;
      }
      if (newest === undefined || node.updatedAt > newest) newest = node.updatedAt;
      nodes.push(node);
    }
    if (reachedStop) break;
  }
  return { nodes, newest };
}

/** The pull request's commits: the first page came with it; long ones are paged, up to a bound. */
async function allCommits(
  client: GitHubClient,
  repo: string,
  node: PullRequestNode,
  maxPages: number,
  warnings: string[],
): Promise<PullRequestCommitNode[]> {
  const first = compact(node.commits.nodes);
  if (node.commits.totalCount <= first.length) return first;
  const [owner, name] = splitRepo(repo);
  const commits: PullRequestCommitNode[] = [];
  let pages = 0;
  const iterator = client.octokit.graphql.paginate.iterator<PullRequestCommitsPage>(
    PULL_REQUEST_COMMITS,
    { owner, name, number: node.number },
  );
  for await (const page of iterator) {
    commits.push(...compact(page.repository?.pullRequest?.commits.nodes));
    if (++pages >= maxPages) break;
  }
  if (commits.length < node.commits.totalCount) {
    warnings.push(
      `${repo}#${node.number} has ${node.commits.totalCount} commits; its first commit time comes from the first ${commits.length}`,
    );
  }
  return commits.length >= first.length ? commits : first;
}

function toCollected(
  repo: string,
  node: PullRequestNode,
  commits: PullRequestCommitNode[],
): Collected {
  const author = loginOf(node.author);
  const change: Change = {
    id: `${repo}#${node.number}`,
    firstCommitAt: earliest(commits.map((c) => c.commit.authoredDate)) ?? node.createdAt,
    createdAt: node.createdAt,
    repository: repo,
    title: node.title,
    branch: node.headRefName,
    labels: compact(node.labels?.nodes).map((l) => l.name),
  };
  const firstReviewAt = earliest(
    compact(node.reviews?.nodes)
      .filter(
        (r) => r.submittedAt !== null && (author === undefined || loginOf(r.author) !== author),
      )
      .map((r) => r.submittedAt as string),
  );
  if (firstReviewAt !== undefined) change.firstReviewAt = firstReviewAt;
  if (node.mergedAt !== null) change.mergedAt = node.mergedAt;
  if (author !== undefined) change.author = author;
  return {
    node,
    change,
    commitOids: commits.map((c) => c.commit.oid.toLowerCase()),
    refs: parseRevertRefs(node.title, node.body ?? '', repo),
  };
}

/** Sets `reverts` on this run's changes; shas unknown here are asked of the API (bounded). */
async function resolveReverts(
  client: GitHubClient,
  repo: string,
  opts: CollectChangesOptions,
  cursor: ChangesCursor,
  collected: Collected[],
  warnings: string[],
): Promise<void> {
  const index = buildIndex(repo, cursor, collected);
  const bySha = index.bySha as Map<string, string>;
  const unknown = new Set<string>();
  for (const c of collected) {
    for (const sha of c.refs.shas) if (!hasSha(bySha, sha)) unknown.add(sha);
  }
  const limit = opts.maxShaLookups ?? 50;
  const asked = [...unknown].sort().slice(0, limit);
  if (unknown.size > limit) {
    warnings.push(
      `${repo}: ${unknown.size - limit} reverted commits were not looked up (limit ${limit})`,
    );
  }
  if (asked.length > 0) {
    const found = await lookupCommitPullRequests(client, repo, opts.baseBranch, asked);
    for (const [sha, numbers] of found) {
      const n = Math.min(...numbers);
      bySha.set(sha, `${repo}#${n}`);
    }
  }
  for (const c of collected) {
    const subject = {
      id: c.change.id,
      title: c.node.title,
      mergedAtMs: Date.parse(c.node.mergedAt ?? ''),
    };
    const reverted = resolveRevert(subject, c.refs, repo, index);
    if (reverted !== undefined) c.change.reverts = reverted;
  }
}

function buildIndex(repo: string, cursor: ChangesCursor, collected: Collected[]): RevertIndex {
  const bySha = new Map<string, string>();
  const changes = Object.entries(cursor.known).map(([n, [title, mergedAtMs, oid]]) => {
    if (oid !== null) bySha.set(oid.toLowerCase(), `${repo}#${n}`);
    return { id: `${repo}#${n}`, title, mergedAtMs };
  });
  // A pull request's own commits identify it too (merge and rebase methods keep or copy them).
  for (const c of collected) {
    for (const oid of c.commitOids) if (!bySha.has(oid)) bySha.set(oid, c.change.id);
  }
  return { changes, bySha };
}

function hasSha(bySha: Map<string, string>, sha: string): boolean {
  if (bySha.has(sha)) return true;
  for (const full of bySha.keys()) if (full.startsWith(sha)) return true;
  return false;
}

/** GraphQL names a bot `dependabot`; REST and people say `dependabot[bot]`, which is what teams list. */
function loginOf(
  actor: { __typename?: string; login: string } | null | undefined,
): string | undefined {
  if (actor === null || actor === undefined) return undefined;
  return actor.__typename === 'Bot' && !actor.login.endsWith('[bot]')
    ? `${actor.login}[bot]`
    : actor.login;
}

function earliest(instants: string[]): string | undefined {
  let best: string | undefined;
  let bestMs = Number.POSITIVE_INFINITY;
  for (const t of instants) {
    const ms = Date.parse(t);
    if (ms < bestMs) {
      bestMs = ms;
      best = t;
    }
  }
  return best;
}

function laterOf(
  watermark: string | undefined,
  newest: string | undefined,
  until: Date,
): string | undefined {
  // Never past `until`: pull requests merged after it were skipped and must be read again next run.
  const capped =
    newest !== undefined && Date.parse(newest) > until.getTime() ? until.toISOString() : newest;
  if (watermark === undefined) return capped;
  if (capped === undefined) return watermark;
  return Date.parse(capped) > Date.parse(watermark) ? capped : watermark;
}

function compact<T>(nodes: Array<T | null> | null | undefined): T[] {
  return (nodes ?? []).filter((n): n is T => n !== null);
}

export function splitRepo(repo: string): [owner: string, name: string] {
  const slash = repo.indexOf('/');
  return [repo.slice(0, slash), repo.slice(slash + 1)];
}
