import type {
  MergeMethod,
  ScenarioCommit,
  ScenarioDeployment,
  ScenarioIncident,
  ScenarioIssue,
  ScenarioPullRequest,
  ScenarioRelease,
  ScenarioRepo,
  ScenarioWorkflowRun,
} from '../fakes/scenario.js';
import {
  AUTHORS,
  HOSTILE_TITLES,
  INCIDENT_TITLES,
  LABELS,
  NOUNS,
  type PresetPlan,
  type RepoPlan,
  VERBS,
} from './presets.js';
import type { Prng } from './prng.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const iso = (t: number) =>
  new Date(Math.round(t / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
const sec = (t: number) => Math.round(t / 1000) * 1000;

/** Ids unique across the whole scenario (GitHub's and PagerDuty's ids are global). */
export class IdSource {
  run = 10_000_000_000;
  job = 30_000_000_000;
  deployment = 2_000_000_000;
  status = 4_000_000_000;
  release = 180_000_000;
  incidentNumber = 100;
  workflow = 61_000_000;
}

interface PullPlan {
  pr: ScenarioPullRequest;
  openAt: number;
  /** When it lands; undefined = stays open, or closes unmerged at `closeAt`. */
  mergeAt?: number;
  closeAt?: number;
  method: MergeMethod;
  commitCount: number;
  outOfOrder: boolean;
}

type Event =
  | { t: number; seq: number; kind: 'open' | 'merge' | 'close'; plan: PullPlan }
  | { t: number; seq: number; kind: 'deploy'; reason: 'regular' | 'rollback'; sha?: string }
  | { t: number; seq: number; kind: 'rerun'; run: ScenarioWorkflowRun }
  | { t: number; seq: number; kind: 'incident'; culprit: SuccessRecord; duration?: number }
  | { t: number; seq: number; kind: 'direct' };

type EventInput = Event extends infer E ? (E extends Event ? Omit<E, 'seq'> : never) : never;

interface SuccessRecord {
  sha: string;
  finishedAt: number;
  shipped: ScenarioPullRequest[];
  previousSha?: string;
}

/** A binary min-heap of events by time, then insertion order. */
class EventQueue {
  private readonly items: Event[] = [];
  private seq = 0;

  push(e: EventInput): void {
    const item = { ...e, seq: this.seq++ } as Event;
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): Event | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.items.length && this.less(l, m)) m = l;
        if (r < this.items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as Event;
    const y = this.items[b] as Event;
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a] as Event;
    this.items[a] = this.items[b] as Event;
    this.items[b] = x;
  }
}

export interface RepoWorld {
  repo: ScenarioRepo;
  incidents: ScenarioIncident[];
}

/**
 * Simulates one repository from its first commit to `now`: pull requests branch off and land on
 * the default branch with merge, squash or rebase; deploy runs ship the branch head; some fail and
 * are re-run; some cause incidents, remediated by a rollback, a revert or a hotfix.
 */
export class RepoSimulation {
  private readonly commits: ScenarioCommit[] = [];
  private readonly commitTime = new Map<string, number>();
  private readonly commitBySha = new Map<string, ScenarioCommit>();
  private readonly pulls: ScenarioPullRequest[] = [];
  private readonly runs: ScenarioWorkflowRun[] = [];
  private readonly deployments: ScenarioDeployment[] = [];
  private readonly releases: ScenarioRelease[] = [];
  private readonly issues: ScenarioIssue[] = [];
  private readonly incidents: ScenarioIncident[] = [];
  private readonly queue = new EventQueue();
  private readonly full: string;
  private readonly start: number;
  private readonly now: number;
  private readonly deployWorkflow: number;
  private readonly ciWorkflow: number;
  private mainHead = '';
  private nextNumber = 1;
  private runNumber = 0;
  private ciRunNumber = 0;
  private successes: SuccessRecord[] = [];
  private readonly shipped = new Set<string>();
  private readonly prByMerge = new Map<string, ScenarioPullRequest>();
  private lastProductionSuccess: ScenarioDeployment | undefined;
  private regularSuccesses = 0;
  private minor = 0;

