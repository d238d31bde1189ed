import type { DoraData, DoraReport } from '@dora/core';

/** Where each kind of event came from in this run. */
export interface SourcesUsed {
  /** `deployments`, `workflow-runs`, `releases` or `merges`, per repository. */
  deployments: Record<string, string>;
  /** e.g. `github-pull-requests`. */
  changes: string;
  /** e.g. `pagerduty`, `github-issues`. */
  incidents: string[];
}

export interface ApiUsage {
  /** Requests sent to GitHub (REST and GraphQL), 304s included. */
  github: number;
  /** Of those, answered 304 Not Modified (free). */
  notModified: number;
  pagerduty: number;
  /** The lowest remaining REST budget seen, when the API reported one. */
  githubRemaining: number | null;
  /** The lowest remaining GraphQL budget seen, when the API reported one. */
  graphqlRemaining: number | null;
}

export interface StateInfo {
  backend: 'actions-cache' | 'file' | 'none';
  /** A usable state was restored (else this was a full collection). */
  restored: boolean;
  saved: boolean;
  /** Why the state was not restored or not saved, when it was not. */
  message?: string;
}

/** The first deployment seen per repository/environment: the changes before it are bounded by the window. */
export interface BaselineInfo {
  repository: string;
  environment: string;
  deploymentId: string;
  finishedAt: string;
  /** Changes older than this were not attributed to the baseline deployment. */
  boundedAt: string;
}

/** Everything the renderers need besides the report: what was collected and how. */
export interface RunInfo {
  repositories: string[];
  environment: string;
  sources: SourcesUsed;
  /** The collection window (wider than the report window: it covers the previous window and lookback). */
  collected: { from: string; to: string };
  events: { deployments: number; changes: number; incidents: number };
  baselines: BaselineInfo[];
  api: ApiUsage;
  state: StateInfo;
  /** Set when the run stopped early (rate limit, time budget) and reports what it had. */
  partial?: { reason: string };
  warnings: string[];
  /** When the run finished, ISO-8601 UTC. */
  generatedAt: string;
}

/** What one run produces: the events, the report and how they were obtained. */
export interface RunResult {
  data: DoraData;
  report: DoraReport;
  info: RunInfo;
}
