import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mayPersist, runContextFrom } from '../../packages/action/src/state/trust.js';
import { bundleInputs, logLines, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, runTexts, runWorldPipeline, tempDir } from './pipeline-world.js';
import { compareIds, countLeaks, dataIds, quietWorld, startReplay, truthIds } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

const onMain = { repository: { default_branch: 'main' } };

describe('row 27: untrusted triggers are read-only', () => {
  it.each([
    [
      'pull_request_target',
      'refs/heads/main',
      onMain,
      'state is never saved from pull_request_target runs',
    ],
    ['issue_comment', 'refs/heads/main', onMain, 'state is never saved from issue_comment runs'],
    ['workflow_run', 'refs/heads/main', onMain, 'state is never saved from workflow_run runs'],
    ['push', 'refs/heads/feature/x', onMain, 'state is only saved from the default branch (main)'],
    [
      'workflow_dispatch',
      'refs/heads/main',
      {},
      'the default branch is unknown, so state is not saved',
    ],
  ] as const)('row 27: %s on %s saves no state', async (event, ref, payload, reason) => {
    const persist = mayPersist(
      runContextFrom({ GITHUB_EVENT_NAME: event, GITHUB_REF: ref }, payload),
    );
    expect(persist).toEqual({ allowed: false, reason });
    const dir = await tempDir();
    const run = await runWorldPipeline({ stateDir: dir, persist });
    expect(run.stateText).toBeUndefined();
    expect(run.result.info.state).toMatchObject({ saved: false });
    expect(run.result.info.state.message).toContain(`not saved: ${reason}`);
    // Read-only still reports: the metrics are complete.
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(27, {
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: countLeaks(runTexts(run)),
    });
  });

  it('row 27: trusted runs (schedule; push and workflow_dispatch on the default branch) do save', () => {
    expect(mayPersist(runContextFrom({ GITHUB_EVENT_NAME: 'schedule' }, undefined))).toEqual({
      allowed: true,
    });
    for (const event of ['push', 'workflow_dispatch']) {
      expect(
        mayPersist(
          runContextFrom({ GITHUB_EVENT_NAME: event, GITHUB_REF: 'refs/heads/main' }, onMain),
        ),
      ).toEqual({ allowed: true });
    }
    const fork = { ...onMain, pull_request: { head: { repo: { fork: true } } } };
    expect(
      mayPersist(
        runContextFrom({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' }, fork),
      ),
    ).toEqual({ allowed: false, reason: 'state is never saved from a fork' });
  });

  it('row 27: the bundled Action under pull_request_target exits 0, saves no state and says why', async () => {
    const { scenario } = quietWorld();
    const replay = await startReplay(scenario);
    try {
      const dir = await tempDir();
      const eventPath = join(dir, 'event.json');
      await writeFile(
        eventPath,
        JSON.stringify({ ...onMain, pull_request: { head: { repo: { fork: true } } } }),
      );
      const run = await runBundle(
        dir,
        'prt',
        bundleInputs(replay, dir),
        runnerEnv(dir, {
          GITHUB_EVENT_NAME: 'pull_request_target',
          GITHUB_REF: 'refs/heads/main',
          GITHUB_EVENT_PATH: eventPath,
        }),
      );
      expect(run.exitCode, run.stdout).toBe(0);
      expect(existsSync(join(dir, 'state', 'state.json'))).toBe(false);
      expect(run.summary).toContain('state is never saved from pull\\_request\\_target runs');
      expect(run.stdout).toMatch(/::warning::Read-only run: .*no badges are written/);
      const leaked = countLeaks([...logLines(run.stdout), run.stderr, run.summary]);
      expect(leaked).toBe(0);
      ledger.add(27, { secretsLeaked: leaked });
    } finally {
      await replay.close();
    }
  });
});