  constructor(
    private readonly rng: Prng,
    private readonly ids: IdSource,
    private readonly preset: PresetPlan,
    private readonly plan: RepoPlan,
  ) {
    this.full = `${plan.owner}/${plan.name}`;
    this.now = Date.parse(preset.now);
    this.start = this.now - preset.days * DAY;
    this.deployWorkflow = ids.workflow++;
    this.ciWorkflow = ids.workflow++;
  }

  run(): RepoWorld {
    this.addCommit({
      parents: [],
      branch: 'main',
      at: this.start,
      author: 'alice',
      message: 'Initial commit',
    });
    this.queue.push({ t: this.start + HOUR, kind: 'deploy', reason: 'regular' });
    this.planPulls();
    const span = this.now - this.start - 3 * HOUR;
    for (let i = 1; i < this.plan.deploys; i++) {
      this.queue.push({
        t: sec(this.start + 2 * HOUR + this.rng.next() * span),
        kind: 'deploy',
        reason: 'regular',
      });
    }
    // One deploy still running at `now`: not final, so no collector may report it yet.
    this.queue.push({ t: this.now - 4 * MIN, kind: 'deploy', reason: 'regular' });
    for (let i = 0; i < Math.ceil(this.plan.pullRequests / 40); i++) {
      this.queue.push({ t: sec(this.start + 2 * HOUR + this.rng.next() * span), kind: 'direct' });
    }
    this.boundaryIncidents();
    for (let e = this.queue.pop(); e !== undefined; e = this.queue.pop()) {
      if (e.t >= this.now) continue;
      this.handle(e);
    }
    this.issueNoise();
    return {
      repo: {
        owner: this.plan.owner,
        name: this.plan.name,
        defaultBranch: 'main',
        private: false,
        commits: this.commits,
        pullRequests: this.pulls,
        workflows: [
          {
            id: this.deployWorkflow,
            name: 'Deploy',
            path: '.github/workflows/deploy.yml',
            state: 'active',
          },
          { id: this.ciWorkflow, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
        ],
        workflowRuns: this.runs,
        deployments: this.deployments,
        releases: this.releases,
        issues: this.issues.sort((a, b) => a.number - b.number),
      },
      incidents: this.incidents,
    };
  }

  private handle(e: Event): void {
    switch (e.kind) {
      case 'open':
        this.open(e.plan, e.t);
        break;
      case 'merge':
        this.merge(e.plan, e.t);
        break;
      case 'close':
        e.plan.pr.state = 'closed';
        e.plan.pr.closedAt = iso(e.t);
        break;
      case 'deploy':
        this.deploy(e.t, e.reason, e.sha);
        break;
      case 'rerun':
        this.rerun(e.run, e.t);
        break;
      case 'incident':
        this.incident(e.t, e.culprit, e.duration);
        break;
      case 'direct':
        this.addCommit({
          parents: [this.mainHead],
          branch: 'main',
          at: e.t,
          author: 'github-actions[bot]',
          message: `Bump version to 1.${this.minor}.${this.nextNumber}`,
        });
        break;
    }
  }

  private addCommit(c: {
    parents: string[];
    branch: string;
    at: number;
    authoredAt?: number;
    author: string;
    message: string;
  }): string {
    const sha = this.rng.sha();
    const commit: ScenarioCommit = {
      sha,
      parents: c.parents,
      branch: c.branch,
      authoredAt: iso(c.authoredAt ?? c.at),
      committedAt: iso(c.at),
      author: c.author,
      message: c.message,
    };
    this.commits.push(commit);
    this.commitBySha.set(sha, commit);
    this.commitTime.set(sha, sec(c.at));
    if (c.branch === 'main') this.mainHead = sha;
    return sha;
  }

  private title(): string {
    if (this.preset.hostileTitles && this.rng.chance(0.02)) return this.rng.pick(HOSTILE_TITLES);
    return `${this.rng.pick(VERBS)} ${this.rng.pick(NOUNS)}`;
  }

  private planPulls(): void {
    const span = this.now - this.start - 3 * HOUR;
    for (let i = 0; i < this.plan.pullRequests; i++) {
      const openAt = sec(this.start + 2 * HOUR + this.rng.next() * span);
      const bot = this.rng.chance(0.05);
      const title = bot
        ? `Bump ${this.rng.pick(NOUNS).split(' ')[0]} from 1.2.${i} to 1.2.${i + 1}`
        : this.title();
      const slug =
        title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 30) || 'change';
      const pr: ScenarioPullRequest = {
        number: 0,
        title,
        body: `This change: ${title}.`,
        author: bot ? 'dependabot[bot]' : this.rng.pick(AUTHORS),
        labels: bot ? ['dependencies'] : [this.rng.pick(LABELS)],
        baseRef: 'main',
        headRef: bot ? `dependabot/npm_and_yarn/${slug}` : `feature/${slug}-${i}`,
        createdAt: iso(openAt),
        state: 'open',
        commits: [],
      };
      const duration = Math.min(20 * DAY, Math.max(15 * MIN, this.rng.skewed(20 * HOUR, 1.1)));
      const roll = this.rng.next();
      const method: MergeMethod = roll < 0.3 ? 'merge' : roll < 0.8 ? 'squash' : 'rebase';
      const plan: PullPlan = {
        pr,
        openAt,
        method,
        commitCount: Math.min(6, 1 + Math.floor(this.rng.skewed(0.8, 0.9))),
        outOfOrder: this.rng.chance(0.1),
      };
      if (this.rng.chance(0.05)) plan.closeAt = sec(openAt + duration);
      else plan.mergeAt = sec(openAt + duration);
      this.schedulePull(plan);
    }
  }

