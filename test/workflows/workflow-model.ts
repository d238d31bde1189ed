import { parseDocument } from 'yaml';

export type YamlMap = Record<string, unknown>;

export interface Step {
  /** `jobs.<id>.steps[<n>]`, for messages. */
  where: string;
  raw: YamlMap;
  id: string | undefined;
  uses: string | undefined;
  /** The shell script of a `run:` step, or the JavaScript of an `actions/github-script` step. */
  script: string | undefined;
  with: YamlMap;
}

export interface Job {
  id: string;
  raw: YamlMap;
  steps: Step[];
}

export interface Workflow {
  path: string;
  text: string;
  root: YamlMap;
  jobs: Job[];
}

export function isRecord(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function scriptOf(raw: YamlMap, uses: string | undefined, inputs: YamlMap): string | undefined {
  if (typeof raw.run === 'string') return raw.run;
  if (uses?.startsWith('actions/github-script@')) return optionalString(inputs.script);
  return undefined;
}

function readStep(jobId: string, index: number, raw: unknown): Step {
  const where = `jobs.${jobId}.steps[${index}]`;
  if (!isRecord(raw)) throw new Error(`${where}: a step must be a mapping`);
  const uses = optionalString(raw.uses);
  const inputs = isRecord(raw.with) ? raw.with : {};
  return {
    where,
    raw,
    id: optionalString(raw.id),
    uses,
    script: scriptOf(raw, uses, inputs),
    with: inputs,
  };
}

function readJob(id: string, raw: unknown): Job {
  if (!isRecord(raw)) throw new Error(`jobs.${id}: a job must be a mapping`);
  const steps = Array.isArray(raw.steps) ? raw.steps : [];
  return { id, raw, steps: steps.map((step, index) => readStep(id, index, step)) };
}

/** Parses with YAML 1.2 (so `on:` stays a key, not `true`) and refuses duplicate keys. */
export function parseWorkflow(path: string, text: string): Workflow {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const firstError = doc.errors[0];
  if (firstError) throw new Error(`${path}: ${firstError.message}`);
  const root: unknown = doc.toJS();
  if (!isRecord(root)) throw new Error(`${path}: a workflow must be a mapping`);
  const jobs = isRecord(root.jobs)
    ? Object.entries(root.jobs).map(([id, job]) => readJob(id, job))
    : [];
  return { path, text, root, jobs };
}

/** The event names under `on:`, whichever of its three forms is used. */
export function triggersOf(workflow: Workflow): string[] {
  const on = workflow.root.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === 'string');
  return isRecord(on) ? Object.keys(on) : [];
}

/** A step that runs the dora Action: by its published name, or as `./` in this repository. */
export function isDoraStep(step: Step): boolean {
  return step.uses === './' || (step.uses?.startsWith('org/dora-action@') ?? false);
}
