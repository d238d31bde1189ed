import type {
  ScenarioCommit,
  ScenarioDeployment,
  ScenarioDeploymentStatus,
  ScenarioIssue,
  ScenarioJob,
  ScenarioPullRequest,
  ScenarioRelease,
  ScenarioRepo,
  ScenarioWorkflow,
  ScenarioWorkflowRun,
} from './scenario.js';

/** Builders of GitHub REST objects in the shapes of GitHub's OpenAPI description. */

export type JsonObject = Record<string, unknown>;

export interface ShapeContext {
  /** The REST API base, e.g. `http://127.0.0.1:P/github`. */
  api: string;
  web: string;
}

/** A stable positive 31-bit integer for a string: user and repository ids. */
export function stableId(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 1) % 2_000_000_000;
}

export function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

function iso(s: string): string {
  return new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function user(ctx: ShapeContext, login: string): JsonObject {
  const bot = login.endsWith('[bot]');
  const id = stableId(`user:${login}`);
  const u = `${ctx.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(bot ? 'BOT' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${ctx.web}/${encodeURIComponent(login)}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function repoUrl(ctx: ShapeContext, repo: ScenarioRepo): string {
  return `${ctx.api}/repos/${repo.owner}/${repo.name}`;
}

/** A `full-repository` that is also a valid `repository` and `minimal-repository`. */
export function repository(ctx: ShapeContext, repo: ScenarioRepo, createdAt: string): JsonObject {
  const full = `${repo.owner}/${repo.name}`;
  const id = stableId(`repo:${full}`);
  const u = repoUrl(ctx, repo);
  const html = `${ctx.web}/${full}`;
  const openIssues = (repo.issues ?? []).filter((i) => i.state === 'open').length;
  return {
    id,
    node_id: nodeId('R', id),
    name: repo.name,
    full_name: full,
    private: repo.private ?? false,
    owner: user(ctx, repo.owner),
    html_url: html,
    description: `${repo.name} service`,
    fork: false,
    url: u,
    forks_url: `${u}/forks`,
    keys_url: `${u}/keys{/key_id}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    teams_url: `${u}/teams`,
    hooks_url: `${u}/hooks`,
    issue_events_url: `${u}/issues/events{/number}`,
    events_url: `${u}/events`,
    assignees_url: `${u}/assignees{/user}`,
    branches_url: `${u}/branches{/branch}`,
    tags_url: `${u}/tags`,
    blobs_url: `${u}/git/blobs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    trees_url: `${u}/git/trees{/sha}`,
    statuses_url: `${u}/statuses/{sha}`,
    languages_url: `${u}/languages`,
    stargazers_url: `${u}/stargazers`,
    contributors_url: `${u}/contributors`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    commits_url: `${u}/commits{/sha}`,
    git_commits_url: `${u}/git/commits{/sha}`,
    comments_url: `${u}/comments{/number}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    contents_url: `${u}/contents/{+path}`,
    compare_url: `${u}/compare/{base}...{head}`,
    merges_url: `${u}/merges`,
    archive_url: `${u}/{archive_format}{/ref}`,
    downloads_url: `${u}/downloads`,
    issues_url: `${u}/issues{/number}`,
    pulls_url: `${u}/pulls{/number}`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    labels_url: `${u}/labels{/name}`,
    releases_url: `${u}/releases{/id}`,
    deployments_url: `${u}/deployments`,
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
    pushed_at: iso(createdAt),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 1024,
    stargazers_count: 12,
    watchers_count: 12,
    language: 'TypeScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 1,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: {
      key: 'mit',
      name: 'MIT License',
      spdx_id: 'MIT',
      url: `${ctx.api}/licenses/mit`,
      node_id: 'MDc6TGljZW5zZTEz',
    },
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? 'private' : 'public',
    forks: 1,
    open_issues: openIssues,
    watchers: 12,
    default_branch: repo.defaultBranch,
    network_count: 1,
    subscribers_count: 3,
  };
}

