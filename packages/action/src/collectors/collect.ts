import type { Change, Deployment, DoraData, Incident } from '@dora/core';
import type { ApiUsage, BaselineInfo, SourcesUsed } from '../run-info.js';
import { CollectorError, RateLimitedError } from './errors.js';
import { type ChangesCursor, collectChanges } from './github/changes.js';
import type { GitHubClient } from './github/client.js';
import {
  collectDeployments,
  type SourceContext,
  START_MARGIN_MS,
  selectSource,
} from './github/deployments/index.js';
import { collectIssueIncidents, type IssuesEtag } from './github/issues.js';
import { type HistoryCursor, linkChanges, readHistory } from './github/link.js';
import { readFirstPages } from './github/queries/first-pages.js';
import { byTimeThenId, mapLimit, mergeById } from './merge.js';
import type { PagerDutyClient } from './pagerduty/client.js';
import { collectPagerDutyIncidents, INCIDENT_MARGIN_MS } from './pagerduty/incidents.js';
import type {
  CollectOptions,
  CollectorState,
  CollectResult,
  DeploymentSourceKind,
  PdCursor,
  RepoCursor,
} from './types.js';

export interface CollectDeps {
  github: GitHubClient;
  pagerduty?: PagerDutyClient;
  now: Date;
  progress?: (line: string) => void;
}

interface RepoOutcome {
  repo: string;
  /** The repository's complete events after this run (previous merged with new). */
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
  cursor: RepoCursor;
  source: DeploymentSourceKind;
  baselines: BaselineInfo[];
  warnings: string[];
}

const EMPTY: DoraData = { deployments: [], changes: [], incidents: [] };

/**
 * Collects every repository's deployments, changes and incidents, and PagerDuty's incidents. With
 * `previous`, each list is re-read only from its watermark minus the lookback (and what was not final
 * is re-read by id), then merged into `previous.data` by id: the result equals a full collection.
 * A rate limit that cannot be waited out stops collection: repositories not finished keep their
 * previous events and cursors, and `partial` says why.
 */
export async function collect(
  options: CollectOptions,
  previous: { data: DoraData; state: CollectorState } | undefined,
  deps: CollectDeps,
): Promise<CollectResult> {
  const progress = deps.progress ?? (() => {});
  const prevState = previous?.state.version === 1 ? previous.state : undefined;
  const prevData = previous?.data ?? EMPTY;
  const warnings: string[] = [];
  let partial: { reason: string } | undefined;
  const stop = (error: unknown, what: string): undefined => {
    if (!(error instanceof RateLimitedError)) throw error;
    partial ??= { reason: `${what}: ${error.message}` };
    return undefined;
  };

  const outcomes = await mapLimit(options.repositories, options.concurrency ?? 4, async (repo) => {
    if (partial !== undefined) return undefined;
    try {
      return await collectRepo(
        repo,
        options,
        prevState?.repos[repo],
        prevData,
        deps.github,
        progress,
      );
    } catch (error) {
      return stop(error, repo);
    }
  });

  const repos: Record<string, RepoCursor> = {};
  const data: DoraData = { deployments: [], changes: [], incidents: [] };
  const sources: SourcesUsed = { deployments: {}, changes: 'github-pull-requests', incidents: [] };
  const baselines: BaselineInfo[] = [];
  options.repositories.forEach((repo, i) => {
    const outcome = outcomes[i];
    if (outcome === undefined) {
      // Not finished: keep what the last run had for this repository.
      const kept = prevState?.repos[repo];
      if (kept !== undefined) repos[repo] = kept;
      data.deployments.push(...prevData.deployments.filter((d) => d.repository === repo));
      data.changes.push(...prevData.changes.filter((c) => c.repository === repo));
      data.incidents.push(...prevData.incidents.filter((x) => isIssueOf(x, repo)));
      if (kept?.source !== undefined) sources.deployments[repo] = kept.source;
      return;
    }
    repos[repo] = outcome.cursor;
    data.deployments.push(...outcome.deployments);
    data.changes.push(...outcome.changes);
    data.incidents.push(...outcome.incidents);
    sources.deployments[repo] = outcome.source;
    baselines.push(...outcome.baselines);
    warnings.push(...outcome.warnings);
  });
  if (options.incidentLabels.length > 0) sources.incidents.push('github-issues');

  const state: CollectorState = { version: 1, repos };
  if (options.pagerduty !== undefined) {
    sources.incidents.push('pagerduty');
    const pd = await pagerDutyPart(
      options,
      prevData,
      prevState,
      deps,
      partial === undefined,
      progress,
    );
    data.incidents.push(...pd.incidents);
    if (pd.cursor !== undefined) state.pagerduty = pd.cursor;
    warnings.push(...pd.warnings);
    if (pd.rateLimited !== undefined) stop(pd.rateLimited, 'PagerDuty');
  }

  data.deployments.sort(byTimeThenId((d) => d.finishedAt));
  data.changes.sort(byTimeThenId((c) => c.mergedAt ?? c.firstCommitAt));
  data.incidents.sort(byTimeThenId((x) => x.createdAt));
  const api: ApiUsage = { ...deps.github.usage(), pagerduty: deps.pagerduty?.requests() ?? 0 };
  return {
    data,
    state,
    sources,
    baselines,
    api,
    warnings,
    ...(partial === undefined ? {} : { partial }),
  };
}

