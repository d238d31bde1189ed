import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

/** The environment variable a runner sets for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Reads a `GITHUB_OUTPUT` file as the runner does: `name=value` lines and
 * `name<<DELIMITER` ... `DELIMITER` blocks.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const [, name = '', delimiter] = block;
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (pair) outputs[pair[1] ?? ''] = pair[2] ?? '';
  }
  return outputs;
}

export interface ActionRunOptions {
  /** The node binary (Node 24 in the end-to-end test). */
  node: string;
  /** The bundled dist/index.js. */
  bundle: string;
  cwd: string;
  /** Input name (as in action.yml) -> value. */
  inputs: Record<string, string>;
  /** GITHUB_* and other runner variables. */
  env: Record<string, string>;
  summaryPath: string;
  outputPath: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  durationMs: number;
}

/**
 * Runs the bundle as a runner would: a fresh process whose environment holds only the runner's
 * variables and the `INPUT_*` ones (spawned directly, so hyphenated names survive).
 */
export async function runBundledAction(options: ActionRunOptions): Promise<ActionRun> {
  await writeFile(options.summaryPath, '');
  await writeFile(options.outputPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: options.summaryPath,
    GITHUB_OUTPUT: options.outputPath,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value;
  const started = performance.now();
  const child = spawn(options.node, [options.bundle], { cwd: options.cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const durationMs = performance.now() - started;
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(options.outputPath, 'utf8')),
    summary: await readFile(options.summaryPath, 'utf8'),
    durationMs,
  };
}

/** Runs a command to its end without blocking the event loop (an in-process replay must answer). */
export async function runProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { status, stdout, stderr };
}
