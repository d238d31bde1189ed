import { computeDora, type DoraData, type DoraOptions } from '@dora/core';
import { CollectorError, PermissionError, RateLimitedError } from './collectors/errors.js';
import type { GitHubClient } from './collectors/github/client.js';
import type { PagerDutyClient } from './collectors/pagerduty/client.js';
import type { CollectOptions, CollectorState, CollectResult } from './collectors/types.js';
import type { ActionInputs } from './inputs.js';
import { eventsSince } from './range-filter.js';
import type { RunInfo, RunResult, StateInfo } from './run-info.js';
import { encodeState } from './state/codec.js';
import { scopeHash } from './state/scope.js';
import { capStateSize, DEFAULT_MAX_STATE_BYTES } from './state/size-cap.js';
import {
  type Restored,
  STATE_SCHEMA_VERSION,
  type StateStore,
  type StoredState,
} from './state/types.js';
import { collectionRange, type ResolvedWindow, resolveWindow } from './window.js';

export interface Log {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

export type CollectFn = (
  options: CollectOptions,
  previous: { data: DoraData; state: CollectorState } | undefined,
  deps: {
    github: GitHubClient;
    pagerduty?: PagerDutyClient;
    now: Date;
    progress?: (line: string) => void;
  },
) => Promise<CollectResult>;

export interface PipelineDeps {
  now: Date;
  collect: CollectFn;
  github: GitHubClient;
  /** Present when the inputs name PagerDuty services. */
  pagerduty?: PagerDutyClient;
  /** Opens the state store for a scope (the scope is only known once the inputs are). */
  openStore(scope: string): StateStore;
  /** Whether this run may save state (a pull request may not). */
  persist: { allowed: true } | { allowed: false; reason: string };
  log: Log;
  progress?: (line: string) => void;
  maxStateBytes?: number;
}

export function scopeOf(inputs: ActionInputs): string {
  return scopeHash({
    repositories: inputs.repositories,
    deploymentSource: inputs.deploymentSource,
    environment: inputs.environment,
    deployWorkflows: inputs.deployWorkflows,
    ...(inputs.deployJob ? { deployJob: inputs.deployJob } : {}),
    ...(inputs.deployBranch ? { deployBranch: inputs.deployBranch } : {}),
    incidentLabels: inputs.incidentLabels,
    pagerdutyServices: inputs.pagerduty?.services ?? [],
  });
}

export function collectOptions(inputs: ActionInputs, range: ResolvedWindow): CollectOptions {
  const options: CollectOptions = {
    repositories: inputs.repositories,
    deploymentSource: inputs.deploymentSource,
    environment: inputs.environment,
    deployWorkflows: inputs.deployWorkflows,
    since: range.from,
    until: range.to,
    lookbackMs: inputs.lookbackMs,
    incidentLabels: inputs.incidentLabels,
  };
  if (inputs.deployJob) options.deployJob = inputs.deployJob;
  if (inputs.deployBranch) options.deployBranch = inputs.deployBranch;
  if (inputs.pagerduty) options.pagerduty = inputs.pagerduty;
  return options;
}

export function doraOptions(inputs: ActionInputs, window: ResolvedWindow, now: Date): DoraOptions {
  const options: DoraOptions = {
    window: { from: window.from, to: window.to },
    now,
    environment: inputs.environment,
    attributionWindow: Math.round(inputs.attributionWindowMs / 1000),
    changeFailureRateMode: inputs.changeFailureRateMode,
    bucket: inputs.bucket,
    hotfixLabels: inputs.hotfixLabels,
  };
  if (inputs.benchmark) options.benchmark = inputs.benchmark;
  return options;
}

function previousOf(restored: Restored, log: Log): StoredState | undefined {
  if (restored.state) {
    log.info(`Restored state from ${restored.source} (saved ${restored.state.savedAt}).`);
    return restored.state;
  }
  log.notice(`Full collection: ${restored.message}.`);
  return undefined;
}

function restoredMessage(restored: Restored): string {
  return restored.state ? '' : restored.message;
}

/** A 5xx or a network failure; a 4xx (bad token, wrong URL) is a configuration error and fails the run. */
function isPagerDutyOutage(error: unknown): error is CollectorError {
  return (
    error instanceof CollectorError &&
    error.source === 'pagerduty' &&
    !(error instanceof RateLimitedError) &&
    !(error instanceof PermissionError) &&
    (error.status === undefined || error.status >= 500)
  );
}

type PreviousInput = { data: DoraData; state: CollectorState } | undefined;

function collectOnce(
  deps: PipelineDeps,
  options: CollectOptions,
  previous: PreviousInput,
  withPagerDuty: boolean,
): Promise<CollectResult> {
  return deps.collect(options, previous, {
    github: deps.github,
    now: deps.now,
    ...(withPagerDuty && deps.pagerduty ? { pagerduty: deps.pagerduty } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
  });
}

/** A rate limit that the collector did not turn into a partial result: report what was saved before. */
function checkpoint(
  deps: PipelineDeps,
  previous: StoredState | undefined,
  error: unknown,
): CollectResult {
  if (!(error instanceof RateLimitedError)) throw error;
  return {
    data: previous?.data ?? { deployments: [], changes: [], incidents: [] },
    state: previous?.collector ?? { version: 1, repos: {} },
    sources: { deployments: {}, changes: 'github-pull-requests', incidents: [] },
    baselines: [],
    api: deps.github.usage(),
    warnings: [],
    partial: { reason: error.message },
  };
}

/**
 * Collects; a PagerDuty outage is a warning (collected again without PagerDuty, which keeps the
 * incidents of the last run) and a rate limit the collector let through becomes a partial report.
 */
async function collectOrCheckpoint(
  deps: PipelineDeps,
  options: CollectOptions,
  previous: StoredState | undefined,
): Promise<CollectResult> {
  const previousInput = previous ? { data: previous.data, state: previous.collector } : undefined;
  try {
    return await collectOnce(deps, options, previousInput, true);
  } catch (error) {
    if (!isPagerDutyOutage(error) || !deps.pagerduty) return checkpoint(deps, previous, error);
    deps.log.warning(
      `PagerDuty could not be read (${error.message}): its incidents are those of the last run.`,
    );
    try {
      const result = await collectOnce(deps, options, previousInput, false);
      const others = result.warnings.filter((w) => !w.includes('no PagerDuty client was given'));
      return {
        ...result,
        api: { ...result.api, pagerduty: deps.pagerduty.requests() },
        warnings: [`PagerDuty could not be read: ${error.message}`, ...others],
      };
    } catch (retryError) {
      return checkpoint(deps, previous, retryError);
    }
  }
}

async function saveState(
  deps: PipelineDeps,
  store: StateStore,
  state: StoredState,
  keepAfter: Date,
): Promise<{ saved: boolean; message?: string }> {
  if (store.backend === 'none') return { saved: false, message: 'state-backend is none' };
  if (!deps.persist.allowed) return { saved: false, message: deps.persist.reason };
  const maxBytes = deps.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
  const bytes = Buffer.byteLength(encodeState(state));
  const capped = capStateSize(state, bytes, maxBytes, keepAfter);
  if (capped.dropped > 0) {
    deps.log.warning(
      `The state exceeded ${maxBytes} bytes: dropped its ${capped.dropped} oldest events (before ${keepAfter.toISOString()}).`,
    );
  }
  const result = await store.save(capped.state);
  if (result.saved) return { saved: true };
  deps.log.warning(`State not saved: ${result.message}. The next run collects everything again.`);
  return { saved: false, message: result.message };
}

/**
 * One run, shared by the Action and the CLI: restore state, collect, compute, save state. What the
 * caller writes (summary, badges, files, outputs) comes from the returned result.
 */
export async function runPipeline(inputs: ActionInputs, deps: PipelineDeps): Promise<RunResult> {
  const window = resolveWindow(inputs.window, deps.now);
  const range = collectionRange(window, inputs.attributionWindowMs);
  const scope = scopeOf(inputs);
  const store = deps.openStore(scope);
  const restored = await store.restore();
  const previous = previousOf(restored, deps.log);

  const collected = await collectOrCheckpoint(deps, collectOptions(inputs, range), previous);
  const warnings = [...collected.warnings];
  if (collected.partial) {
    deps.log.warning(`Partial report: ${collected.partial.reason}`);
  }
  for (const warning of collected.warnings) deps.log.warning(warning);

  const data = eventsSince(collected.data, range.from);
  const report = computeDora(data, doraOptions(inputs, window, deps.now));

  const stored: StoredState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    scope,
    savedAt: deps.now.toISOString(),
    data: collected.data,
    collector: collected.state,
  };
  const keepAfter = new Date(range.from.getTime() - inputs.lookbackMs);
  const saved = await saveState(deps, store, stored, keepAfter);
  const state: StateInfo = {
    backend: store.backend,
    restored: previous !== undefined,
    saved: saved.saved,
  };
  const messages = [
    ...(previous ? [] : [`not restored: ${restoredMessage(restored)}`]),
    ...(saved.message === undefined ? [] : [`not saved: ${saved.message}`]),
  ];
  if (messages.length > 0) state.message = messages.join('; ');

  const info: RunInfo = {
    repositories: inputs.repositories,
    environment: inputs.environment,
    sources: collected.sources,
    collected: { from: range.from.toISOString(), to: range.to.toISOString() },
    events: {
      deployments: data.deployments.length,
      changes: data.changes.length,
      incidents: data.incidents.length,
    },
    baselines: collected.baselines,
    api: collected.api,
    state,
    warnings,
    generatedAt: deps.now.toISOString(),
  };
  if (collected.partial) info.partial = collected.partial;
  return { data, report, info };
}
