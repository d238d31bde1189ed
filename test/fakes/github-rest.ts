import * as shapes from './github-shapes.js';
import type { ReplayRequest, Reply, Route } from './http-types.js';
import type { RepoIndex } from './repo-index.js';
import { pageOf, paginate, parseDateRange, perPageOf } from './rest-paging.js';
import type { ScenarioPullRequest, ScenarioWorkflowRun } from './scenario.js';

/** GitHub REST over indexed repositories. */
export interface RestWorld {
  repos: Map<string, RepoIndex>;
  ctx: shapes.ShapeContext;
  now: string;
}

const DOCS = 'https://docs.github.com/rest';

export function githubError(status: number, message: string, docs = DOCS): Reply {
  return { status, body: { message, documentation_url: docs, status: String(status) } };
}

const notFound = () => githubError(404, 'Not Found');

function json(body: unknown, link?: string): Reply {
  return link === undefined ? { status: 200, body } : { status: 200, body, headers: { link } };
}

type Handler = (w: RestWorld, r: RepoIndex, req: ReplayRequest, m: string[]) => Reply;

interface RestRoute {
  name: string;
  pattern: RegExp;
  handler: Handler;
}

const REPO = '/repos/([^/]+)/([^/]+)';

const repoCache = new WeakMap<RepoIndex, Record<string, unknown>>();
function repoObject(w: RestWorld, r: RepoIndex): Record<string, unknown> {
  let o = repoCache.get(r);
  if (o === undefined) {
    o = shapes.repository(w.ctx, r.repo, r.createdAt);
    repoCache.set(r, o);
  }
  return o;
}

function baseShaOf(r: RepoIndex, pr: ScenarioPullRequest): string {
  const first = pr.commits[0];
  const parent = first === undefined ? undefined : r.commits.get(first)?.parents[0];
  return parent ?? r.branchHeads.get(pr.baseRef) ?? '0'.repeat(40);
}

const RUN_FILTERS = ['actor', 'branch', 'check_suite_id', 'created', 'event', 'head_sha', 'status'];
const CONCLUSIONS = new Set([
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure',
]);

function listRuns(w: RestWorld, r: RepoIndex, req: ReplayRequest, workflowId?: number): Reply {
  const q = req.query;
  let runs: ScenarioWorkflowRun[] = r.runs;
  if (workflowId !== undefined) runs = runs.filter((x) => x.workflowId === workflowId);
  const branch = q.get('branch');
  if (branch) runs = runs.filter((x) => x.headBranch === branch);
  const event = q.get('event');
  if (event) runs = runs.filter((x) => x.event === event);
  const headSha = q.get('head_sha');
  if (headSha) runs = runs.filter((x) => x.headSha === headSha);
  const status = q.get('status');
  if (status) {
    runs = CONCLUSIONS.has(status)
      ? runs.filter((x) => x.conclusion === status)
      : runs.filter((x) => x.status === status);
  }
  const created = q.get('created');
  if (created) {
    const inRange = parseDateRange(created);
    if (inRange === undefined) {
      return githubError(422, `Invalid value for "created": ${created}`);
    }
    runs = runs.filter((x) => inRange(Date.parse(x.createdAt)));
  }
  const total = runs.length;
  // GitHub answers at most 1,000 results for a filtered search, while total_count stays true.
  const filtered = RUN_FILTERS.some((f) => q.has(f));
  const visible = filtered ? runs.slice(0, 1000) : runs;
  if (filtered && (pageOf(req) - 1) * perPageOf(req) >= 1000) {
    // What collectors observe when they page past the cap (Apache DevLake bisects on it).
    return githubError(422, 'Only the first 1000 results are available.');
  }
  const page = paginate(req, visible);
  const byWorkflow = new Map(r.workflows.map((x) => [x.id, x]));
  return json(
    {
      total_count: total,
      workflow_runs: page.items.map((x) =>
        shapes.workflowRun(
          w.ctx,
          r.repo,
          repoObject(w, r),
          x,
          byWorkflow.get(x.workflowId),
          r.commits.get(x.headSha),
        ),
      ),
    },
    page.link,
  );
}

function pullsList(w: RestWorld, r: RepoIndex, req: ReplayRequest): Reply {
  const q = req.query;
  const state = q.get('state') ?? 'open';
  let pulls = r.pulls.filter((p) =>
    state === 'all' ? true : state === 'open' ? p.state === 'open' : p.state !== 'open',
  );
  const base = q.get('base');
  if (base) pulls = pulls.filter((p) => p.baseRef === base);
  const head = q.get('head');
  if (head) {
    const ref = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
    pulls = pulls.filter((p) => p.headRef === ref);
  }
  const sort = q.get('sort') ?? 'created';
  const direction = q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const key = (p: ScenarioPullRequest) => {
    const t = r.pullTimes.get(p);
    return (sort === 'updated' ? t?.updated : t?.created) ?? 0;
  };
  const sign = direction === 'asc' ? 1 : -1;
  pulls = [...pulls].sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  const page = paginate(req, pulls);
  return json(
    page.items.map((p) =>
      shapes.pullRequestSimple(w.ctx, r.repo, repoObject(w, r), p, baseShaOf(r, p)),
    ),
    page.link,
  );
}

