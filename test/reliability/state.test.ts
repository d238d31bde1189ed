import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createCacheStore } from '../../packages/action/src/state/cache-store.js';
import { decodeState, encodeState } from '../../packages/action/src/state/codec.js';
import { STATE_FILE_NAME } from '../../packages/action/src/state/file-store.js';
import type { StoredState } from '../../packages/action/src/state/types.js';
import { startFakeActionsCache } from '../e2e/fake-actions-cache.js';
import { bundleInputs, logLines, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, runTexts, runWorldPipeline, tempDir } from './pipeline-world.js';
import { compareIds, countLeaks, dataIds, quietWorld, startReplay, truthIds } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

const polluted = () => (({}) as Record<string, unknown>).polluted;

function envelopeOf(text: string): { payload: StoredState } {
  return JSON.parse(text) as { payload: StoredState };
}

describe('state between runs', () => {
  it('row 21: no saved state (first run, or evicted after 7 days): a full collection with a notice', async () => {
    const { truth } = quietWorld();
    const dir = await tempDir();
    const run = await runWorldPipeline({ stateDir: dir });
    expect(run.log).toContain(
      `notice: Full collection: no saved state at ${join(dir, STATE_FILE_NAME)}.`,
    );
    expect(run.result.info.state).toMatchObject({ backend: 'file', restored: false, saved: true });
    const ids = compareIds(truthIds(truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });

    // The Actions cache after eviction: restoreCache finds no entry for the prefix.
    const evicted = await runWorldPipeline({
      stateDir: dir,
      openStore: (scope) =>
        createCacheStore({
          scope,
          runId: '9',
          runAttempt: '1',
          directory: join(dir, 'cache-dir'),
          cache: { restoreCache: async () => undefined, saveCache: async () => 1 },
        }),
    });
    expect(
      evicted.log.filter((l) => l.startsWith('notice: Full collection: no cache entry')),
    ).toHaveLength(1);
    expect(evicted.result.info.state).toMatchObject({ restored: false, saved: true });
    const evictedIds = compareIds(truthIds(truth), dataIds(evicted.result.data));
    expect(evictedIds).toEqual({ lost: 0, doubled: 0 });
    ledger.add(21, {
      eventsLost: ids.lost + evictedIds.lost,
      eventsDoubleCounted: ids.doubled + evictedIds.doubled,
      secretsLeaked: countLeaks([...runTexts(run), ...runTexts(evicted)]),
    });
  });

  it('row 22: corrupt state (truncated, edited, __proto__, 50 MB, random bytes, any JSON) is refused without a crash or prototype pollution', async () => {
    const dir = await tempDir();
    const cold = await runWorldPipeline({ stateDir: dir });
    const good = cold.stateText ?? '';
    const scope = envelopeOf(good).payload.scope;
    expect('state' in decodeState(good, scope)).toBe(true);

    const refused = (text: string): boolean => {
      const decoded = decodeState(text, scope);
      return 'problem' in decoded && typeof decoded.problem === 'string';
    };
    const proto = [
      '{"__proto__":{"polluted":"yes"}}',
      `{"format":"dora-action/state","checksum":"x","payload":{"schemaVersion":1,"__proto__":{"polluted":"yes"}}}`,
      good.replace('"collector":{', '"collector":{"__proto__":{"polluted":"yes"},'),
      good.replace('"repos":{', '"repos":{"constructor":{"prototype":{"polluted":"yes"}},'),
      good.replace('"data":{', '"data":{"prototype":{"polluted":"yes"},'),
    ];
    for (const text of proto) expect(refused(text)).toBe(true);
    expect(refused(good.slice(0, good.length - 40))).toBe(true);
    expect(refused(good.replace(/"status":"success"/, '"status":"failure"'))).toBe(true);
    expect(
      refused(`{"format":"dora-action/state","payload":"${'a'.repeat(50 * 1024 * 1024)}"}`),
    ).toBe(true);

    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)),
          fc
            .tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.string({ maxLength: 3 }))
            .map(([at, s]) => good.slice(0, at) + s + good.slice(at + 1)),
        ),
        (text) => {
          const decoded = decodeState(text, scope);
          // Never an exception; what decodes (the file, or it without its newline) is the saved state.
          if ('state' in decoded) expect(decoded).toEqual(decodeState(good, scope));
          else expect(decoded.problem.length).toBeGreaterThan(0);
          expect(polluted()).toBeUndefined();
        },
      ),
      { numRuns: 600, seed: 22 },
    );
    expect(polluted()).toBeUndefined();

    // Through a run: a corrupt file means a notice, a full collection and a fresh state.
    await writeFile(join(dir, STATE_FILE_NAME), proto[2] ?? '');
    const run = await runWorldPipeline({ stateDir: dir });
    expect(run.log).toContain(
      'notice: Full collection: the saved state is not valid JSON (forbidden key "__proto__").',
    );
    expect(run.requests).toBe(cold.requests);
    expect(polluted()).toBeUndefined();
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(22, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 23: a state from a newer schema is discarded; an older one is not trusted as is (full collection)', async () => {
    const dir = await tempDir();
    const cold = await runWorldPipeline({ stateDir: dir });
    const payload = envelopeOf(cold.stateText ?? '').payload;
    const path = join(dir, STATE_FILE_NAME);

    await writeFile(path, encodeState({ ...payload, schemaVersion: 2 }));
    const newer = await runWorldPipeline({ stateDir: dir });
    expect(newer.log).toContain(
      'notice: Full collection: the saved state was written by a newer version (schema 2, this one reads 1).',
    );
    expect(newer.result.info.state.restored).toBe(false);
    expect(newer.requests).toBe(cold.requests);

    // Schema 1 is the first: there is no older layout to migrate yet, so an older one is a full collection.
    await writeFile(path, encodeState({ ...payload, schemaVersion: 0 }));
    const older = await runWorldPipeline({ stateDir: dir });
    expect(older.log).toContain('notice: Full collection: the saved state uses an old schema (0).');
    expect(older.result.info.state.restored).toBe(false);
    // Both rewrote the state in the current schema.
    expect(envelopeOf(await readFile(path, 'utf8')).payload.schemaVersion).toBe(1);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(older.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    const newerIds = compareIds(truthIds(quietWorld().truth), dataIds(newer.result.data));
    expect(newerIds).toEqual({ lost: 0, doubled: 0 });
    ledger.add(23, {
      eventsLost: ids.lost + newerIds.lost,
      eventsDoubleCounted: ids.doubled + newerIds.doubled,
    });
  });

  it('row 24: changed settings (another scope) mean a full collection, never the old events', async () => {
    const dir = await tempDir();
    const cold = await runWorldPipeline({ stateDir: dir });
    const warm = await runWorldPipeline({ stateDir: dir });
    expect(warm.result.info.state.restored).toBe(true);
    // The deploy workflow named by its name instead of its file: same events, another scope.
    const changed = await runWorldPipeline({
      stateDir: dir,
      inputs: { 'deploy-workflows': 'Deploy' },
    });
    expect(changed.log).toContain(
      'notice: Full collection: the saved state belongs to other settings (repositories, deployment source, environment, workflows or incident sources changed).',
    );
    expect(changed.result.info.state.restored).toBe(false);
    expect(changed.requests).toBe(cold.requests);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(changed.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(24, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 25: restoreCache throws and saveCache returns -1 or throws: metrics still produced, "state not saved", no failure', async () => {
    const dir = await tempDir();
    const cold = await runWorldPipeline({ stateDir: dir });
    const refusing = await runWorldPipeline({
      stateDir: dir,
      openStore: (scope) =>
        createCacheStore({
          scope,
          runId: '10',
          runAttempt: '1',
          directory: join(dir, 'cache-dir'),
          cache: {
            restoreCache: async () => {
              throw new Error('Cache service responded with 503');
            },
            saveCache: async () => -1,
          },
        }),
    });
    expect(refusing.result.info.state).toEqual({
      backend: 'actions-cache',
      restored: false,
      saved: false,
      message: `not restored: the cache could not be read: Cache service responded with 503; not saved: the cache refused the entry dora-state-v1-${envelopeOf(cold.stateText ?? '').payload.scope}-10-1`,
    });
    expect(refusing.log.filter((l) => l.startsWith('warning: State not saved:'))).toHaveLength(1);
    expect(refusing.summary).toContain('not restored, not saved');
    expect(refusing.result.report).toEqual(cold.result.report);

    const throwing = await runWorldPipeline({
      stateDir: dir,
      openStore: (scope) =>
        createCacheStore({
          scope,
          runId: '11',
          runAttempt: '1',
          directory: join(dir, 'cache-dir'),
          cache: {
            restoreCache: async () => undefined,
            saveCache: async () => {
              throw new Error(
                'Unable to reserve cache with key x, another job may be creating this cache.',
              );
            },
          },
        }),
    });
    expect(throwing.result.info.state.saved).toBe(false);
    expect(throwing.result.report).toEqual(cold.result.report);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(throwing.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(25, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 25: the bundled Action with a cache service answering 500 exits 0 and says the state was not saved', async () => {
    const { scenario } = quietWorld();
    const replay = await startReplay(scenario);
    const broken: Server = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"down"}');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/`;
    try {
      const dir = await tempDir();
      const run = await runBundle(
        dir,
        'cache-down',
        bundleInputs(replay, dir, { 'state-backend': 'auto' }),
        runnerEnv(dir, { ACTIONS_RUNTIME_TOKEN: 'runtime', ACTIONS_CACHE_URL: url }),
      );
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.summary).toContain('State** (Actions cache): not restored, not saved');
      expect(run.stdout).toContain('::warning::State not saved');
      expect(Number(run.outputs.deployments)).toBeGreaterThan(0);
      const leaked = countLeaks([...logLines(run.stdout), run.stderr, run.summary]);
      expect(leaked).toBe(0);
      ledger.add(25, { secretsLeaked: leaked });
    } finally {
      broken.close();
      await replay.close();
    }
  });

  it('row 26: two concurrent runs save distinct keys; the next run restores the newest and loses nothing', async () => {
    const { scenario } = quietWorld();
    const earlier = new Date(Date.parse(scenario.now) - 3 * 86_400_000).toISOString();
    // Each run sees the world at its own clock (an ETag from the present would claim "unchanged").
    const replay = await startReplay(scenario);
    const replayEarlier = await startReplay(scenario, [], earlier);
    const cache = await startFakeActionsCache();
    try {
      const env = (dir: string, runId: string, now: string) =>
        runnerEnv(dir, {
          ACTIONS_RUNTIME_TOKEN: 'runtime',
          ACTIONS_CACHE_URL: cache.url,
          GITHUB_RUN_ID: runId,
          DORA_NOW: now,
        });
      const inputs = (dir: string, at = replay) =>
        bundleInputs(at, dir, { 'state-backend': 'auto' });
      const [a, b] = [await tempDir(), await tempDir()];
      const [runA, runB] = await Promise.all([
        runBundle(a, 'a', inputs(a, replayEarlier), env(a, '200', earlier)),
        runBundle(b, 'b', inputs(b), env(b, '201', scenario.now)),
      ]);
      expect(runA.exitCode, runA.stdout).toBe(0);
      expect(runB.exitCode, runB.stdout).toBe(0);
      expect(
        cache
          .keys()
          .map((k) => k.replace(/^dora-state-v1-[0-9a-f]{16}-/, ''))
          .sort(),
      ).toEqual(['200-1', '201-1']);
      const c = await tempDir();
      const runC = await runBundle(c, 'c', inputs(c), env(c, '202', scenario.now));
      expect(runC.exitCode, runC.stdout).toBe(0);
      expect(runC.summary).toContain('State** (Actions cache): restored, saved');
      // Whichever run saved last was restored; with the lookback, C reports what a full run reports.
      const { 'api-requests': _b, 'report-path': _rb, ...fromB } = runB.outputs;
      const { 'api-requests': _c, 'report-path': _rc, ...fromC } = runC.outputs;
      expect(fromC).toEqual(fromB);
      // The other order for certain: the older clock's state saved last, then restored.
      const a2 = await tempDir();
      const runA2 = await runBundle(a2, 'a2', inputs(a2, replayEarlier), env(a2, '203', earlier));
      expect(runA2.exitCode, runA2.stdout).toBe(0);
      const c2 = await tempDir();
      const runC2 = await runBundle(c2, 'c2', inputs(c2), env(c2, '204', scenario.now));
      expect(runC2.summary).toContain('State** (Actions cache): restored, saved');
      const { 'api-requests': _c2, 'report-path': _rc2, ...fromC2 } = runC2.outputs;
      expect(fromC2).toEqual(fromB);
      const expected = Number(runB.outputs.deployments) * 2;
      const got = Number(runC.outputs.deployments) + Number(runC2.outputs.deployments);
      ledger.add(26, {
        eventsLost: Math.max(0, expected - got),
        eventsDoubleCounted: Math.max(0, got - expected),
        secretsLeaked: countLeaks(
          [runA, runB, runC, runA2, runC2].flatMap((r) => [
            ...logLines(r.stdout),
            r.stderr,
            r.summary,
          ]),
        ),
      });
    } finally {
      await cache.close();
      await replay.close();
      await replayEarlier.close();
    }
  }, 120_000);
});