  private schedulePull(plan: PullPlan): void {
    this.queue.push({ t: plan.openAt, kind: 'open', plan });
    if (plan.mergeAt !== undefined) this.queue.push({ t: plan.mergeAt, kind: 'merge', plan });
    if (plan.closeAt !== undefined) this.queue.push({ t: plan.closeAt, kind: 'close', plan });
  }

  private open(plan: PullPlan, t: number): void {
    const pr = plan.pr;
    pr.number = this.nextNumber++;
    this.pulls.push(pr);
    const base = this.mainHead;
    const baseTime = this.commitTime.get(base) ?? this.start;
    const end = plan.mergeAt ?? plan.closeAt ?? this.now;
    const first = sec(baseTime + Math.max(1000, (t - baseTime) * this.rng.between(0.3, 1)));
    let parent = base;
    for (let i = 0; i < plan.commitCount; i++) {
      const at = i === 0 ? first : sec(first + (i / plan.commitCount) * (end - first) * 0.8);
      if (at >= this.now || at >= end) break;
      const authoredAt =
        plan.outOfOrder && i === plan.commitCount - 1 && i > 0
          ? first - sec(this.rng.between(HOUR, 3 * DAY))
          : at;
      parent = this.addCommit({
        parents: [parent],
        branch: pr.headRef,
        at,
        authoredAt,
        author: pr.author,
        message: i === 0 ? pr.title : `Address review comments (${i})`,
      });
      pr.commits.push(parent);
    }
    if (this.rng.chance(0.85)) {
      const review = sec(t + Math.min((end - t) * 0.9, this.rng.skewed(2 * HOUR, 1)));
      if (review < this.now && review > t) pr.firstReviewAt = iso(review);
    }
    if (this.rng.chance(this.preset.ciRate)) {
      this.ciRun(t + 30_000, pr.headRef, parent, 'pull_request');
    }
  }

  private merge(plan: PullPlan, t: number): void {
    const pr = plan.pr;
    const head = pr.commits.at(-1);
    if (head === undefined) return;
    let mergeSha: string;
    if (plan.method === 'merge') {
      mergeSha = this.addCommit({
        parents: [this.mainHead, head],
        branch: 'main',
        at: t,
        author: pr.author,
        message: `Merge pull request #${pr.number} from ${this.plan.owner}/${pr.headRef}\n\n${pr.title}`,
      });
    } else if (plan.method === 'squash') {
      mergeSha = this.addCommit({
        parents: [this.mainHead],
        branch: 'main',
        at: t,
        author: pr.author,
        message: `${pr.title} (#${pr.number})`,
      });
    } else {
      mergeSha = this.mainHead;
      for (const sha of pr.commits) {
        const original = this.commitBySha.get(sha);
        mergeSha = this.addCommit({
          parents: [this.mainHead],
          branch: 'main',
          at: t,
          authoredAt: Date.parse(original?.authoredAt ?? iso(t)),
          author: pr.author,
          message: original?.message ?? pr.title,
        });
      }
    }
    pr.state = 'merged';
    pr.mergedAt = iso(t);
    pr.closedAt = iso(t);
    pr.mergeMethod = plan.method;
    pr.mergeCommitSha = mergeSha;
    this.prByMerge.set(mergeSha, pr);
  }

