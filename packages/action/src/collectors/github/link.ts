import type { Change, Deployment } from '@dora/core';
import type { BaselineInfo } from '../../run-info.js';
import { CollectorError } from '../errors.js';
import type { GitHubClient } from './client.js';
import { type HistoryCommit, introducers, type Walk, walkHistory } from './history.js';
import { lookupCommitPullRequests } from './queries/commit-pull-requests.js';
import type { BranchHistoryPage } from './queries/history.js';

/** What linking remembers between runs, JSON-serialisable. Positions count first-parent commits upwards. */
export interface HistoryCursor {
  version: 1;
  branch: string;
  /** The newest first-parent commit reached and its position. */
  head?: { oid: string; pos: number };
  /** First-parent positions of recent line commits and of every deployed sha on the line. */
  positions: Record<string, number>;
  /** Deployed shas off the line: the line position they contain (null: none) and changes found by compare. */
  offHistory: Record<string, OffLine>;
  /** Located changes: id -> [line position that brought it, mergedAt ms]. */
  changes: Record<string, [pos: number, mergedAtMs: number]>;
  /** Pull request number -> the latest line position whose commits are associated with it. */
  pulls: Record<string, number>;
  /** Successful deployments linked so far: id -> [environment, finishedAt ms, sha]. */
  deployments: Record<string, [environment: string, finishedAtMs: number, sha: string]>;
}

/** What a deployed sha off the line contains. */
export interface OffLine {
  pos: number | null;
  changeIds: string[];
  /** GitHub does not know the commit: it is never a compare base. */
  missing?: true;
}

export interface LinkOptions {
  /** The deploy branch. */
  branch: string;
  /** Start of the collection range, the same in every run: the first deployment only gets changes merged since. */
  since: Date;
  deployments: Deployment[];
  changes: Change[];
  cursor?: HistoryCursor;
  /** Change id -> merge commit oid (from `collectChanges`), the surest way to place a change on the line. */
  mergeCommits?: Record<string, string>;
  /** Compare calls for deployed shas off the line, per run. Default 50. */
  maxCompares?: number;
  /** Pages of 100 commits read per compare. Default 3. */
  maxComparePages?: number;
  /** History pages per run. Default 1000. */
  maxHistoryPages?: number;
}

export interface LinkResult {
  /**
   * The given deployments: successful ones in the range with `changeIds` (empty when they shipped nothing
   * new), failed ones without, those finished before `since` as given.
   */
  deployments: Deployment[];
  baselines: BaselineInfo[];
  cursor: HistoryCursor;
  warnings: string[];
}

/** A deployment as the assignment sees it. */
export interface Placed {
  id: string;
  environment: string;
  finishedAtMs: number;
  /** Line position it contains up to; null: nothing on the line beyond its extras. */
  pos: number | null;
  /** Changes it contains off the line (found by compare). */
  extras: readonly string[];
}

export interface LocatedChange {
  id: string;
  pos: number;
  mergedAtMs: number;
}

/** Walks this far below `since` for deployed shas committed before the range. */
const STOP_SLACK_MS = 7 * 86_400_000;
/**
 * Line positions kept in the cursor. All of them, up to this many: a warm run then places any deployed
 * line commit a full run would find, without a compare.
 */
const MAX_POSITIONS = 100_000;

/**
 * Gives each change to the first successful deployment, per environment and in finishing order, that
 * contains it: its line position is at or below the deployment's, or compare found it. Failed deployments
 * and rollbacks ship nothing new. The first deployment of an environment only takes changes merged at or
 * after `sinceMs`; older ones it contains are treated as shipped before the range. Each deployment's
 * changes come in id order (pull request number).
 *
 * @example
 * assignChanges([{ id: 'd1', environment: 'production', finishedAtMs: 10, pos: 3, extras: [] }],
 *   [{ id: 'c', pos: 2, mergedAtMs: 5 }], 0) //=> { shipped: Map { 'd1' => ['c'] }, firsts: Map { 'production' => 'd1' } }
 */
