/** An instant: an ISO-8601 string with a zone, epoch milliseconds, or a Date. */
export type Instant = string | number | Date;

/** One completed deployment attempt. */
export interface Deployment {
  /** External id, unique per source, e.g. `"acme/shop:run:5001"`. */
  id: string;
  /** `"production"`, `"staging"`, ... */
  environment: string;
  /** Completed attempts only. */
  status: 'success' | 'failure';
  /** When the deployment completed. */
  finishedAt: Instant;
  startedAt?: Instant;
  /** The deployed commit. */
  sha?: string;
  /** `"owner/name"`. */
  repository?: string;
  service?: string;
  /** Changes shipped by this deployment for the first time. */
  changeIds?: string[];
}

/** A merged pull request (or a direct commit). */
export interface Change {
  /** e.g. `"acme/shop#123"`. */
  id: string;
  /** The earliest authored commit of the change, whatever the commits' order. */
  firstCommitAt: Instant;
  /** When the pull request was opened. */
  createdAt?: Instant;
  firstReviewAt?: Instant;
  mergedAt?: Instant;
  repository?: string;
  author?: string;
  labels?: string[];
  title?: string;
  /** The head branch. */
  branch?: string;
  /** The id of the change this one reverts, when known. */
  reverts?: string;
}

export interface Incident {
  id: string;
  createdAt: Instant;
  /** Absent while open. */
  resolvedAt?: Instant;
  repository?: string;
  service?: string;
  /** The deployment that caused it, when known. */
  deploymentId?: string;
}

export interface DoraData {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
}

export type WindowPreset =
  | 'last-1-day'
  | 'last-3-days'
  | 'last-7-days'
  | 'last-30-days'
  | 'last-90-days';

/** Half-open: `from <= t < to`. */
export interface WindowRange {
  from: Instant;
  to: Instant;
}

export type Bucket = 'day' | 'week' | 'month' | 'quarter';

export type ChangeFailureRateMode = 'failed-deployments' | 'incidents-per-deployment';

export interface DoraOptions {
  /** A range `[from, to)`, or a preset that needs `now`. */
  window: WindowRange | WindowPreset;
  /** The reference instant for presets. */
  now?: Instant;
  /** Selects production deployments. Default `'production'`. */
  environment?: string | RegExp;
  /** Seconds; default 86400. */
  attributionWindow?: number;
  /** Default `'failed-deployments'`. */
  changeFailureRateMode?: ChangeFailureRateMode;
  /** A benchmark profile id; default: the newest profile whose thresholds are sourced. */
  benchmark?: string;
  /** Below this many samples a metric's level is `'insufficient-data'`. Default 5. */
  minSample?: number;
  /** Granularity of `series`. Default `'week'`. */
  bucket?: Bucket;
  /** Also compute the window of equal length just before, as `previous`. Default true. */
  compareToPrevious?: boolean;
  /** Labels that mark a change as a hotfix. Default `['hotfix']`. */
  hotfixLabels?: string[];
  /** Head-branch prefixes that mark a change as a hotfix. Default `['hotfix/']`. */
  hotfixBranchPrefixes?: string[];
}

export type Level = 'elite' | 'high' | 'medium' | 'low' | 'insufficient-data';

/** All durations in seconds. `null` means no data. */
export interface Distribution {
  count: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface DeploymentFrequencyResult {
  deployments: number;
  perDay: number;
  perWeek: number;
  deploymentDays: number;
  level: Level;
}

export type LeadTimeResult = Distribution & { excluded: number; level: Level };

export interface ChangeFailureRateResult {
  failed: number;
  total: number;
  rate: number | null;
  level: Level;
}

export type RecoveryTimeResult = Distribution & { open: number; level: Level };

export interface ReworkRateResult {
  rework: number;
  total: number;
  rate: number | null;
}

export interface SeriesPoint {
  start: string;
  end: string;
  deployments: number;
  leadTimeMedian: number | null;
  changeFailureRate: number | null;
  recoveryTimeMedian: number | null;
}

export type FailureKind =
  | 'deployment-failed'
  | 'incident'
  | 'rollback'
  | 'reverted'
  | 'hotfix-followup';

export interface FailureReason {
  kind: FailureKind | (string & {});
  ref?: string;
}

export interface DoraAudit {
  failures: Array<{ deploymentId: string; reasons: FailureReason[] }>;
  leadTimes: Array<{ changeId: string; deploymentId: string; seconds: number }>;
}

export interface DoraReport {
  /** ISO-8601 UTC. */
  window: { from: string; to: string };
  /** The benchmark profile id used. */
  benchmark: string;
  deploymentFrequency: DeploymentFrequencyResult;
  leadTime: LeadTimeResult;
  changeFailureRate: ChangeFailureRateResult;
  /** Failed deployment recovery time. */
  recoveryTime: RecoveryTimeResult;
  /** Incident created -> resolved. */
  timeToRestore: Distribution;
  reworkRate: ReworkRateResult;
  /** The documented rule combining the four levels. */
  overall: Level;
  series: SeriesPoint[];
  previous?: Omit<DoraReport, 'previous' | 'series'>;
  audit: DoraAudit;
}

/** Membership of a person in a team over time; `weight` (default 1) splits shared people. */
export interface TeamMembership {
  team: string;
  member: string;
  joinedAt: Instant;
  /** Absent while still a member. */
  leftAt?: Instant;
  weight?: number;
}

export interface FlowMetricsResult {
  /** Changes merged in the window. */
  throughput: { merged: number; perWeek: number };
  /** firstCommitAt -> mergedAt, changes merged in the window. */
  cycleTime: Distribution;
  /** firstCommitAt -> createdAt. */
  coding: Distribution;
  /** createdAt -> firstReviewAt. */
  pickup: Distribution;
  /** firstReviewAt -> mergedAt. */
  review: Distribution;
  /** mergedAt -> shipping deployment finishedAt. */
  deploy: Distribution;
}

export interface TeamVelocityPoint {
  start: string;
  /** Weighted count of changes merged in the bucket. */
  merged: number;
  /** Weighted mean cycle time of those changes. */
  avgCycleTimeSeconds: number | null;
}

export interface TeamMetricsResult {
  team: string;
  /** Weighted count of changes merged in the window. */
  changes: number;
  /** Unweighted lead-time samples of the team's changes. */
  leadTime: Distribution;
  velocity: TeamVelocityPoint[];
}
