import type {
  ScenarioCommit,
  ScenarioDeployment,
  ScenarioIssue,
  ScenarioPullRequest,
  ScenarioRelease,
  ScenarioRepo,
  ScenarioWorkflow,
  ScenarioWorkflowRun,
} from './scenario.js';

export interface Ancestry {
  /** Every ancestor (and the commit itself) in `git log` order: newest committer date first. */
  list: string[];
  set: Set<string>;
}

function updatedOf(pr: ScenarioPullRequest): number {
  let latest = Date.parse(pr.createdAt);
  for (const t of [pr.firstReviewAt, pr.mergedAt, pr.closedAt]) {
    if (t !== undefined) latest = Math.max(latest, Date.parse(t));
  }
  return latest;
}

const byTimeDesc = (a: string, b: string) => Date.parse(b) - Date.parse(a);

/**
 * Everything the routes need about one repository, computed once so that no request scans the
 * whole commit graph: lookups by id, lists in GitHub's order, and memoised ancestries.
 */
export class RepoIndex {
  readonly full: string;
  readonly commits = new Map<string, ScenarioCommit>();
  /** Position of each commit in git-log order over the whole repository. */
  private readonly rank = new Map<string, number>();
  private readonly ancestry = new Map<string, Ancestry>();
  readonly branchHeads = new Map<string, string>();
  readonly pulls: ScenarioPullRequest[];
  readonly pullsByNumber = new Map<number, ScenarioPullRequest>();
  /** PRs a commit belongs to (its own commits, merge commit, rebased copies). */
  readonly pullsByCommit = new Map<string, ScenarioPullRequest[]>();
  readonly workflows: ScenarioWorkflow[];
  readonly runs: ScenarioWorkflowRun[];
  readonly runsById = new Map<number, ScenarioWorkflowRun>();
  readonly deployments: ScenarioDeployment[];
  readonly deploymentsById = new Map<number, ScenarioDeployment>();
  readonly releases: ScenarioRelease[];
  readonly issues: ScenarioIssue[];
  readonly createdAt: string;
  /** Epoch milliseconds of each PR's creation and last update, for sorting without parsing. */
  readonly pullTimes = new Map<ScenarioPullRequest, { created: number; updated: number }>();

  constructor(readonly repo: ScenarioRepo) {
    this.full = `${repo.owner}/${repo.name}`;
    repo.commits.forEach((c) => {
      this.commits.set(c.sha, c);
    });
    const position = new Map(repo.commits.map((c, i) => [c.sha, i]));
    const ordered = [...repo.commits].sort(
      (a, b) =>
        Date.parse(b.committedAt) - Date.parse(a.committedAt) ||
        (position.get(b.sha) ?? 0) - (position.get(a.sha) ?? 0),
    );
    ordered.forEach((c, i) => {
      this.rank.set(c.sha, i);
    });
    this.createdAt = ordered.at(-1)?.committedAt ?? '2020-01-01T00:00:00Z';
    this.findBranchHeads();
    this.pulls = [...(repo.pullRequests ?? [])].sort((a, b) => a.number - b.number);
    for (const pr of this.pulls) {
      this.pullTimes.set(pr, { created: Date.parse(pr.createdAt), updated: updatedOf(pr) });
      this.pullsByNumber.set(pr.number, pr);
      this.indexPullCommits(pr);
      if (pr.state === 'open' && pr.commits.length > 0) {
        this.branchHeads.set(pr.headRef, pr.commits.at(-1) as string);
      }
    }
    this.workflows = repo.workflows ?? [];
    this.runs = [...(repo.workflowRuns ?? [])].sort(
      (a, b) => byTimeDesc(a.createdAt, b.createdAt) || b.id - a.id,
    );
    this.runs.forEach((r) => {
      this.runsById.set(r.id, r);
    });
    this.deployments = [...(repo.deployments ?? [])].sort(
      (a, b) => byTimeDesc(a.createdAt, b.createdAt) || b.id - a.id,
    );
    this.deployments.forEach((d) => {
      this.deploymentsById.set(d.id, d);
    });
    this.releases = [...(repo.releases ?? [])].sort(
      (a, b) => byTimeDesc(a.publishedAt, b.publishedAt) || b.id - a.id,
    );
    this.issues = [...(repo.issues ?? [])].sort(
      (a, b) => byTimeDesc(a.createdAt, b.createdAt) || b.number - a.number,
    );
  }