export function workflow(ctx: ShapeContext, repo: ScenarioRepo, w: ScenarioWorkflow, at: string) {
  const u = repoUrl(ctx, repo);
  return {
    id: w.id,
    node_id: nodeId('W', w.id),
    name: w.name,
    path: w.path,
    state: w.state ?? 'active',
    created_at: iso(at),
    updated_at: iso(at),
    url: `${u}/actions/workflows/${w.id}`,
    html_url: `${ctx.web}/${repo.owner}/${repo.name}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${ctx.web}/${repo.owner}/${repo.name}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

/** GitHub's noreply address; bots' `[bot]` suffix is left out so that it is a valid address. */
export function noreplyEmail(login: string): string {
  const name = login.replace(/\[bot\]$/, '');
  return `${stableId(`user:${login}`)}+${name}@users.noreply.github.com`;
}

function simpleCommit(c: ScenarioCommit): JsonObject {
  return {
    id: c.sha,
    tree_id: treeSha(c.sha),
    message: c.message,
    timestamp: iso(c.committedAt),
    author: { name: c.author, email: noreplyEmail(c.author) },
    committer: { name: 'GitHub', email: 'noreply@github.com' },
  };
}

function treeSha(sha: string): string {
  return sha.split('').reverse().join('');
}

export function workflowRun(
  ctx: ShapeContext,
  repo: ScenarioRepo,
  repoObject: JsonObject,
  run: ScenarioWorkflowRun,
  w: ScenarioWorkflow | undefined,
  headCommit: ScenarioCommit | undefined,
) {
  const u = repoUrl(ctx, repo);
  const runUrl = `${u}/actions/runs/${run.id}`;
  const attempt = run.runAttempt ?? 1;
  return {
    id: run.id,
    name: w?.name ?? 'workflow',
    node_id: nodeId('WFR', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: w?.path ?? '.github/workflows/unknown.yml',
    display_title: headCommit?.message.split('\n')[0] ?? run.headSha,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    check_suite_id: run.id * 3,
    check_suite_node_id: nodeId('CS', run.id * 3),
    url: runUrl,
    html_url: `${ctx.web}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    actor: user(ctx, headCommit?.author ?? repo.owner),
    run_attempt: attempt,
    referenced_workflows: [],
    run_started_at: iso(run.runStartedAt ?? run.createdAt),
    triggering_actor: user(ctx, headCommit?.author ?? repo.owner),
    jobs_url: `${runUrl}/jobs`,
    logs_url: `${runUrl}/logs`,
    check_suite_url: `${u}/check-suites/${run.id * 3}`,
    artifacts_url: `${runUrl}/artifacts`,
    cancel_url: `${runUrl}/cancel`,
    rerun_url: `${runUrl}/rerun`,
    previous_attempt_url: attempt > 1 ? `${runUrl}/attempts/${attempt - 1}` : null,
    workflow_url: `${u}/actions/workflows/${run.workflowId}`,
    head_commit: headCommit ? simpleCommit(headCommit) : null,
    repository: repoObject,
    head_repository: repoObject,
  };
}