export function assignChanges(
  deployments: readonly Placed[],
  changes: readonly LocatedChange[],
  sinceMs: number,
): { shipped: Map<string, string[]>; firsts: Map<string, string> } {
  const byPos = [...changes].sort((a, b) => a.pos - b.pos || compareStrings(a.id, b.id));
  const known = new Map(changes.map((c) => [c.id, c]));
  const shipped = new Map<string, string[]>();
  const firsts = new Map<string, string>();
  for (const [environment, list] of groupBy(deployments, (d) => d.environment)) {
    const done = new Set<string>();
    let next = 0;
    let high = Number.NEGATIVE_INFINITY;
    const ordered = [...list].sort(
      (a, b) => a.finishedAtMs - b.finishedAtMs || compareIds(a.id, b.id),
    );
    ordered.forEach((d, i) => {
      const baseline = i === 0;
      if (baseline) firsts.set(environment, d.id);
      const fresh: LocatedChange[] = [];
      const take = (c: LocatedChange) => {
        if (done.has(c.id)) return;
        done.add(c.id);
        if (!baseline || c.mergedAtMs >= sinceMs) fresh.push(c);
      };
      if (d.pos !== null && d.pos > high) {
        while (next < byPos.length && (byPos[next] as LocatedChange).pos <= d.pos) {
          take(byPos[next] as LocatedChange);
          next++;
        }
        high = d.pos;
      }
      for (const id of d.extras) {
        const c = known.get(id);
        if (c !== undefined) take(c);
      }
      fresh.sort((a, b) => compareIds(a.id, b.id));
      shipped.set(
        d.id,
        fresh.map((c) => c.id),
      );
    });
  }
  return { shipped, firsts };
}

/** The deploy branch's history as this run read it, before any change or deployment is placed. */
export interface HistoryRead {
  /** The cursor this run starts from: pruned to the range, or reset when the branch was rewritten. */
  cursor: HistoryCursor;
  walk: Walk;
  warnings: string[];
}

export type HistoryOptions = Pick<
  LinkOptions,
  'branch' | 'since' | 'cursor' | 'maxHistoryPages'
> & {
  /** The history's first page, when it came with the pull requests' (`readFirstPages`). */
  firstPage?: BranchHistoryPage;
};

/**
 * Walks the deploy branch's first-parent history once (a warm run only its new pages). It needs neither
 * the deployments nor the changes, so a collector can read it while it reads those lists.
 */
export async function readHistory(
  client: GitHubClient,
  repo: string,
  opts: HistoryOptions,
): Promise<HistoryRead> {
  const warnings: string[] = [];
  let cursor = prunedCursor(opts.cursor, opts.branch, opts.since.getTime());
  let walk = await walk_(client, repo, opts, cursor, opts.firstPage);
  if (cursor.head !== undefined && !walk.reachedKnownHead) {
    warnings.push(
      `${repo}: ${opts.branch} no longer contains ${cursor.head.oid.slice(0, 7)} (rewritten?); its history was read again`,
    );
    cursor = { ...emptyCursor(opts.branch), deployments: cursor.deployments };
    walk = await walk_(client, repo, opts, cursor);
  }
  if (walk.truncated) {
    warnings.push(`${repo}: history of ${opts.branch} read up to ${walk.pages} pages only`);
  }
  return { cursor, walk, warnings };
}

/**
 * Sets `changeIds` on deployments: places changes on the history (`history`, or read now with
 * {@link readHistory}) through their merge commits and the pull requests associated with its commits,
 * falls back to compare for deployed shas off the line, and assigns with {@link assignChanges} over every
 * deployment linked so far, so a warm run and a full run give the same links.
 */
export async function linkChanges(
  client: GitHubClient,
  repo: string,
  opts: LinkOptions,
  history?: HistoryRead,
): Promise<LinkResult> {
  const sinceMs = opts.since.getTime();
  const { cursor, walk, warnings } = history ?? (await readHistory(client, repo, opts));
  const line = placeLine(walk, cursor);
  locateChanges(repo, opts, cursor, line, warnings);
  updateLedger(repo, opts.deployments, sinceMs, cursor, warnings);
  const placed = await placeDeployments(client, repo, opts, cursor, line, warnings);
  const located = Object.entries(cursor.changes).map(([id, [pos, mergedAtMs]]) => ({
    id,
    pos,
    mergedAtMs,
  }));
  const { shipped, firsts } = assignChanges(placed, located, sinceMs);
  const deployments = opts.deployments.map((d): Deployment => {
    // Before the range: outside what this run links; left as given.
    if (instantMs(d.finishedAt) < sinceMs) return d;
    const { changeIds: _, ...rest } = d;
    return d.status === 'success' ? { ...rest, changeIds: shipped.get(d.id) ?? [] } : rest;
  });
  const baselines = [...firsts].map(([environment, id]): BaselineInfo => {
    const ledger = cursor.deployments[id] as [string, number, string];
    return {
      repository: repo,
      environment,
      deploymentId: id,
      finishedAt: new Date(ledger[1]).toISOString(),
      boundedAt: opts.since.toISOString(),
    };
  });
  keepRecent(cursor, line);
  return { deployments, baselines, cursor, warnings };
}