  private ciRun(t: number, branch: string, sha: string, event: string): void {
    const started = sec(t + 5_000);
    const finished = sec(started + this.rng.between(2 * MIN, 6 * MIN));
    const done = finished < this.now;
    const conclusion = this.rng.chance(0.9) ? 'success' : 'failure';
    this.runs.push({
      id: this.ids.run++,
      workflowId: this.ciWorkflow,
      runNumber: ++this.ciRunNumber,
      runAttempt: 1,
      event,
      headBranch: branch,
      headSha: sha,
      status: done ? 'completed' : 'in_progress',
      conclusion: done ? conclusion : null,
      createdAt: iso(t),
      runStartedAt: iso(started),
      updatedAt: iso(done ? finished : started),
      jobs: [
        {
          id: this.ids.job++,
          name: 'test',
          conclusion: done ? conclusion : null,
          startedAt: iso(started),
          completedAt: done ? iso(finished) : null,
        },
      ],
    });
  }

  /** Starts one attempt of the deploy workflow at `t`; returns when it finishes and how. */
  private attempt(
    run: ScenarioWorkflowRun,
    t: number,
    fail: boolean,
  ): { finished: number; done: boolean; success: boolean } {
    const started = sec(t + this.rng.between(5_000, 40_000));
    const buildEnd = sec(started + this.rng.between(MIN, 4 * MIN));
    const finished = sec(buildEnd + this.rng.between(2 * MIN, 8 * MIN));
    const done = finished < this.now;
    const success = !fail;
    run.runStartedAt = iso(started);
    run.status = done ? 'completed' : 'in_progress';
    run.conclusion = done ? (success ? 'success' : 'failure') : null;
    run.updatedAt = iso(done ? finished : buildEnd < this.now ? buildEnd : started);
    const jobs: NonNullable<ScenarioWorkflowRun['jobs']> = [
      {
        id: this.ids.job++,
        name: 'build',
        conclusion: buildEnd < this.now ? 'success' : null,
        startedAt: iso(started),
        completedAt: buildEnd < this.now ? iso(buildEnd) : null,
      },
    ];
    if (buildEnd < this.now) {
      jobs.push({
        id: this.ids.job++,
        name: 'deploy-prod',
        conclusion: done ? run.conclusion : null,
        startedAt: iso(buildEnd),
        completedAt: done ? iso(finished) : null,
        environment: 'production',
      });
      this.githubDeployment(run.headSha, buildEnd, done ? finished : undefined, success);
    }
    run.jobs = jobs;
    return { finished, done, success };
  }

  private githubDeployment(
    sha: string,
    created: number,
    finished: number | undefined,
    success: boolean,
  ) {
    const d: ScenarioDeployment = {
      id: this.ids.deployment++,
      sha,
      ref: 'main',
      environment: 'production',
      task: 'deploy',
      createdAt: iso(created),
      creator: 'github-actions[bot]',
      statuses: [{ id: this.ids.status++, state: 'in_progress', createdAt: iso(created + 1000) }],
    };
    if (finished !== undefined) {
      d.statuses?.push({
        id: this.ids.status++,
        state: success ? 'success' : this.rng.chance(0.2) ? 'error' : 'failure',
        createdAt: iso(finished),
      });
      if (success) {
        // GitHub marks the previous successful deployment to the environment inactive.
        this.lastProductionSuccess?.statuses?.push({
          id: this.ids.status++,
          state: 'inactive',
          createdAt: iso(finished),
        });
        this.lastProductionSuccess = d;
      }
    }
    this.deployments.push(d);
    if (this.rng.chance(0.3)) {
      this.deployments.push({
        id: this.ids.deployment++,
        sha,
        ref: 'main',
        environment: 'staging',
        task: 'deploy',
        createdAt: iso(created - 2 * MIN),
        creator: 'github-actions[bot]',
        statuses: [{ id: this.ids.status++, state: 'success', createdAt: iso(created - MIN) }],
      });
    }
  }

