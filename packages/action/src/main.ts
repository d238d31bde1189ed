import * as core from '@actions/core';
import { writeArtifacts } from './artifacts.js';
import { createClients } from './clients.js';
import { collect } from './collectors/collect.js';
import { clockFrom, type Env, eventPayload } from './environment.js';
import { InputError, isUserFacing } from './errors.js';
import { type ActionInputs, parseInputs } from './inputs.js';
import { buildOutputs } from './outputs.js';
import { type Log, runPipeline } from './pipeline.js';
import { renderSummary } from './renderers/summary.js';
import type { RunResult } from './run-info.js';
import { selectStateStore } from './state/select-store.js';
import { mayPersist, runContextFrom } from './state/trust.js';

const SECRET_INPUTS = ['github-token', 'pagerduty-token'];

const actionLog: Log = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
};

/** Reads the inputs, masking the secrets before anything else can print them. */
export function readInputs(env: Env): ActionInputs {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (value !== '') core.setSecret(value);
  }
  // An empty github-token falls back to GITHUB_TOKEN: masked as well.
  if (env.GITHUB_TOKEN) core.setSecret(env.GITHUB_TOKEN);
  const parsed = parseInputs((name) => core.getInput(name), env);
  if ('errors' in parsed) throw new InputError(parsed.errors);
  return parsed.inputs;
}

async function writeSummary(result: RunResult, inputs: ActionInputs, env: Env): Promise<void> {
  if (!inputs.summary || !env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderSummary(result), true).write();
}

/** The Action, from inputs to outputs; every failure below here is a typed error. */
export async function run(env: Env): Promise<void> {
  const inputs = readInputs(env);
  const now = clockFrom(env);
  const clients = await createClients(inputs, (message) => core.debug(message));
  const persist = mayPersist(runContextFrom(env, eventPayload(env)));
  if (!persist.allowed) {
    // Untrusted runs (pull requests, forks, other branches) read but leave nothing a later step could
    // publish: no saved state and no badges.
    core.warning(`Read-only run: ${persist.reason}. No state is saved and no badges are written.`);
  }
  const result = await runPipeline(inputs, {
    now,
    collect,
    ...clients,
    openStore: (scope) =>
      selectStateStore({ backend: inputs.stateBackend, statePath: inputs.statePath, scope, env }),
    persist,
    log: actionLog,
    progress: (line) => core.info(line),
  });
  await writeSummary(result, inputs, env);
  await writeArtifacts(result, persist.allowed ? inputs : { ...inputs, badgesPath: '' });
  for (const [name, value] of Object.entries(buildOutputs(result, inputs.reportPath))) {
    core.setOutput(name, value);
  }
  const { deploymentFrequency, overall } = result.report;
  core.info(`DORA level ${overall}: ${deploymentFrequency.deployments} deployments in the window.`);
}

/** The one place a failure becomes a failed step: a clear message, a stack trace only when unexpected. */
export async function main(env: Env = process.env): Promise<void> {
  try {
    await run(env);
  } catch (error) {
    if (isUserFacing(error)) {
      core.setFailed(error.message);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`Unexpected error: ${detail}`);
    }
  }
}