function walk_(
  client: GitHubClient,
  repo: string,
  opts: HistoryOptions,
  cursor: HistoryCursor,
  firstPage?: BranchHistoryPage,
): Promise<Walk> {
  const walkOpts = {
    branch: opts.branch,
    stopBeforeMs: opts.since.getTime() - STOP_SLACK_MS,
    maxPages: opts.maxHistoryPages ?? 1000,
    ...(firstPage === undefined ? {} : { firstPage }),
  };
  return walkHistory(
    client,
    repo,
    cursor.head === undefined ? walkOpts : { ...walkOpts, knownHead: cursor.head.oid },
  );
}

function emptyCursor(branch: string): HistoryCursor {
  return {
    version: 1,
    branch,
    positions: {},
    offHistory: {},
    changes: {},
    pulls: {},
    deployments: {},
  };
}

/** A copy without what a full run over the same range would not have: events before `since`. */
function prunedCursor(
  cursor: HistoryCursor | undefined,
  branch: string,
  sinceMs: number,
): HistoryCursor {
  if (cursor === undefined || cursor.version !== 1 || cursor.branch !== branch)
    return emptyCursor(branch);
  const changes = Object.fromEntries(
    Object.entries(cursor.changes).filter(([, c]) => c[1] >= sinceMs),
  );
  const deployments = Object.fromEntries(
    Object.entries(cursor.deployments).filter(([, d]) => d[1] >= sinceMs),
  );
  return {
    ...cursor,
    positions: { ...cursor.positions },
    offHistory: { ...cursor.offHistory },
    pulls: { ...cursor.pulls },
    changes,
    deployments,
  };
}

/** Line positions and, for every commit read, the position of the line commit that brought it. */
interface Line {
  /** oid -> position, line commits only (this walk and the cursor). */
  onLine: (oid: string) => number | undefined;
  /** oid -> position of its introducing line commit, commits read this walk only. */
  introducedAt: (oid: string) => number | undefined;
  commits: ReadonlyMap<string, HistoryCommit>;
  /** Positions of this walk's line commits. */
  fresh: Map<string, number>;
  head: { oid: string; pos: number } | undefined;
}

function placeLine(walk: Walk, cursor: HistoryCursor): Line {
  const base = cursor.head === undefined ? -1 : cursor.head.pos;
  const fresh = new Map<string, number>();
  walk.chain.forEach((oid, i) => {
    fresh.set(oid, base + walk.chain.length - i);
  });
  // Commits already on the line (a warm walk's last page reaches below the known head) stay where they were.
  const by = introducers(walk.chain, walk.commits, (oid) => cursor.positions[oid] !== undefined);
  const onLine = (oid: string) => fresh.get(oid) ?? cursor.positions[oid];
  const first = walk.chain[0];
  const head = first === undefined ? cursor.head : { oid: first, pos: fresh.get(first) as number };
  if (head !== undefined) cursor.head = head;
  return {
    onLine,
    introducedAt: (oid) => {
      const at = by.get(oid);
      return at === undefined ? undefined : fresh.get(at);
    },
    commits: walk.commits,
    fresh,
    head,
  };
}

/** Places changes not yet placed: by merge commit, else the latest line position of an associated commit. */
function locateChanges(
  repo: string,
  opts: LinkOptions,
  cursor: HistoryCursor,
  line: Line,
  warnings: string[],
): void {
  for (const c of line.commits.values()) {
    const at = line.introducedAt(c.oid);
    if (at === undefined) continue;
    for (const n of c.pullRequests) {
      const key = String(n);
      cursor.pulls[key] = Math.max(cursor.pulls[key] ?? Number.NEGATIVE_INFINITY, at);
    }
  }
  let missing = 0;
  const sinceMs = opts.since.getTime();
  for (const change of opts.changes) {
    // Merged before the range: a full run over the range would not know it, so no deployment gets it.
    if (cursor.changes[change.id] !== undefined) continue;
    if (instantMs(change.mergedAt ?? change.firstCommitAt) < sinceMs) continue;
    const oid = opts.mergeCommits?.[change.id];
    const number = change.id.slice(change.id.lastIndexOf('#') + 1);
    const pos =
      (oid === undefined ? undefined : (line.introducedAt(oid) ?? line.onLine(oid))) ??
      cursor.pulls[number];
    if (pos === undefined) {
      missing++;
      continue;
    }
    const mergedAt = instantMs(change.mergedAt ?? change.firstCommitAt);
    cursor.changes[change.id] = [pos, mergedAt];
  }
  if (missing > 0) {
    warnings.push(
      `${repo}: ${missing} merged pull requests were not found on ${opts.branch}'s history`,
    );
  }
}