  private deploy(t: number, reason: 'regular' | 'rollback', sha?: string): void {
    const first = this.runNumber === 0;
    const run: ScenarioWorkflowRun = {
      id: this.ids.run++,
      workflowId: this.deployWorkflow,
      runNumber: ++this.runNumber,
      runAttempt: 1,
      event: reason === 'rollback' ? 'workflow_dispatch' : 'push',
      headBranch: 'main',
      headSha: sha ?? this.mainHead,
      status: 'queued',
      conclusion: null,
      createdAt: iso(t),
      updatedAt: iso(t),
      jobs: [],
    };
    const fail = !first && reason === 'regular' && this.rng.chance(0.14);
    const result = this.attempt(run, t, fail);
    this.runs.push(run);
    if (!result.done) return;
    if (result.success) {
      this.succeeded(run.headSha, result.finished, reason === 'regular');
    } else if (this.rng.chance(0.4)) {
      const retry: ScenarioWorkflowRun = { ...run, runAttempt: 2, jobs: [] };
      this.queue.push({
        t: sec(result.finished + this.rng.between(5 * MIN, HOUR)),
        kind: 'rerun',
        run: retry,
      });
    }
  }

  private rerun(run: ScenarioWorkflowRun, t: number): void {
    const result = this.attempt(run, t, this.rng.chance(0.15));
    this.runs.push(run);
    if (result.done && result.success) this.succeeded(run.headSha, result.finished, true);
  }