function issuesList(w: RestWorld, r: RepoIndex, req: ReplayRequest): Reply {
  const q = req.query;
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const since = q.get('since');
  const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(sinceMs)) return githubError(422, 'Validation Failed');
  // GitHub lists pull requests as issues too (with a `pull_request` key).
  const rows: Array<{
    number: number;
    created: string;
    updated: string;
    open: boolean;
    labels: string[];
    render: () => unknown;
  }> = [];
  for (const i of r.issues) {
    rows.push({
      number: i.number,
      created: i.createdAt,
      updated: i.closedAt ?? i.createdAt,
      open: i.state === 'open',
      labels: i.labels ?? [],
      render: () => shapes.issue(w.ctx, r.repo, i),
    });
  }
  for (const p of r.pulls) {
    rows.push({
      number: p.number,
      created: p.createdAt,
      updated: shapes.pullUpdatedAt(p),
      open: p.state === 'open',
      labels: p.labels ?? [],
      render: () => pullAsIssue(w, r, p),
    });
  }
  let out = rows.filter(
    (x) =>
      (state === 'all' || (state === 'open') === x.open) &&
      labels.every((l) => x.labels.includes(l)) &&
      Date.parse(x.updated) >= sinceMs,
  );
  const sort = q.get('sort') ?? 'created';
  const sign = (q.get('direction') ?? 'desc') === 'asc' ? 1 : -1;
  const key = (x: (typeof rows)[number]) => Date.parse(sort === 'updated' ? x.updated : x.created);
  out = out.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  const page = paginate(req, out);
  return json(
    page.items.map((x) => x.render()),
    page.link,
  );
}

function pullAsIssue(w: RestWorld, r: RepoIndex, p: ScenarioPullRequest): unknown {
  const asIssue = shapes.issue(w.ctx, r.repo, {
    number: p.number,
    title: p.title,
    labels: p.labels ?? [],
    state: p.state === 'open' ? 'open' : 'closed',
    createdAt: p.createdAt,
    ...(p.mergedAt ? { closedAt: p.mergedAt } : p.closedAt ? { closedAt: p.closedAt } : {}),
    ...(p.body !== undefined ? { body: p.body } : {}),
  });
  const base = `${shapes.repoUrl(w.ctx, r.repo)}/pulls/${p.number}`;
  const html = `${w.ctx.web}/${r.full}/pull/${p.number}`;
  return {
    ...asIssue,
    user: shapes.user(w.ctx, p.author),
    updated_at: shapes.pullUpdatedAt(p).replace(/\.\d{3}Z$/, 'Z'),
    pull_request: {
      url: base,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: p.mergedAt ?? null,
    },
  };
}