/**
 * Remembers successful deployments in the range; a re-run attempt that failed replaces its successful
 * earlier attempt.
 */
function updateLedger(
  repo: string,
  deployments: readonly Deployment[],
  sinceMs: number,
  cursor: HistoryCursor,
  warnings: string[],
): void {
  let noSha = 0;
  for (const d of deployments) {
    if (instantMs(d.finishedAt) < sinceMs) continue;
    if (d.status !== 'success' || d.sha === undefined) {
      delete cursor.deployments[d.id];
      if (d.status === 'success') noSha++;
      continue;
    }
    cursor.deployments[d.id] = [d.environment, instantMs(d.finishedAt), d.sha.toLowerCase()];
  }
  if (noSha > 0)
    warnings.push(`${repo}: ${noSha} successful deployments have no sha and ship nothing`);
}

async function placeDeployments(
  client: GitHubClient,
  repo: string,
  opts: LinkOptions,
  cursor: HistoryCursor,
  line: Line,
  warnings: string[],
): Promise<Placed[]> {
  const entries = Object.entries(cursor.deployments).sort(
    ([a, x], [b, y]) => x[1] - y[1] || compareIds(a, b),
  );
  const previousSha = new Map<string, string>();
  const placed: Placed[] = [];
  let compares = 0;
  let skipped = 0;
  for (const [id, [environment, finishedAtMs, sha]] of entries) {
    const prev = previousSha.get(environment);
    if (cursor.offHistory[sha]?.missing !== true) previousSha.set(environment, sha);
    const pos = line.onLine(sha);
    if (pos !== undefined) {
      cursor.positions[sha] = pos;
      placed.push({ id, environment, finishedAtMs, pos, extras: [] });
      continue;
    }
    let off = cursor.offHistory[sha];
    if (off === undefined) {
      if (compares >= (opts.maxCompares ?? 50)) {
        skipped++;
        placed.push({ id, environment, finishedAtMs, pos: null, extras: [] });
        continue;
      }
      compares++;
      const against = prev ?? line.head?.oid;
      off =
        against === undefined
          ? { pos: null, changeIds: [] }
          : await compareOrNothing(client, repo, opts, cursor, line, against, sha, warnings);
      cursor.offHistory[sha] = off;
      if (off.missing === true) {
        if (prev === undefined) previousSha.delete(environment);
        else previousSha.set(environment, prev);
      }
    }
    placed.push({ id, environment, finishedAtMs, pos: off.pos, extras: off.changeIds });
  }
  if (compares > 0) {
    warnings.push(
      `${repo}: ${compares} deployed shas were not on ${opts.branch}'s first-parent history; placed with the compare API`,
    );
  }
  if (skipped > 0) {
    warnings.push(
      `${repo}: ${skipped} deployed shas off the history were not compared (limit reached)`,
    );
  }
  return placed;
}

/** A deployed commit GitHub no longer knows (deleted branch, rewritten history) ships nothing; say so. */
async function compareOrNothing(
  client: GitHubClient,
  repo: string,
  opts: LinkOptions,
  cursor: HistoryCursor,
  line: Line,
  base: string,
  sha: string,
  warnings: string[],
): Promise<OffLine> {
  try {
    return await compareOffLine(client, repo, opts, cursor, line, base, sha, warnings);
  } catch (error) {
    const status = error instanceof CollectorError ? error.status : undefined;
    if (status !== 404 && status !== 422) throw error;
    warnings.push(
      `${repo}: deployed commit ${sha.slice(0, 7)} is unknown to GitHub (${status}); it ships no changes`,
    );
    return { pos: null, changeIds: [], missing: true };
  }
}

interface CompareAnswer {
  status: string;
  total_commits: number;
  merge_base_commit: { sha: string };
  commits: Array<{ sha: string }>;
}