  private findBranchHeads(): void {
    const parentsOnBranch = new Set<string>();
    for (const c of this.repo.commits) {
      const first = c.parents[0];
      if (first !== undefined && this.commits.get(first)?.branch === c.branch) {
        parentsOnBranch.add(first);
      }
    }
    for (const c of this.repo.commits) {
      if (c.branch === undefined || parentsOnBranch.has(c.sha)) continue;
      const current = this.branchHeads.get(c.branch);
      if (current === undefined || this.rankOf(c.sha) < this.rankOf(current)) {
        this.branchHeads.set(c.branch, c.sha);
      }
    }
  }

  private indexPullCommits(pr: ScenarioPullRequest): void {
    const add = (sha: string) => {
      const list = this.pullsByCommit.get(sha);
      if (list === undefined) this.pullsByCommit.set(sha, [pr]);
      else if (!list.includes(pr)) list.push(pr);
    };
    pr.commits.forEach(add);
    if (pr.mergeCommitSha === undefined) return;
    add(pr.mergeCommitSha);
    if (pr.mergeMethod === 'rebase') {
      // The rebased copies are the PR's length of first-parent commits ending at the merge commit.
      let sha: string | undefined = pr.mergeCommitSha;
      for (let i = 0; i < pr.commits.length && sha !== undefined; i++) {
        add(sha);
        sha = this.commits.get(sha)?.parents[0];
      }
    }
  }

  rankOf(sha: string): number {
    return this.rank.get(sha) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Resolves a branch name, a full or abbreviated sha, or `refs/heads/x` to a commit sha. */
  resolve(ref: string): string | undefined {
    const name = ref.replace(/^refs\/heads\//, '').replace(/^refs\/tags\//, '');
    const head = this.branchHeads.get(name);
    if (head !== undefined) return head;
    if (this.commits.has(name)) return name;
    const tag = this.releases.find((r) => r.tagName === name);
    if (tag !== undefined) return tag.targetSha;
    if (/^[0-9a-f]{7,39}$/.test(name)) {
      for (const sha of this.commits.keys()) if (sha.startsWith(name)) return sha;
    }
    return undefined;
  }

  ancestors(sha: string): Ancestry {
    const cached = this.ancestry.get(sha);
    if (cached !== undefined) {
      // Least recently used goes first: the branch head being paged through stays cached.
      this.ancestry.delete(sha);
      this.ancestry.set(sha, cached);
      return cached;
    }
    const set = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (set.has(s)) continue;
      const c = this.commits.get(s);
      if (c === undefined) continue;
      set.add(s);
      for (const p of c.parents) if (!set.has(p)) stack.push(p);
    }
    const list = [...set].sort((a, b) => this.rankOf(a) - this.rankOf(b));
    const result = { list, set };
    // A busy repository's ancestry is ~20,000 commits (a few MB): keep a few dozen at most.
    if (this.ancestry.size >= 32) {
      const oldest = this.ancestry.keys().next().value;
      if (oldest !== undefined) this.ancestry.delete(oldest);
    }
    this.ancestry.set(sha, result);
    return result;
  }

  firstParentChain(sha: string): string[] {
    const out: string[] = [];
    let s: string | undefined = sha;
    while (s !== undefined && this.commits.has(s)) {
      out.push(s);
      s = this.commits.get(s)?.parents[0];
    }
    return out;
  }
}