function compare(w: RestWorld, r: RepoIndex, req: ReplayRequest, m: string[]): Reply {
  const spec = decodeURIComponent(m[3] as string);
  const parts = spec.split('...');
  if (parts.length !== 2) return notFound();
  const base = r.resolve(parts[0] as string);
  const head = r.resolve(parts[1] as string);
  if (base === undefined || head === undefined) return notFound();
  const a = r.ancestors(base);
  const b = r.ancestors(head);
  const ahead = b.list.filter((s) => !a.set.has(s)).reverse();
  const behind = a.list.reduce((n, s) => (b.set.has(s) ? n : n + 1), 0);
  const mergeBase = b.list.find((s) => a.set.has(s));
  const status =
    ahead.length === 0 && behind === 0
      ? 'identical'
      : behind === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  const paged = req.query.has('page') || req.query.has('per_page');
  // Without pagination parameters GitHub lists at most 250 commits.
  const page = paged
    ? paginate(req, ahead)
    : paginate(req, ahead, { defaultPerPage: 250, maxPerPage: 250 });
  const commitOf = (sha: string) => {
    const c = r.commits.get(sha);
    return c === undefined ? undefined : shapes.commit(w.ctx, r.repo, c);
  };
  const u = shapes.repoUrl(w.ctx, r.repo);
  const html = `${w.ctx.web}/${r.full}/compare/${spec}`;
  return json(
    {
      url: `${u}/compare/${spec}`,
      html_url: html,
      permalink_url: `${w.ctx.web}/${r.full}/compare/${base.slice(0, 7)}...${head.slice(0, 7)}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: commitOf(base),
      merge_base_commit: commitOf(mergeBase ?? base),
      status,
      ahead_by: ahead.length,
      behind_by: behind,
      total_commits: ahead.length,
      commits: page.items.map(commitOf),
      files: [],
    },
    page.link,
  );
}

function commitsList(w: RestWorld, r: RepoIndex, req: ReplayRequest): Reply {
  const q = req.query;
  const start = r.resolve(q.get('sha') ?? r.repo.defaultBranch);
  if (start === undefined) return githubError(404, `No commit found for SHA: ${q.get('sha')}`);
  let list = r.ancestors(start).list;
  const since = q.get('since');
  const until = q.get('until');
  if (since || until) {
    const lo = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    const hi = until ? Date.parse(until) : Number.POSITIVE_INFINITY;
    list = list.filter((s) => {
      const t = Date.parse(r.commits.get(s)?.committedAt ?? '');
      return t >= lo && t <= hi;
    });
  }
  const page = paginate(req, list);
  return json(
    page.items.map((s) => shapes.commit(w.ctx, r.repo, r.commits.get(s) as never)),
    page.link,
  );
}

function workflowIdOf(r: RepoIndex, key: string): number | undefined {
  const decoded = decodeURIComponent(key);
  if (/^\d+$/.test(decoded)) {
    const id = Number(decoded);
    return r.workflows.some((x) => x.id === id) ? id : undefined;
  }
  return r.workflows.find((x) => x.path.split('/').pop() === decoded)?.id;
}

const ROUTES: RestRoute[] = [
  {
    name: 'GET /repos/{owner}/{repo}',
    pattern: new RegExp(`^${REPO}$`),
    handler: (w, r) => json(repoObject(w, r)),
  },
  {
    name: 'GET /repos/{owner}/{repo}/deployments',
    pattern: new RegExp(`^${REPO}/deployments$`),
    handler: (w, r, req) => {
      const q = req.query;
      const list = r.deployments.filter(
        (d) =>
          (!q.get('environment') || d.environment === q.get('environment')) &&
          (!q.get('sha') || d.sha === q.get('sha')) &&
          (!q.get('ref') || d.ref === q.get('ref')) &&
          (!q.get('task') || (d.task ?? 'deploy') === q.get('task')),
      );
      const page = paginate(req, list);
      return json(
        page.items.map((d) => shapes.deployment(w.ctx, r.repo, d)),
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
    pattern: new RegExp(`^${REPO}/deployments/(\\d+)$`),
    handler: (w, r, _req, m) => {
      const d = r.deploymentsById.get(Number(m[3]));
      return d ? json(shapes.deployment(w.ctx, r.repo, d)) : notFound();
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    pattern: new RegExp(`^${REPO}/deployments/(\\d+)/statuses$`),
    handler: (w, r, req, m) => {
      const d = r.deploymentsById.get(Number(m[3]));
      if (d === undefined) return notFound();
      const statuses = [...(d.statuses ?? [])].sort(
        (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
      );
      const page = paginate(req, statuses);
      return json(
        page.items.map((s) => shapes.deploymentStatus(w.ctx, r.repo, d, s)),
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/workflows',
    pattern: new RegExp(`^${REPO}/actions/workflows$`),
    handler: (w, r, req) => {
      const page = paginate(req, r.workflows);
      return json(
        {
          total_count: r.workflows.length,
          workflows: page.items.map((x) => shapes.workflow(w.ctx, r.repo, x, r.createdAt)),
        },
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}',
    pattern: new RegExp(`^${REPO}/actions/workflows/([^/]+)$`),
    handler: (w, r, _req, m) => {
      const id = workflowIdOf(r, m[3] as string);
      const wf = r.workflows.find((x) => x.id === id);
      return wf ? json(shapes.workflow(w.ctx, r.repo, wf, r.createdAt)) : notFound();
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    pattern: new RegExp(`^${REPO}/actions/workflows/([^/]+)/runs$`),
    handler: (w, r, req, m) => {
      const id = workflowIdOf(r, m[3] as string);
      return id === undefined ? notFound() : listRuns(w, r, req, id);
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/runs',
    pattern: new RegExp(`^${REPO}/actions/runs$`),
    handler: (w, r, req) => listRuns(w, r, req),
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    pattern: new RegExp(`^${REPO}/actions/runs/(\\d+)$`),
    handler: (w, r, _req, m) => {
      const run = r.runsById.get(Number(m[3]));
      if (run === undefined) return notFound();
      const wf = r.workflows.find((x) => x.id === run.workflowId);
      return json(
        shapes.workflowRun(w.ctx, r.repo, repoObject(w, r), run, wf, r.commits.get(run.headSha)),
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    pattern: new RegExp(`^${REPO}/actions/runs/(\\d+)/jobs$`),
    handler: (w, r, req, m) => {
      const run = r.runsById.get(Number(m[3]));
      if (run === undefined) return notFound();
      const wf = r.workflows.find((x) => x.id === run.workflowId);
      const jobs = run.jobs ?? [];
      const page = paginate(req, jobs);
      return json(
        {
          total_count: jobs.length,
          jobs: page.items.map((j) => shapes.job(w.ctx, r.repo, run, wf, j)),
        },
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/releases',
    pattern: new RegExp(`^${REPO}/releases$`),
    handler: (w, r, req) => {
      const page = paginate(req, r.releases);
      return json(
        page.items.map((x) => shapes.release(w.ctx, r.repo, x)),
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/pulls',
    pattern: new RegExp(`^${REPO}/pulls$`),
    handler: pullsList,
  },
  {
    name: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)$`),
    handler: (w, r, _req, m) => {
      const p = r.pullsByNumber.get(Number(m[3]));
      return p
        ? json(shapes.pullRequest(w.ctx, r.repo, repoObject(w, r), p, baseShaOf(r, p)))
        : notFound();
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/commits$`),
    handler: (w, r, req, m) => {
      const p = r.pullsByNumber.get(Number(m[3]));
      if (p === undefined) return notFound();
      // GitHub caps this list at 250 commits.
      const page = paginate(req, p.commits.slice(0, 250));
      return json(
        page.items.map((s) => shapes.commit(w.ctx, r.repo, r.commits.get(s) as never)),
        page.link,
      );
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/issues',
    pattern: new RegExp(`^${REPO}/issues$`),
    handler: issuesList,
  },
  {
    name: 'GET /repos/{owner}/{repo}/issues/{issue_number}',
    pattern: new RegExp(`^${REPO}/issues/(\\d+)$`),
    handler: (w, r, _req, m) => {
      const n = Number(m[3]);
      const i = r.issues.find((x) => x.number === n);
      if (i) return json(shapes.issue(w.ctx, r.repo, i));
      const p = r.pullsByNumber.get(n);
      return p ? json(pullAsIssue(w, r, p)) : notFound();
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/compare/{basehead}',
    pattern: new RegExp(`^${REPO}/compare/(.+)$`),
    handler: compare,
  },
  {
    name: 'GET /repos/{owner}/{repo}/commits',
    pattern: new RegExp(`^${REPO}/commits$`),
    handler: commitsList,
  },
  {
    name: 'GET /repos/{owner}/{repo}/commits/{ref}',
    pattern: new RegExp(`^${REPO}/commits/([^/]+)$`),
    handler: (w, r, _req, m) => {
      const sha = r.resolve(decodeURIComponent(m[3] as string));
      const c = sha === undefined ? undefined : r.commits.get(sha);
      return c
        ? json(shapes.commit(w.ctx, r.repo, c))
        : githubError(422, `No commit found for SHA: ${m[3]}`);
    },
  },
  {
    name: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    pattern: new RegExp(`^${REPO}/commits/([^/]+)/pulls$`),
    handler: (w, r, req, m) => {
      const sha = r.resolve(decodeURIComponent(m[3] as string));
      if (sha === undefined) return githubError(422, `No commit found for SHA: ${m[3]}`);
      const pulls = [...(r.pullsByCommit.get(sha) ?? [])].sort((a, b) => b.number - a.number);
      const page = paginate(req, pulls);
      return json(
        page.items.map((p) =>
          shapes.pullRequestSimple(w.ctx, r.repo, repoObject(w, r), p, baseShaOf(r, p)),
        ),
        page.link,
      );
    },
  },
];

/** The fine-grained permission GitHub names in `x-accepted-github-permissions` for a route. */
export function permissionOf(route: string): string {
  if (route.includes('/actions/')) return 'actions=read';
  if (route.includes('/deployments')) return 'deployments=read';
  if (route.includes('/pulls')) return 'pull_requests=read';
  if (route.includes('/issues')) return 'issues=read';
  if (route === 'GET /repos/{owner}/{repo}') return 'metadata=read';
  return 'contents=read';
}

/** Finds the REST route for a request; `undefined` = unknown route (404). */
export function matchRest(w: RestWorld, req: ReplayRequest): Route | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  for (const route of ROUTES) {
    const m = route.pattern.exec(req.path);
    if (m === null) continue;
    const r = w.repos.get(
      `${decodeURIComponent(m[1] as string)}/${decodeURIComponent(m[2] as string)}`.toLowerCase(),
    );
    return {
      name: route.name,
      handle: () => {
        if (r === undefined) return notFound();
        const reply = route.handler(w, r, req, m as unknown as string[]);
        const headers = {
          'x-accepted-github-permissions': permissionOf(route.name),
          'x-github-api-version-selected': '2022-11-28',
          ...(reply.headers ?? {}),
        };
        return { ...reply, headers };
      },
    };
  }
  return undefined;
}
