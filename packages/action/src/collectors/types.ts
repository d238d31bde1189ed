import type { DoraData } from '@dora/core';
import type { ApiUsage, BaselineInfo, SourcesUsed } from '../run-info.js';

export type DeploymentSourceKind = 'deployments' | 'workflow-runs' | 'releases' | 'merges';
export type DeploymentSourceOption = 'auto' | DeploymentSourceKind;

export interface CollectOptions {
  /** "owner/name" */
  repositories: string[];
  deploymentSource: DeploymentSourceOption;
  /** The production environment name. */
  environment: string;
  /** Workflow file names (deploy.yml) or names; empty = any in auto. */
  deployWorkflows: string[];
  /** Take this job's conclusion/environment instead of the run's. */
  deployJob?: string;
  /** Default: the repository's default branch. */
  deployBranch?: string;
  /** The collection range [since, until). */
  since: Date;
  until: Date;
  /** Re-read from watermark - lookback on warm runs. */
  lookbackMs: number;
  /** GitHub issues with all of these labels ([] = no issue incidents). */
  incidentLabels: string[];
  pagerduty?: {
    token: string;
    apiUrl: string;
    services: string[];
    /** service id -> repositories */
    serviceRepositories: Record<string, string[]>;
  };
  /** Repositories fetched at once (default 4). */
  concurrency?: number;
  /** Collect changes and link them to deployments (engineer B's part). Default true. */
  changes?: boolean;
}

/** Where one repository's collection got to. JSON-serialisable. */
export interface RepoCursor {
  /** The deployment source chosen (auto resolves once and sticks, so warm runs read the same source). */
  source?: DeploymentSourceKind;
  /** The deploy branch the cursor was built on. */
  branch?: string;
  /** The repository's default branch, remembered to save a request. */
  defaultBranch?: string;
  /** Deployments are complete up to this instant (ISO); warm runs re-read from here minus the lookback. */
  deploymentsWatermark?: string;
  /** Source-native ids (GitHub deployment ids, workflow run ids) seen but not finished: re-read by id. */
  pendingDeployments: number[];
  /** Incident issues: complete up to this instant of `updated_at` (ISO). */
  issuesWatermark?: string;
  /** ETags of list requests, keyed by the request (route and parameters): a 304 means unchanged. */
  etags: Record<string, string>;
  /** The incident-issues request of the last run and its ETag. */
  issuesEtag?: unknown;
  /** The repository's workflow list and its ETag (workflow-runs source): unchanged lists cost a free 304. */
  workflows?: unknown;
  /** Engineer B's cursors, stored as given. */
  changes?: unknown;
  history?: unknown;
}

export interface PdCursor {
  /** Incidents are complete up to this `created_at` instant (ISO). */
  watermark?: string;
  /** Incidents not resolved at the last run: re-read by id. */
  open: string[];
}

export interface CollectorState {
  version: 1;
  repos: Record<string, RepoCursor>;
  pagerduty?: PdCursor;
}

export interface CollectResult {
  /** The COMPLETE merged event set: previous.data with new/updated events merged by id. */
  data: DoraData;
  state: CollectorState;
  sources: SourcesUsed;
  baselines: BaselineInfo[];
  api: ApiUsage;
  warnings: string[];
  /** Set when a rate limit / time budget stopped collection early. */
  partial?: { reason: string };
}
