import { readFile } from 'node:fs/promises';

/**
 * The replay server's world, exactly as described in /work/shared/docs/scenario-format.md.
 * All instants are ISO-8601 UTC strings.
 */
export interface Scenario {
  /** The data clock: nothing created after it exists. */
  now: string;
  github: { repos: ScenarioRepo[] };
  pagerduty?: { services: ScenarioService[]; incidents: ScenarioIncident[] };
  faults?: ScenarioFault[];
}

export interface ScenarioRepo {
  owner: string;
  name: string;
  defaultBranch: string;
  private?: boolean;
  commits: ScenarioCommit[];
  pullRequests?: ScenarioPullRequest[];
  workflows?: ScenarioWorkflow[];
  workflowRuns?: ScenarioWorkflowRun[];
  deployments?: ScenarioDeployment[];
  releases?: ScenarioRelease[];
  issues?: ScenarioIssue[];
}

export interface ScenarioCommit {
  sha: string;
  parents: string[];
  /** The branch whose first-parent history the commit is on. */
  branch?: string;
  authoredAt: string;
  committedAt: string;
  author: string;
  message: string;
}

export type PullRequestState = 'open' | 'closed' | 'merged';
export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface ScenarioPullRequest {
  number: number;
  title: string;
  body?: string;
  author: string;
  labels?: string[];
  baseRef: string;
  headRef: string;
  createdAt: string;
  firstReviewAt?: string;
  mergedAt?: string;
  closedAt?: string;
  state: PullRequestState;
  mergeMethod?: MergeMethod;
  /** The commit that landed on baseRef. */
  mergeCommitSha?: string;
  /** Each PR commit's sha, oldest first. */
  commits: string[];
}

export interface ScenarioWorkflow {
  id: number;
  name: string;
  path: string;
  state?: string;
}

export type RunStatus =
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'waiting'
  | 'requested'
  | 'pending';

export interface ScenarioJob {
  id: number;
  name: string;
  conclusion: string | null;
  startedAt: string;
  completedAt?: string | null;
  environment?: string;
}

export interface ScenarioWorkflowRun {
  id: number;
  workflowId: number;
  runNumber: number;
  /** A re-run keeps the id: list one entry per attempt; the latest started one is served. */
  runAttempt?: number;
  event: string;
  headBranch: string;
  headSha: string;
  status: RunStatus;
  /** null while not completed. */
  conclusion: string | null;
  createdAt: string;
  runStartedAt?: string;
  updatedAt: string;
  jobs?: ScenarioJob[];
}

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'pending'
  | 'success'
  | 'queued'
  | 'in_progress';

export interface ScenarioDeploymentStatus {
  id: number;
  state: DeploymentState;
  createdAt: string;
}

export interface ScenarioDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  task?: string;
  createdAt: string;
  creator?: string;
  statuses?: ScenarioDeploymentStatus[];
}

export interface ScenarioRelease {
  id: number;
  tagName: string;
  targetSha: string;
  name?: string;
  publishedAt: string;
  draft?: boolean;
  prerelease?: boolean;
}

export interface ScenarioIssue {
  number: number;
  title: string;
  labels?: string[];
  state: 'open' | 'closed';
  createdAt: string;
  closedAt?: string;
  body?: string;
}

export interface ScenarioService {
  id: string;
  name: string;
}

export interface ScenarioIncident {
  id: string;
  incidentNumber: number;
  title: string;
  serviceId: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  priority?: string;
  createdAt: string;
  resolvedAt?: string;
}

/**
 * A fault the replay injects. `path` is a regular expression over the request path without the
 * query, relative to the API prefix (`/repos/...`, `/graphql`, `/incidents`).
 */
export interface ScenarioFault {
  method?: string;
  path: string;
  /** How many matching requests are faulted; absent = every one. */
  times?: number;
  /** Let this many matching requests through before faulting. */
  afterRequests?: number;
  status?: number;
  /** `"+30"` in a `*reset*` header means now + 30 s in epoch seconds (real clock). */
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (or before resetting). */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Answer 200 with these GraphQL errors (and `data` when given). */
  graphqlErrors?: Array<Record<string, unknown>>;
  /** With graphqlErrors: the partial `data` to send alongside; `"execute"` runs the real query. */
  data?: unknown;
  /** Answer the real response with these top-level keys removed (e.g. PagerDuty's `more`). */
  omit?: string[];
  /** Answer the real response with these top-level keys replaced (e.g. `{ "limit": 25 }`). */
  patch?: Record<string, unknown>;
}