export function job(
  ctx: ShapeContext,
  repo: ScenarioRepo,
  run: ScenarioWorkflowRun,
  w: ScenarioWorkflow | undefined,
  j: ScenarioJob,
) {
  const u = repoUrl(ctx, repo);
  const completed = j.completedAt !== undefined && j.completedAt !== null;
  return {
    id: j.id,
    run_id: run.id,
    workflow_name: w?.name ?? null,
    head_branch: run.headBranch,
    run_url: `${u}/actions/runs/${run.id}`,
    run_attempt: run.runAttempt ?? 1,
    node_id: nodeId('CR', j.id),
    head_sha: run.headSha,
    url: `${u}/actions/jobs/${j.id}`,
    html_url: `${ctx.web}/${repo.owner}/${repo.name}/actions/runs/${run.id}/job/${j.id}`,
    status: completed ? 'completed' : 'in_progress',
    conclusion: completed ? j.conclusion : null,
    created_at: iso(j.startedAt),
    started_at: iso(j.startedAt),
    completed_at: completed ? iso(j.completedAt as string) : null,
    name: j.name,
    steps: [],
    check_run_url: `${u}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: completed ? 1 : null,
    runner_name: completed ? 'GitHub Actions 1' : null,
    runner_group_id: completed ? 1 : null,
    runner_group_name: completed ? 'GitHub Actions' : null,
  };
}

export function deployment(ctx: ShapeContext, repo: ScenarioRepo, d: ScenarioDeployment) {
  const u = repoUrl(ctx, repo);
  const last = (d.statuses ?? []).at(-1);
  return {
    url: `${u}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId('DE', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task ?? 'deploy',
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: user(ctx, d.creator ?? 'github-actions[bot]'),
    created_at: iso(d.createdAt),
    updated_at: iso(last?.createdAt ?? d.createdAt),
    statuses_url: `${u}/deployments/${d.id}/statuses`,
    repository_url: u,
    transient_environment: false,
    production_environment: d.environment === 'production',
  };
}

export function deploymentStatus(
  ctx: ShapeContext,
  repo: ScenarioRepo,
  d: ScenarioDeployment,
  s: ScenarioDeploymentStatus,
) {
  const u = repoUrl(ctx, repo);
  return {
    url: `${u}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: user(ctx, d.creator ?? 'github-actions[bot]'),
    description: '',
    environment: d.environment,
    target_url: `${ctx.web}/${repo.owner}/${repo.name}/deployments/${encodeURIComponent(d.environment)}`,
    created_at: iso(s.createdAt),
    updated_at: iso(s.createdAt),
    deployment_url: `${u}/deployments/${d.id}`,
    repository_url: u,
    environment_url: `https://${d.environment}.${repo.name}.example.com`,
    log_url: `${ctx.web}/${repo.owner}/${repo.name}/deployments/${encodeURIComponent(d.environment)}`,
  };
}

export function release(ctx: ShapeContext, repo: ScenarioRepo, r: ScenarioRelease) {
  const u = repoUrl(ctx, repo);
  return {
    url: `${u}/releases/${r.id}`,
    html_url: `${ctx.web}/${repo.owner}/${repo.name}/releases/tag/${encodeURIComponent(r.tagName)}`,
    assets_url: `${u}/releases/${r.id}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.owner}/${repo.name}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${u}/tarball/${encodeURIComponent(r.tagName)}`,
    zipball_url: `${u}/zipball/${encodeURIComponent(r.tagName)}`,
    id: r.id,
    node_id: nodeId('RE', r.id),
    tag_name: r.tagName,
    target_commitish: r.targetSha,
    name: r.name ?? r.tagName,
    body: null,
    draft: r.draft ?? false,
    prerelease: r.prerelease ?? false,
    immutable: false,
    created_at: iso(r.publishedAt),
    published_at: r.draft ? null : iso(r.publishedAt),
    author: user(ctx, 'github-actions[bot]'),
    assets: [],
  };
}

function label(ctx: ShapeContext, repo: ScenarioRepo, name: string) {
  const id = stableId(`label:${repo.owner}/${repo.name}:${name}`);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${repoUrl(ctx, repo)}/labels/${encodeURIComponent(name)}`,
    name,
    description: '',
    color: name === 'incident' || name === 'hotfix' ? 'd73a4a' : 'ededed',
    default: false,
  };
}

function link(href: string) {
  return { href };
}

/** `updated_at` of a pull request: its latest event at or before the data clock. */
export function pullUpdatedAt(pr: ScenarioPullRequest): string {
  let latest = pr.createdAt;
  for (const t of [pr.firstReviewAt, pr.mergedAt, pr.closedAt]) {
    if (t !== undefined && Date.parse(t) > Date.parse(latest)) latest = t;
  }
  return latest;
}

export function pullRequestSimple(
  ctx: ShapeContext,
  repo: ScenarioRepo,
  repoObject: JsonObject,
  pr: ScenarioPullRequest,
  baseSha: string,
) {
  const u = repoUrl(ctx, repo);
  const html = `${ctx.web}/${repo.owner}/${repo.name}/pull/${pr.number}`;
  const id = stableId(`pr:${repo.owner}/${repo.name}#${pr.number}`);
  const headSha = pr.commits.at(-1) ?? baseSha;
  const author = user(ctx, pr.author);
  return {
    url: `${u}/pulls/${pr.number}`,
    id,
    node_id: nodeId('PR', id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${u}/issues/${pr.number}`,
    number: pr.number,
    state: pr.state === 'open' ? 'open' : 'closed',
    locked: false,
    title: pr.title,
    user: author,
    body: pr.body ?? null,
    created_at: iso(pr.createdAt),
    updated_at: iso(pullUpdatedAt(pr)),
    closed_at: pr.closedAt ? iso(pr.closedAt) : pr.mergedAt ? iso(pr.mergedAt) : null,
    merged_at: pr.mergedAt ? iso(pr.mergedAt) : null,
    merge_commit_sha: pr.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: (pr.labels ?? []).map((l) => label(ctx, repo, l)),
    milestone: null,
    draft: false,
    commits_url: `${u}/pulls/${pr.number}/commits`,
    review_comments_url: `${u}/pulls/${pr.number}/comments`,
    review_comment_url: `${u}/pulls/comments{/number}`,
    comments_url: `${u}/issues/${pr.number}/comments`,
    statuses_url: `${u}/statuses/${headSha}`,
    head: {
      label: `${repo.owner}:${pr.headRef}`,
      ref: pr.headRef,
      sha: headSha,
      user: author,
      repo: repoObject,
    },
    base: {
      label: `${repo.owner}:${pr.baseRef}`,
      ref: pr.baseRef,
      sha: baseSha,
      user: user(ctx, repo.owner),
      repo: repoObject,
    },
    _links: {
      self: link(`${u}/pulls/${pr.number}`),
      html: link(html),
      issue: link(`${u}/issues/${pr.number}`),
      comments: link(`${u}/issues/${pr.number}/comments`),
      review_comments: link(`${u}/pulls/${pr.number}/comments`),
      review_comment: link(`${u}/pulls/comments{/number}`),
      commits: link(`${u}/pulls/${pr.number}/commits`),
      statuses: link(`${u}/statuses/${headSha}`),
    },
    author_association: 'MEMBER',
    auto_merge: null,
    active_lock_reason: null,
  };
}

export function pullRequest(
  ctx: ShapeContext,
  repo: ScenarioRepo,
  repoObject: JsonObject,
  pr: ScenarioPullRequest,
  baseSha: string,
) {
  const merged = pr.state === 'merged';
  return {
    ...pullRequestSimple(ctx, repo, repoObject, pr, baseSha),
    merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: merged ? user(ctx, pr.author) : null,
    comments: 0,
    review_comments: pr.firstReviewAt ? 1 : 0,
    maintainer_can_modify: false,
    commits: pr.commits.length,
    additions: pr.commits.length * 17,
    deletions: pr.commits.length * 5,
    changed_files: pr.commits.length * 2,
  };
}

export function issue(ctx: ShapeContext, repo: ScenarioRepo, i: ScenarioIssue) {
  const u = repoUrl(ctx, repo);
  const id = stableId(`issue:${repo.owner}/${repo.name}#${i.number}`);
  const updated = i.closedAt ?? i.createdAt;
  return {
    id,
    node_id: nodeId('I', id),
    url: `${u}/issues/${i.number}`,
    repository_url: u,
    labels_url: `${u}/issues/${i.number}/labels{/name}`,
    comments_url: `${u}/issues/${i.number}/comments`,
    events_url: `${u}/issues/${i.number}/events`,
    html_url: `${ctx.web}/${repo.owner}/${repo.name}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state === 'closed' ? 'completed' : null,
    title: i.title,
    body: i.body ?? null,
    user: user(ctx, 'oncall-bot'),
    labels: (i.labels ?? []).map((l) => label(ctx, repo, l)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: i.closedAt ? iso(i.closedAt) : null,
    created_at: iso(i.createdAt),
    updated_at: iso(updated),
    closed_by: null,
    author_association: 'MEMBER',
  };
}

export function commit(ctx: ShapeContext, repo: ScenarioRepo, c: ScenarioCommit) {
  const u = repoUrl(ctx, repo);
  const html = `${ctx.web}/${repo.owner}/${repo.name}/commit/${c.sha}`;
  const authorUser = user(ctx, c.author);
  return {
    url: `${u}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeId('C', c.sha.slice(0, 12)),
    html_url: html,
    comments_url: `${u}/commits/${c.sha}/comments`,
    commit: {
      url: `${u}/git/commits/${c.sha}`,
      author: {
        name: c.author,
        email: noreplyEmail(c.author),
        date: iso(c.authoredAt),
      },
      committer: { name: 'GitHub', email: 'noreply@github.com', date: iso(c.committedAt) },
      message: c.message,
      comment_count: 0,
      tree: { sha: treeSha(c.sha), url: `${u}/git/trees/${treeSha(c.sha)}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: authorUser,
    committer: user(ctx, 'web-flow'),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${u}/commits/${p}`,
      html_url: `${ctx.web}/${repo.owner}/${repo.name}/commit/${p}`,
    })),
  };
}
