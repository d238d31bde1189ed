import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActionRun } from '../e2e/run-action.js';
import type { ScenarioFault } from '../fakes/scenario.js';
import { bundleInputs, logLines, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, tempDir } from './pipeline-world.js';
import {
  collectWorld,
  countLeaks,
  errorText,
  GITHUB_TOKEN,
  PAGERDUTY_TOKEN,
  quietWorld,
  startReplay,
} from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

/** Every file a run left in its workspace (state, badges, report, outputs, summary). */
async function workspaceTexts(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name !== 'event.json') out.push(await readFile(full, 'utf8'));
    }
  };
  await walk(dir);
  return out;
}

interface Case {
  name: string;
  faults: ScenarioFault[];
  inputs?: Record<string, string>;
  exitCode: number;
}

const CASES: Case[] = [
  { name: 'success', faults: [], exitCode: 0 },
  {
    name: 'github-401',
    faults: [{ path: '^/(repos|graphql)', status: 401, body: { message: 'Bad credentials' } }],
    exitCode: 1,
  },
  {
    name: 'github-403',
    faults: [
      {
        path: '^/repos/[^/]+/[^/]+/actions/workflows',
        status: 403,
        headers: { 'x-accepted-github-permissions': 'actions=read' },
        body: { message: 'Resource not accessible by integration' },
      },
    ],
    exitCode: 1,
  },
  {
    name: 'pagerduty-401',
    faults: [{ path: '^/incidents', status: 401 }],
    // A rejected PagerDuty token is a configuration error, not an outage: the run fails and says so.
    exitCode: 1,
  },
  { name: 'invalid-inputs', faults: [], inputs: { window: 'last-2-fortnights' }, exitCode: 1 },
  {
    name: 'unknown-workflow',
    faults: [],
    inputs: { 'deploy-workflows': 'nope.yml' },
    exitCode: 1,
  },
];

describe('row 28: secrets never printed', () => {
  it.each(CASES)(
    'row 28: bundled Action, $name: masks first, then neither token in any line, file, output or summary',
    async ({ name, faults, inputs, exitCode }) => {
      const { scenario } = quietWorld();
      const replay = await startReplay(scenario, faults);
      let run: ActionRun;
      const dir = await tempDir();
      try {
        run = await runBundle(dir, name, bundleInputs(replay, dir, inputs), runnerEnv(dir));
      } finally {
        await replay.close();
      }
      expect(run.exitCode, run.stdout).toBe(exitCode);
      const lines = run.stdout.split('\n').filter((line) => line !== '');
      // The masks are registered before anything else is printed.
      expect(lines.slice(0, 2).sort()).toEqual(
        [`::add-mask::${GITHUB_TOKEN}`, `::add-mask::${PAGERDUTY_TOKEN}`].sort(),
      );
      if (exitCode === 1) expect(lines.filter((l) => l.startsWith('::error::'))).toHaveLength(1);
      const texts = [...logLines(run.stdout), run.stderr, ...(await workspaceTexts(dir))];
      const leaked = countLeaks(texts);
      expect(leaked).toBe(0);
      ledger.add(28, { secretsLeaked: leaked });
    },
    60_000,
  );

  it('row 28: errors of unreachable hosts and of servers echoing the token carry no token', async () => {
    const echo: ScenarioFault = {
      method: 'GET',
      path: '^/repos/[^/]+/[^/]+/actions/workflows$',
      status: 422,
      body: { message: `Validation Failed for token ${GITHUB_TOKEN}` },
    };
    const echoed = await collectWorld([echo]).catch((e: unknown) => e);
    expect((echoed as Error).message).toMatch(
      /^GitHub request GET \/github\/repos\/acme\/shop\/actions\/workflows failed \(422\): Validation Failed for token \*\*\*/,
    );
    const pdEcho: ScenarioFault = {
      method: 'GET',
      path: '^/incidents$',
      status: 400,
      body: { error: { message: `Invalid token ${PAGERDUTY_TOKEN}`, code: 2001 } },
    };
    const pdEchoed = await collectWorld([pdEcho]).catch((e: unknown) => e);
    expect(errorText(pdEchoed)).toContain('Invalid token ***');
    const unreachable = await collectWorld([], {
      github: { apiUrl: 'http://127.0.0.1:9/github', retries: 0 },
    }).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(Error);
    const leaked = countLeaks([errorText(echoed), errorText(pdEchoed), errorText(unreachable)]);
    expect(leaked).toBe(0);
    ledger.add(28, { secretsLeaked: leaked });
  });
});