/**
 * PagerDuty's incidents merged into the previous ones. Not read when collection already stopped; an
 * outage (5xx, network) or a rate limit keeps the previous incidents and cursor.
 */
async function pagerDutyPart(
  options: CollectOptions,
  prevData: DoraData,
  prevState: CollectorState | undefined,
  deps: CollectDeps,
  go: boolean,
  progress: (line: string) => void,
): Promise<{
  incidents: Incident[];
  cursor?: PdCursor;
  warnings: string[];
  rateLimited?: RateLimitedError;
}> {
  const previous = prevData.incidents.filter((x) => x.id.startsWith('pagerduty:'));
  const kept = {
    incidents: previous,
    ...(prevState?.pagerduty === undefined ? {} : { cursor: prevState.pagerduty }),
  };
  const config = options.pagerduty;
  if (config === undefined || !go) return { ...kept, warnings: [] };
  if (deps.pagerduty === undefined) {
    return {
      ...kept,
      warnings: [
        'PagerDuty services are configured but no PagerDuty client was given: PagerDuty incidents were not read',
      ],
    };
  }
  try {
    const pd = await collectPagerDutyIncidents(deps.pagerduty, {
      services: config.services,
      serviceRepositories: config.serviceRepositories,
      repositories: options.repositories,
      since: options.since,
      until: options.until,
      lookbackMs: options.lookbackMs,
      ...(prevState?.pagerduty === undefined ? {} : { cursor: prevState.pagerduty }),
    });
    progress(
      `PagerDuty: ${pd.incidents.length} incidents read (${pd.cursor.open.length} still open)`,
    );
    return { incidents: mergeById(previous, pd.incidents), cursor: pd.cursor, warnings: [] };
  } catch (error) {
    if (error instanceof RateLimitedError) return { ...kept, warnings: [], rateLimited: error };
    if (error instanceof CollectorError && (error.status ?? 500) >= 500) {
      return { ...kept, warnings: [`PagerDuty incidents not updated: ${error.message}`] };
    }
    throw error;
  }
}

const isIssueOf = (incident: Incident, repo: string): boolean =>
  incident.id.startsWith(`${repo}:issue:`);

