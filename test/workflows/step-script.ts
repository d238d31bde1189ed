import { spawnSync } from 'node:child_process';
import type { Step, Workflow } from './workflow-model.js';

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The step of that name, wherever its job; a test that names a missing step fails here. */
export function findStep(workflow: Workflow, name: string): Step {
  for (const job of workflow.jobs) {
    for (const step of job.steps) if (step.raw.name === name) return step;
  }
  throw new Error(`${workflow.path}: no step named "${name}"`);
}

/**
 * Runs a step's `run:` script the way a Linux runner does (`bash --noprofile --norc -eo pipefail`),
 * with only PATH and the given variables: what the step would see through its `env:`.
 */
export function runScript(step: Step, cwd: string, env: Record<string, string>): ScriptResult {
  if (step.script === undefined) throw new Error(`${step.where}: not a run: step`);
  const result = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.script],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: cwd,
        GIT_CONFIG_NOSYSTEM: '1',
        ...env,
      },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