export class ScenarioError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`scenario: ${key}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

class Checker {
  constructor(private readonly root: unknown) {}

  obj(path: string, v: unknown): Json {
    if (!isObject(v)) throw new ScenarioError(path, 'must be an object');
    return v;
  }
  arr(path: string, v: unknown, optional = false): unknown[] {
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) throw new ScenarioError(path, 'must be an array');
    return v;
  }
  str(path: string, v: unknown, optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v === '')
      throw new ScenarioError(path, 'must be a non-empty string');
  }
  num(path: string, v: unknown, optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ScenarioError(path, 'must be a number');
    }
  }
  bool(path: string, v: unknown): void {
    if (v !== undefined && typeof v !== 'boolean')
      throw new ScenarioError(path, 'must be a boolean');
  }
  instant(path: string, v: unknown, optional = false): void {
    if ((v === undefined || v === null) && optional) return;
    if (typeof v !== 'string' || !ISO.test(v) || Number.isNaN(Date.parse(v))) {
      throw new ScenarioError(
        path,
        `must be an ISO-8601 instant with a zone, got ${JSON.stringify(v)}`,
      );
    }
  }
  oneOf(path: string, v: unknown, values: readonly string[], optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || !values.includes(v)) {
      throw new ScenarioError(
        path,
        `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`,
      );
    }
  }
  strings(path: string, v: unknown, optional = false): void {
    this.arr(path, v, optional).forEach((s, i) => {
      this.str(`${path}[${i}]`, s);
    });
  }

  scenario(): Scenario {
    const root = this.obj('(root)', this.root);
    this.instant('now', root.now);
    const github = this.obj('github', root.github);
    this.arr('github.repos', github.repos).forEach((r, i) => {
      this.repo(`github.repos[${i}]`, r);
    });
    if (root.pagerduty !== undefined) this.pagerduty(this.obj('pagerduty', root.pagerduty));
    this.arr('faults', root.faults, true).forEach((f, i) => {
      this.fault(`faults[${i}]`, f);
    });
    return root as unknown as Scenario;
  }

  repo(p: string, v: unknown): void {
    const r = this.obj(p, v);
    this.str(`${p}.owner`, r.owner);
    this.str(`${p}.name`, r.name);
    this.str(`${p}.defaultBranch`, r.defaultBranch);
    this.bool(`${p}.private`, r.private);
    const shas = new Set<string>();
    this.arr(`${p}.commits`, r.commits).forEach((c, i) => {
      const q = `${p}.commits[${i}]`;
      const o = this.obj(q, c);
      this.str(`${q}.sha`, o.sha);
      if (!/^[0-9a-f]{40}$/.test(String(o.sha))) {
        throw new ScenarioError(`${q}.sha`, 'must be 40 lowercase hex characters');
      }
      this.strings(`${q}.parents`, o.parents);
      this.str(`${q}.branch`, o.branch, true);
      this.instant(`${q}.authoredAt`, o.authoredAt);
      this.instant(`${q}.committedAt`, o.committedAt);
      this.str(`${q}.author`, o.author);
      if (typeof o.message !== 'string')
        throw new ScenarioError(`${q}.message`, 'must be a string');
      shas.add(String(o.sha));
    });
    this.arr(`${p}.commits`, r.commits).forEach((c, i) => {
      for (const parent of (c as Json).parents as string[]) {
        if (!shas.has(parent)) {
          throw new ScenarioError(`${p}.commits[${i}].parents`, `unknown commit ${parent}`);
        }
      }
    });
    const known = (q: string, sha: unknown) => {
      if (!shas.has(String(sha))) throw new ScenarioError(q, `unknown commit ${String(sha)}`);
    };
    this.arr(`${p}.pullRequests`, r.pullRequests, true).forEach((x, i) => {
      const q = `${p}.pullRequests[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.number`, o.number);
      if (typeof o.title !== 'string') throw new ScenarioError(`${q}.title`, 'must be a string');
      this.str(`${q}.author`, o.author);
      this.strings(`${q}.labels`, o.labels, true);
      this.str(`${q}.baseRef`, o.baseRef);
      this.str(`${q}.headRef`, o.headRef);
      this.instant(`${q}.createdAt`, o.createdAt);
      this.instant(`${q}.firstReviewAt`, o.firstReviewAt, true);
      this.instant(`${q}.mergedAt`, o.mergedAt, true);
      this.instant(`${q}.closedAt`, o.closedAt, true);
      this.oneOf(`${q}.state`, o.state, ['open', 'closed', 'merged']);
      this.oneOf(`${q}.mergeMethod`, o.mergeMethod, ['merge', 'squash', 'rebase'], true);
      if (o.state === 'merged') {
        this.instant(`${q}.mergedAt`, o.mergedAt);
        known(`${q}.mergeCommitSha`, o.mergeCommitSha);
      }
      this.arr(`${q}.commits`, o.commits).forEach((s, j) => {
        known(`${q}.commits[${j}]`, s);
      });
    });
    const workflowIds = new Set<number>();
    this.arr(`${p}.workflows`, r.workflows, true).forEach((x, i) => {
      const q = `${p}.workflows[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.id`, o.id);
      this.str(`${q}.name`, o.name);
      this.str(`${q}.path`, o.path);
      workflowIds.add(o.id as number);
    });
    this.arr(`${p}.workflowRuns`, r.workflowRuns, true).forEach((x, i) => {
      const q = `${p}.workflowRuns[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.id`, o.id);
      this.num(`${q}.workflowId`, o.workflowId);
      if (!workflowIds.has(o.workflowId as number)) {
        throw new ScenarioError(`${q}.workflowId`, `unknown workflow ${String(o.workflowId)}`);
      }
      this.num(`${q}.runNumber`, o.runNumber);
      this.num(`${q}.runAttempt`, o.runAttempt, true);
      this.str(`${q}.event`, o.event);
      this.str(`${q}.headBranch`, o.headBranch);
      known(`${q}.headSha`, o.headSha);
      this.oneOf(`${q}.status`, o.status, [
        'queued',
        'in_progress',
        'completed',
        'waiting',
        'requested',
        'pending',
      ]);
      if (o.status === 'completed') this.str(`${q}.conclusion`, o.conclusion);
      else if (o.conclusion !== null && o.conclusion !== undefined) {
        throw new ScenarioError(`${q}.conclusion`, 'must be null while the run is not completed');
      }
      this.instant(`${q}.createdAt`, o.createdAt);
      this.instant(`${q}.runStartedAt`, o.runStartedAt, true);
      this.instant(`${q}.updatedAt`, o.updatedAt);
      this.arr(`${q}.jobs`, o.jobs, true).forEach((j, k) => {
        const jq = `${q}.jobs[${k}]`;
        const jo = this.obj(jq, j);
        this.num(`${jq}.id`, jo.id);
        this.str(`${jq}.name`, jo.name);
        this.instant(`${jq}.startedAt`, jo.startedAt);
        this.instant(`${jq}.completedAt`, jo.completedAt, true);
        this.str(`${jq}.environment`, jo.environment, true);
      });
    });
    this.arr(`${p}.deployments`, r.deployments, true).forEach((x, i) => {
      const q = `${p}.deployments[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.id`, o.id);
      known(`${q}.sha`, o.sha);
      this.str(`${q}.ref`, o.ref);
      this.str(`${q}.environment`, o.environment);
      this.str(`${q}.task`, o.task, true);
      this.instant(`${q}.createdAt`, o.createdAt);
      this.str(`${q}.creator`, o.creator, true);
      this.arr(`${q}.statuses`, o.statuses, true).forEach((s, k) => {
        const sq = `${q}.statuses[${k}]`;
        const so = this.obj(sq, s);
        this.num(`${sq}.id`, so.id);
        this.oneOf(`${sq}.state`, so.state, [
          'error',
          'failure',
          'inactive',
          'pending',
          'success',
          'queued',
          'in_progress',
        ]);
        this.instant(`${sq}.createdAt`, so.createdAt);
      });
    });
    this.arr(`${p}.releases`, r.releases, true).forEach((x, i) => {
      const q = `${p}.releases[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.id`, o.id);
      this.str(`${q}.tagName`, o.tagName);
      known(`${q}.targetSha`, o.targetSha);
      this.instant(`${q}.publishedAt`, o.publishedAt);
      this.bool(`${q}.draft`, o.draft);
      this.bool(`${q}.prerelease`, o.prerelease);
    });
    this.arr(`${p}.issues`, r.issues, true).forEach((x, i) => {
      const q = `${p}.issues[${i}]`;
      const o = this.obj(q, x);
      this.num(`${q}.number`, o.number);
      if (typeof o.title !== 'string') throw new ScenarioError(`${q}.title`, 'must be a string');
      this.strings(`${q}.labels`, o.labels, true);
      this.oneOf(`${q}.state`, o.state, ['open', 'closed']);
      this.instant(`${q}.createdAt`, o.createdAt);
      this.instant(`${q}.closedAt`, o.closedAt, o.state !== 'closed');
    });
  }

  pagerduty(pd: Json): void {
    const services = new Set<string>();
    this.arr('pagerduty.services', pd.services).forEach((s, i) => {
      const o = this.obj(`pagerduty.services[${i}]`, s);
      this.str(`pagerduty.services[${i}].id`, o.id);
      this.str(`pagerduty.services[${i}].name`, o.name);
      services.add(String(o.id));
    });
    this.arr('pagerduty.incidents', pd.incidents).forEach((x, i) => {
      const q = `pagerduty.incidents[${i}]`;
      const o = this.obj(q, x);
      this.str(`${q}.id`, o.id);
      this.num(`${q}.incidentNumber`, o.incidentNumber);
      this.str(`${q}.title`, o.title);
      this.str(`${q}.serviceId`, o.serviceId);
      if (!services.has(String(o.serviceId))) {
        throw new ScenarioError(`${q}.serviceId`, `unknown service ${String(o.serviceId)}`);
      }
      this.oneOf(`${q}.status`, o.status, ['triggered', 'acknowledged', 'resolved']);
      this.oneOf(`${q}.urgency`, o.urgency, ['high', 'low'], true);
      this.instant(`${q}.createdAt`, o.createdAt);
      this.instant(`${q}.resolvedAt`, o.resolvedAt, o.status !== 'resolved');
    });
  }

  fault(p: string, v: unknown): void {
    const f = this.obj(p, v);
    this.str(`${p}.method`, f.method, true);
    this.str(`${p}.path`, f.path);
    try {
      new RegExp(String(f.path));
    } catch (e) {
      throw new ScenarioError(
        `${p}.path`,
        `not a valid regular expression: ${(e as Error).message}`,
      );
    }
    this.num(`${p}.times`, f.times, true);
    this.num(`${p}.afterRequests`, f.afterRequests, true);
    this.num(`${p}.status`, f.status, true);
    this.num(`${p}.delayMs`, f.delayMs, true);
    this.bool(`${p}.reset`, f.reset);
    if (f.headers !== undefined) {
      const h = this.obj(`${p}.headers`, f.headers);
      for (const [k, val] of Object.entries(h)) this.str(`${p}.headers.${k}`, val);
    }
    if (f.omit !== undefined) this.strings(`${p}.omit`, f.omit);
    if (f.patch !== undefined) this.obj(`${p}.patch`, f.patch);
    if (f.graphqlErrors !== undefined) {
      this.arr(`${p}.graphqlErrors`, f.graphqlErrors).forEach((e, i) => {
        this.obj(`${p}.graphqlErrors[${i}]`, e);
      });
    }
  }
}

/** Checks a parsed scenario; throws a ScenarioError naming the first wrong key. */
export function validateScenario(value: unknown): Scenario {
  return new Checker(value).scenario();
}

/** Reads and validates a scenario file. */
export async function loadScenario(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError('(file)', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateScenario(parsed);
}
