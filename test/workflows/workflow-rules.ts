import type { ActionInterface } from './dora-interface.js';
import type { Pin } from './pinned-actions.js';
import { isDoraStep, isRecord, type Job, triggersOf, type Workflow } from './workflow-model.js';

/** Each rule returns its findings, one sentence each; an empty list means the workflow passes. */
export type Rule = (workflow: Workflow) => string[];

const SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^\s+#\s+(v\d+\.\d+\.\d+)\s*$/;
const USES_LINE = /^\s*(?:-\s+)?uses:\s*(["']?)([^\s"'#]+)\1(.*)$/;

/** Triggers that run with the base repository's token and secrets on input a fork controls. */
export const FORBIDDEN_TRIGGERS: readonly string[] = ['pull_request_target', 'workflow_run'];

/** The read scopes the Action and our CI need; anything else is more than a job should hold. */
export const READ_SCOPES: readonly string[] = [
  'actions',
  'contents',
  'deployments',
  'pull-requests',
  'issues',
];

function usesValues(workflow: Workflow): string[] {
  const values: string[] = [];
  for (const job of workflow.jobs) {
    if (typeof job.raw.uses === 'string') values.push(job.raw.uses);
    for (const step of job.steps) if (step.uses !== undefined) values.push(step.uses);
  }
  return values;
}

function checkPin(value: string, rest: string, pins: Readonly<Record<string, Pin>>): string[] {
  const at = value.lastIndexOf('@');
  const action = value.slice(0, at).split('/').slice(0, 2).join('/');
  const ref = value.slice(at + 1);
  if (at < 0 || !SHA.test(ref)) return [`${value}: not pinned to a full 40-hex commit SHA`];
  const comment = VERSION_COMMENT.exec(rest);
  if (!comment) return [`${value}: the pin needs a "# vX.Y.Z" comment naming its release`];
  const pin = pins[action];
  if (!pin) return [`${value}: ${action} is not in the verified pin table (pinned-actions.ts)`];
  const problems: string[] = [];
  if (ref !== pin.sha) problems.push(`${value}: the verified ${pin.version} commit is ${pin.sha}`);
  if (comment[1] !== pin.version) {
    problems.push(`${value}: the comment says ${comment[1]}, the pin is ${pin.version}`);
  }
  return problems;
}

/**
 * Every `uses:` of another repository names a commit SHA that is in the verified table, with the
 * release in a comment. The comment is only in the text, so lines are read; the parsed workflow
 * confirms no `uses:` escaped the line pattern (flow mappings, odd quoting).
 */
export function pinnedUses(
  pins: Readonly<Record<string, Pin>>,
  allowUnpinned: readonly string[],
): Rule {
  return (workflow) => {
    const lines = workflow.text
      .split('\n')
      .map((line) => USES_LINE.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
    const fromLines = lines.map((match) => match[2] ?? '');
    const parsed = usesValues(workflow);
    if ([...fromLines].sort().join('\n') !== [...parsed].sort().join('\n')) {
      return [`some uses: are not written one per line as "uses: owner/repo@sha # vX.Y.Z"`];
    }
    return lines.flatMap((match) => {
      const value = match[2] ?? '';
      if (value.startsWith('./') || value === '.') return [];
      if (value.startsWith('docker://')) {
        return value.includes('@sha256:') ? [] : [`${value}: pin the image by digest`];
      }
      if (allowUnpinned.includes(value)) return [];
      return checkPin(value, match[3] ?? '', pins);
    });
  };
}

export const noDangerousTriggers: Rule = (workflow) =>
  triggersOf(workflow)
    .filter((event) => FORBIDDEN_TRIGGERS.includes(event))
    .map((event) => `on: ${event} runs privileged on fork-controlled input; use pull_request`);

function isReadOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (!isRecord(permissions)) return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

function jobWrites(job: Job, scope: string): boolean {
  return isRecord(job.raw.permissions) && job.raw.permissions[scope] === 'write';
}

function jobPermissionProblems(job: Job): string[] {
  const where = `jobs.${job.id}.permissions`;
  if (!('permissions' in job.raw)) return [`${where}: missing; say what this job needs, or {}`];
  const permissions = job.raw.permissions;
  if (!isRecord(permissions))
    return [`${where}: list scopes one by one, not ${String(permissions)}`];
  const runsDora = job.steps.some(isDoraStep);
  return Object.entries(permissions).flatMap(([scope, level]) => {
    if (level === 'none') return [];
    if (level === 'read') {
      return READ_SCOPES.includes(scope) ? [] : [`${where}.${scope}: no job here needs it`];
    }
    if (level === 'write' && scope === 'contents' && !runsDora) return [];
    if (level === 'write' && scope === 'contents') {
      return [
        `${where}.contents: write in a job that runs the Action; publish from a separate job`,
      ];
    }
    return [`${where}.${scope}: ${String(level)} is more than any job here needs`];
  });
}

/** `{}` or read-only at the top; each job names its own scopes; the only write is `contents`. */
export const leastPrivilege: Rule = (workflow) => {
  const top = workflow.root.permissions;
  const problems: string[] = [];
  if (!('permissions' in workflow.root)) problems.push('permissions: missing at the top level');
  else if (!isReadOnly(top)) problems.push('permissions: the top level must be {} or read-only');
  return [...problems, ...workflow.jobs.flatMap(jobPermissionProblems)];
};

function isLiteral(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('${{');
  return typeof value === 'number' || typeof value === 'boolean';
}

/** The matrix keys whose every value is written in the workflow itself. */
function literalMatrixKeys(job: Job): Set<string> {
  const strategy = job.raw.strategy;
  const matrix = isRecord(strategy) ? strategy.matrix : undefined;
  if (!isRecord(matrix)) return new Set();
  const include = Array.isArray(matrix.include) ? matrix.include : [];
  const keys = new Set<string>();
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (Array.isArray(values) && values.every(isLiteral)) keys.add(key);
  }
  for (const entry of include) {
    if (!isRecord(entry)) continue;
    for (const [key, value] of Object.entries(entry)) {
      if (isLiteral(value) && (keys.has(key) || !(key in matrix))) keys.add(key);
      else keys.delete(key);
    }
  }
  return keys;
}

/**
 * No `${{ }}` in a script but the allow-list: `runner.<name>` (set by the runner, never by an
 * event) and `matrix.<key>` when every value of that key is a literal in the workflow. Anything
 * else (inputs, outputs, event data, secrets) goes through `env:` and is quoted by the shell.
 */
export const noExpressionsInScripts: Rule = (workflow) =>
  workflow.jobs.flatMap((job) => {
    const matrixKeys = literalMatrixKeys(job);
    return job.steps.flatMap((step) => {
      if (step.script === undefined) return [];
      return [...step.script.matchAll(/\$\{\{(.*?)\}\}/gs)].flatMap((match) => {
        const expression = (match[1] ?? '').trim();
        if (/^runner\.[A-Za-z_][\w-]*$/.test(expression)) return [];
        const key = /^matrix\.([A-Za-z_][\w-]*)$/.exec(expression)?.[1];
        if (key !== undefined && matrixKeys.has(key)) return [];
        return [`${step.where}: \${{ ${expression} }} in a script; pass it through env:`];
      });
    });
  });

/** Checkout keeps no token on disk unless its job pushes (and then says so with `true`). */
export const checkoutCredentials: Rule = (workflow) =>
  workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.uses?.startsWith('actions/checkout@') ?? false)
      .flatMap((step) => {
        const persist = String(step.with['persist-credentials']);
        if (jobWrites(job, 'contents')) {
          return persist === 'true'
            ? []
            : [`${step.where}: this job pushes; set persist-credentials: true`];
        }
        return persist === 'false' ? [] : [`${step.where}: set persist-credentials: false`];
      }),
  );