/** What a deployed sha off the line contains, from compare against the previous deployment (or the head). */
async function compareOffLine(
  client: GitHubClient,
  repo: string,
  opts: LinkOptions,
  cursor: HistoryCursor,
  line: Line,
  base: string,
  sha: string,
  warnings: string[],
): Promise<{ pos: number | null; changeIds: string[] }> {
  const [owner, name] = [repo.slice(0, repo.indexOf('/')), repo.slice(repo.indexOf('/') + 1)];
  const maxPages = opts.maxComparePages ?? 3;
  const shas: string[] = [];
  let answer: CompareAnswer | undefined;
  for (let page = 1; page <= maxPages; page++) {
    const response = await client.octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner,
      repo: name,
      basehead: `${base}...${sha}`,
      per_page: 100,
      page,
    });
    answer = response.data as unknown as CompareAnswer;
    shas.push(...answer.commits.map((c) => c.sha.toLowerCase()));
    if (answer.commits.length < 100 || shas.length >= answer.total_commits) break;
  }
  if (answer === undefined || answer.status === 'behind' || answer.status === 'identical') {
    return { pos: null, changeIds: [] };
  }
  if (shas.length < answer.total_commits) {
    warnings.push(
      `${repo}: compare ${base.slice(0, 7)}...${sha.slice(0, 7)} has ${answer.total_commits} commits; read ${shas.length}`,
    );
  }
  const mergeBase = answer.merge_base_commit.sha.toLowerCase();
  const pos = line.onLine(mergeBase) ?? line.introducedAt(mergeBase) ?? null;
  return { pos, changeIds: await changesOfCommits(client, repo, opts, cursor, line, shas) };
}

/** The known changes that commits belong to: by merge commit, line position, association, or the API. */
async function changesOfCommits(
  client: GitHubClient,
  repo: string,
  opts: LinkOptions,
  cursor: HistoryCursor,
  line: Line,
  shas: readonly string[],
): Promise<string[]> {
  const known = new Set([...opts.changes.map((c) => c.id), ...Object.keys(cursor.changes)]);
  const byMerge = new Map(
    Object.entries(opts.mergeCommits ?? {}).map(([id, oid]) => [oid.toLowerCase(), id]),
  );
  const atPos = new Map<number, string[]>();
  for (const [id, [pos]] of Object.entries(cursor.changes)) {
    atPos.set(pos, [...(atPos.get(pos) ?? []), id]);
  }
  const found = new Set<string>();
  const ask: string[] = [];
  for (const sha of shas) {
    const merged = byMerge.get(sha);
    const pos = line.onLine(sha);
    const commit = line.commits.get(sha);
    if (merged !== undefined) found.add(merged);
    else if (pos !== undefined) for (const id of atPos.get(pos) ?? []) found.add(id);
    else if (commit !== undefined) for (const n of commit.pullRequests) found.add(`${repo}#${n}`);
    else ask.push(sha);
  }
  if (ask.length > 0) {
    const numbers = await lookupCommitPullRequests(client, repo, opts.branch, ask);
    for (const list of numbers.values()) for (const n of list) found.add(`${repo}#${n}`);
  }
  return [...found].filter((id) => known.has(id)).sort(compareStrings);
}

/** Keeps the cursor bounded: line positions (newest first, up to a cap) and what deployed shas need. */
function keepRecent(cursor: HistoryCursor, line: Line): void {
  const all = [...Object.entries(cursor.positions), ...line.fresh].sort((a, b) => b[1] - a[1]);
  const deployed = new Set(Object.values(cursor.deployments).map((d) => d[2]));
  const positions: Record<string, number> = {};
  all.forEach(([oid, pos], i) => {
    if (i < MAX_POSITIONS || deployed.has(oid)) positions[oid] = pos;
  });
  cursor.positions = positions;
  const floor = all[Math.min(all.length, MAX_POSITIONS) - 1]?.[1] ?? Number.NEGATIVE_INFINITY;
  cursor.offHistory = Object.fromEntries(
    Object.entries(cursor.offHistory).filter(([sha]) => deployed.has(sha)),
  );
  cursor.pulls = Object.fromEntries(Object.entries(cursor.pulls).filter(([, pos]) => pos >= floor));
}

function instantMs(t: string | number | Date): number {
  return t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids in natural order: `acme/shop#9` before `acme/shop#10`, `run:999` before `run:1000`. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
