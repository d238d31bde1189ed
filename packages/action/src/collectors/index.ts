export { type CollectDeps, collect } from './collect.js';
export { CollectorError, PermissionError, RateLimitedError } from './errors.js';
export type { GitHubClient, GitHubClientOptions } from './github/client.js';
export { createGitHubClient } from './github/client.js';
export type { PagerDutyClient, PagerDutyClientOptions } from './pagerduty/client.js';
export { createPagerDutyClient } from './pagerduty/client.js';
export type {
  CollectOptions,
  CollectorState,
  CollectResult,
  DeploymentSourceKind,
  DeploymentSourceOption,
  PdCursor,
  RepoCursor,
} from './types.js';