async function collectRepo(
  repo: string,
  options: CollectOptions,
  previous: RepoCursor | undefined,
  prevData: DoraData,
  github: GitHubClient,
  progress: (line: string) => void,
): Promise<RepoOutcome> {
  const [owner, name] = repo.split('/') as [string, string];
  const warnings: string[] = [];
  const branch =
    options.deployBranch ?? previous?.defaultBranch ?? (await defaultBranchOf(github, owner, name));
  const choice = await selectSource(github, repo, {
    option: options.deploymentSource,
    environment: options.environment,
    deployWorkflows: options.deployWorkflows,
    branch,
    ...(previous?.source === undefined ? {} : { previous: previous.source }),
    ...(previous?.workflows === undefined ? {} : { knownWorkflows: previous.workflows }),
  });
  // A cursor from another source (or another branch) says nothing about this one: read it all.
  const warm =
    previous !== undefined && previous.source === choice.kind && previous.branch === branch
      ? previous
      : undefined;
  const prevDeployments = warm ? prevData.deployments.filter((d) => d.repository === repo) : [];
  const prevChanges = prevData.changes.filter((c) => c.repository === repo);
  const prevIssues = prevData.incidents.filter((x) => isIssueOf(x, repo));

  const ctx: SourceContext = {
    client: github,
    repo,
    owner,
    name,
    environment: options.environment,
    branch,
    since: options.since,
    until: options.until,
    readFrom: resumeFrom(
      new Date(options.since.getTime() - START_MARGIN_MS),
      warm?.deploymentsWatermark,
      options.lookbackMs,
    ),
    pending: warm?.pendingDeployments ?? [],
    etags: warm?.etags ?? {},
    newEtags: {},
    log: (line) => warnings.push(line),
  };
  // The four lists do not depend on one another: read them at once (the client caps requests in flight).
  // The pull requests and the history share their first request.
  const firstPages = options.changes === false ? undefined : readFirstPages(github, repo, branch);
  const history = firstPages?.then((firstPage) =>
    readHistory(github, repo, {
      branch,
      since: options.since,
      firstPage,
      ...(warm?.history === undefined ? {} : { cursor: warm.history as HistoryCursor }),
    }),
  );
  const [found, issues, collected] = await Promise.all([
    collectDeployments(ctx, choice.kind, {
      workflows: choice.workflows,
      ...(options.deployJob === undefined ? {} : { deployJob: options.deployJob }),
    }).then((found) => {
      progress(
        `${repo}: ${found.deployments.length} deployments read from ${choice.kind} (${choice.reason}), ${found.pending.length} not finished yet`,
      );
      return found;
    }),
    issueIncidents(repo, options, previous, github, progress),
    firstPages
      ?.then((firstPage) =>
        collectChanges(github, repo, {
          since: options.since,
          until: options.until,
          baseBranch: branch,
          lookbackMs: options.lookbackMs,
          firstPage,
          ...(previous?.changes === undefined ? {} : { cursor: previous.changes as ChangesCursor }),
        }),
      )
      .then((collected) => {
        progress(`${repo}: ${collected.changes.length} merged pull requests read`);
        return collected;
      }),
    history,
  ]);
  let deployments = mergeById(prevDeployments, found.deployments);
  const incidents = issues === undefined ? prevIssues : mergeById(prevIssues, issues.incidents);

  let changes = prevChanges;
  let baselines: BaselineInfo[] = [];
  let changesCursor = previous?.changes;
  let historyCursor = previous?.history;
  if (collected !== undefined && history !== undefined) {
    warnings.push(...collected.warnings);
    changes = mergeById(prevChanges, collected.changes);
    changesCursor = collected.cursor;
    const linked = await linkChanges(
      github,
      repo,
      {
        branch,
        since: options.since,
        deployments,
        changes,
        mergeCommits: collected.mergeCommits,
      },
      await history,
    );
    warnings.push(...linked.warnings);
    deployments = linked.deployments;
    baselines = linked.baselines;
    historyCursor = linked.cursor;
  }

  const cursor: RepoCursor = {
    source: choice.kind,
    branch,
    ...(options.deployBranch === undefined ? { defaultBranch: branch } : {}),
    deploymentsWatermark: options.until.toISOString(),
    pendingDeployments: found.pending,
    ...(options.incidentLabels.length > 0 ? { issuesWatermark: options.until.toISOString() } : {}),
    etags: ctx.newEtags,
    ...(choice.workflowsCache === undefined ? {} : { workflows: choice.workflowsCache }),
    ...(issues?.etag === undefined ? {} : { issuesEtag: issues.etag }),
    ...(changesCursor === undefined ? {} : { changes: changesCursor }),
    ...(historyCursor === undefined ? {} : { history: historyCursor }),
  };
  return {
    repo,
    deployments,
    changes,
    incidents,
    cursor,
    source: choice.kind,
    baselines,
    warnings,
  };
}

/** The repository's incident issues read since its watermark; `undefined` when no label is configured. */
async function issueIncidents(
  repo: string,
  options: CollectOptions,
  previous: RepoCursor | undefined,
  github: GitHubClient,
  progress: (line: string) => void,
): Promise<{ incidents: Incident[]; etag: IssuesEtag | undefined } | undefined> {
  if (options.incidentLabels.length === 0) return undefined;
  const createdFrom = new Date(options.since.getTime() - INCIDENT_MARGIN_MS);
  const fresh = await collectIssueIncidents(github, repo, {
    labels: options.incidentLabels,
    createdFrom,
    until: options.until,
    updatedSince: resumeFrom(createdFrom, previous?.issuesWatermark, options.lookbackMs),
    ...(previous?.issuesEtag === undefined ? {} : { known: previous.issuesEtag }),
  });
  progress(
    `${repo}: ${fresh.incidents.length} incident issues read (labels: ${options.incidentLabels.join(', ')})`,
  );
  return { incidents: fresh.incidents, etag: fresh.etag };
}

/** Where a warm run resumes a list: its watermark minus the lookback, never before `floor`. */
function resumeFrom(floor: Date, watermark: string | undefined, lookbackMs: number): Date {
  if (watermark === undefined) return floor;
  return new Date(Math.max(floor.getTime(), Date.parse(watermark) - lookbackMs));
}

async function defaultBranchOf(github: GitHubClient, owner: string, repo: string): Promise<string> {
  const res = await github.octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
  return res.data.default_branch;
}