/** A scheduled workflow runs one at a time: overlapping runs would race on the saved state. */
export const scheduledConcurrency: Rule = (workflow) => {
  if (!triggersOf(workflow).includes('schedule')) return [];
  const concurrency = workflow.root.concurrency;
  const ok =
    typeof concurrency === 'string' ||
    (isRecord(concurrency) && typeof concurrency.group === 'string');
  return ok ? [] : ['concurrency: a scheduled workflow needs a concurrency group'];
};

/** A hung job otherwise holds a runner (and the rate limit) for six hours. */
export const jobTimeouts: Rule = (workflow) =>
  workflow.jobs
    .filter((job) => job.raw.uses === undefined && typeof job.raw['timeout-minutes'] !== 'number')
    .map((job) => `jobs.${job.id}: set timeout-minutes`);

/** The dora steps pass only inputs, and later steps read only outputs, that every interface declares. */
export function doraInterface(interfaces: readonly ActionInterface[]): Rule {
  return (workflow) => {
    const doraSteps = workflow.jobs.flatMap((job) => job.steps.filter(isDoraStep));
    const ids = new Set(doraSteps.flatMap((step) => (step.id === undefined ? [] : [step.id])));
    const inputProblems = doraSteps.flatMap((step) =>
      Object.keys(step.with).flatMap((input) =>
        interfaces
          .filter((face) => !face.inputs.has(input))
          .map((face) => `${step.where}: input ${input} is not in ${face.source}`),
      ),
    );
    const outputProblems = [...workflow.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)]
      .filter((match) => ids.has(match[1] ?? ''))
      .flatMap((match) =>
        interfaces
          .filter((face) => !face.outputs.has(match[2] ?? ''))
          .map((face) => `steps.${match[1]}.outputs.${match[2]}: not an output in ${face.source}`),
      );
    return [...inputProblems, ...outputProblems];
  };
}

/** An example opens with a comment saying what it is for and what to set up. */
export const headerComment: Rule = (workflow) => {
  const lines = workflow.text.split('\n');
  const firstCode = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  return firstCode >= 2 && lines[0]?.startsWith('# ')
    ? []
    : ['the file must open with a comment of at least two lines saying what it is for'];
};