  private succeeded(sha: string, finished: number, regular: boolean): void {
    const shipped: ScenarioPullRequest[] = [];
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (this.shipped.has(s)) continue;
      this.shipped.add(s);
      const pr = this.prByMerge.get(s);
      if (pr) shipped.push(pr);
      const c = this.commitBySha.get(s);
      for (const p of c?.parents ?? []) if (!this.shipped.has(p)) stack.push(p);
    }
    const previous = this.successes.at(-1);
    const record: SuccessRecord = { sha, finishedAt: finished, shipped };
    if (previous !== undefined) record.previousSha = previous.sha;
    this.successes.push(record);
    if (regular && ++this.regularSuccesses % 7 === 0) {
      this.minor += 1;
      const publishedAt = sec(finished + 2 * MIN);
      if (publishedAt < this.now) {
        this.releases.push({
          id: this.ids.release++,
          tagName: `v1.${this.minor}.0`,
          targetSha: sha,
          name: `v1.${this.minor}.0`,
          publishedAt: iso(publishedAt),
          draft: false,
          prerelease: false,
        });
      }
    }
    if (regular && this.successes.length > 1 && this.rng.chance(this.preset.incidentRate)) {
      this.queue.push({
        t: sec(finished + this.rng.between(20 * MIN, 10 * HOUR)),
        kind: 'incident',
        culprit: record,
      });
    }
  }

  private incident(t: number, culprit: SuccessRecord, forced?: number): void {
    const title =
      this.preset.hostileTitles && this.rng.chance(0.1)
        ? this.rng.pick(HOSTILE_TITLES)
        : this.rng.pick(INCIDENT_TITLES);
    const duration = forced ?? Math.min(2 * DAY, Math.max(5 * MIN, this.rng.skewed(90 * MIN, 0.8)));
    this.pagerdutyIncident(t, t + duration, title);
    if (this.rng.chance(this.preset.issueRate))
      this.issue(t + 2 * MIN, t + duration + 5 * MIN, title, ['incident']);
    const fix = sec(t + this.rng.between(10 * MIN, 90 * MIN));
    const roll = this.rng.next();
    const revertable = culprit.shipped.filter((p) => !p.title.startsWith('Revert "'));
    if (roll < 0.3 && culprit.previousSha !== undefined && culprit.previousSha !== culprit.sha) {
      this.queue.push({ t: fix, kind: 'deploy', reason: 'rollback', sha: culprit.previousSha });
    } else if (roll < 0.65 && revertable.length > 0) {
      const target = this.rng.pick(revertable);
      this.remediation(fix, {
        title: `Revert "${target.title}"`,
        body: `Reverts ${this.full}#${target.number}\n\nThis reverts commit ${target.mergeCommitSha}.`,
        headRef: `revert-${target.number}-${target.headRef}`,
        labels: [],
      });
    } else {
      const slug = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 24);
      this.remediation(fix, {
        title: `Hotfix: ${title}`,
        body: 'Emergency fix for the ongoing incident.',
        headRef: `hotfix/${slug || 'fix'}-${this.nextNumber}`,
        labels: ['hotfix'],
      });
    }
  }

  private remediation(
    t: number,
    p: { title: string; body: string; headRef: string; labels: string[] },
  ): void {
    const pr: ScenarioPullRequest = {
      number: 0,
      title: p.title,
      body: p.body,
      author: this.rng.pick(AUTHORS),
      labels: p.labels,
      baseRef: 'main',
      headRef: p.headRef,
      createdAt: iso(t),
      state: 'open',
      commits: [],
    };
    const mergeAt = sec(t + this.rng.between(10 * MIN, 50 * MIN));
    this.schedulePull({
      pr,
      openAt: t,
      mergeAt,
      method: 'squash',
      commitCount: 1,
      outOfOrder: false,
    });
    this.queue.push({
      t: sec(mergeAt + this.rng.between(5 * MIN, 20 * MIN)),
      kind: 'deploy',
      reason: 'regular',
    });
  }

  private pagerdutyIncident(created: number, resolved: number, title: string): void {
    const serviceId =
      this.plan.services.length > 1 && this.rng.chance(0.3)
        ? (this.plan.services[1] as string)
        : (this.plan.services[0] as string);
    const number = this.ids.incidentNumber++;
    const incident: ScenarioIncident = {
      id: `Q${number.toString(36).toUpperCase().padStart(6, '0')}`,
      incidentNumber: number,
      title,
      serviceId,
      status: 'resolved',
      urgency: this.rng.chance(0.8) ? 'high' : 'low',
      priority: this.rng.pick(['P1', 'P2', 'P3']),
      createdAt: iso(created),
      resolvedAt: iso(resolved),
    };
    if (resolved >= this.now) {
      incident.status = this.rng.chance(0.5) ? 'acknowledged' : 'triggered';
      delete incident.resolvedAt;
    }
    this.incidents.push(incident);
  }

  private issue(created: number, closed: number, title: string, labels: string[]): void {
    if (created >= this.now) return;
    const issue: ScenarioIssue = {
      number: this.nextNumber++,
      title,
      labels,
      state: closed < this.now ? 'closed' : 'open',
      createdAt: iso(created),
      body: `Reported by on-call: ${title}`,
    };
    if (closed < this.now) issue.closedAt = iso(closed);
    this.issues.push(issue);
  }

  /** Incidents open across the usual report-window edges (7, 30, 90 days before `now`). */
  private boundaryIncidents(): void {
    for (const days of [7, 30, 90]) {
      if (days >= this.preset.days) continue;
      const edge = this.now - days * DAY;
      this.queue.push({
        t: edge - 3 * HOUR,
        kind: 'incident',
        culprit: { sha: '', finishedAt: edge - 4 * HOUR, shipped: [] },
        duration: 5 * HOUR,
      });
    }
  }

  /** Bugs and questions that are not incidents, and one incident still open at `now`. */
  private issueNoise(): void {
    const count = Math.max(2, Math.ceil(this.plan.pullRequests / 60));
    for (let i = 0; i < count; i++) {
      const created = sec(this.start + this.rng.next() * (this.now - this.start - DAY));
      this.issue(
        created,
        created + this.rng.between(HOUR, 5 * DAY),
        `${this.rng.pick(NOUNS)} looks wrong`,
        [this.rng.pick(['bug', 'question'])],
      );
    }
    this.issue(this.now - 6 * HOUR, this.now + DAY, 'Checkout slow for some users', [
      'incident',
      'sev2',
    ]);
  }
}
