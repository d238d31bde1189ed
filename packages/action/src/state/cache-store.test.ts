import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CacheApi, createCacheStore } from './cache-store.js';
import { sampleState } from './test-state.js';

/**
 * Behaves like the Actions cache: immutable entries, prefix restore returning the newest match,
 * -1 from save when the key exists. Entries are directory copies kept in a temporary folder.
 */
function fakeCache(
  root: string,
  options: { failSave?: boolean } = {},
): CacheApi & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    async saveCache(paths, key) {
      if (options.failSave || keys.includes(key)) return -1;
      keys.push(key);
      await cp(paths[0] ?? '', join(root, key), { recursive: true });
      return keys.length;
    },
    async restoreCache(paths, primaryKey, restoreKeys = []) {
      for (const prefix of [primaryKey, ...restoreKeys]) {
        const match = [...keys].reverse().find((key) => key.startsWith(prefix));
        if (match) {
          await cp(join(root, match), paths[0] ?? '', { recursive: true });
          return match;
        }
      }
      return undefined;
    },
  };
}

let workspace: string;
let previousCwd: string;
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dora-cache-'));
  previousCwd = process.cwd();
  process.chdir(workspace);
});
afterEach(async () => {
  process.chdir(previousCwd);
  await rm(workspace, { recursive: true, force: true });
});

describe('createCacheStore', () => {
  it('saves under a key unique per run and restores the newest entry by prefix', async () => {
    const cache = fakeCache(workspace);
    const first = createCacheStore({ scope: 'abc', runId: '100', runAttempt: '1', cache });
    expect(await first.restore()).toEqual({
      reason: 'missing',
      message: 'no cache entry with the prefix dora-state-v1-abc-',
    });
    expect(await first.save(sampleState('abc'))).toEqual({
      saved: true,
      location: 'cache dora-state-v1-abc-100-1',
    });
    const newer = { ...sampleState('abc'), savedAt: '2026-11-21T00:00:00.000Z' };
    const second = createCacheStore({ scope: 'abc', runId: '101', runAttempt: '2', cache });
    await second.save(newer);
    expect(cache.keys).toEqual(['dora-state-v1-abc-100-1', 'dora-state-v1-abc-101-2']);

    const third = createCacheStore({ scope: 'abc', runId: '102', runAttempt: '1', cache });
    expect(await third.restore()).toEqual({
      state: newer,
      source: 'cache dora-state-v1-abc-101-2',
    });
  });

  it('ignores a restored entry larger than a run reads', async () => {
    const cache = fakeCache(workspace);
    await createCacheStore({ scope: 'abc', runId: '1', runAttempt: '1', cache }).save(
      sampleState('abc'),
    );
    const restored = await createCacheStore({
      scope: 'abc',
      runId: '2',
      runAttempt: '1',
      cache,
      maxRestoreBytes: 10,
    }).restore();
    expect(restored.state).toBeUndefined();
    expect(restored).toMatchObject({ reason: 'invalid' });
    expect((restored as { message: string }).message).toMatch(/more than the 10 a run reads/);
  });

  it('says the state was not saved when the cache refuses it', async () => {
    const cache = fakeCache(workspace, { failSave: true });
    const store = createCacheStore({ scope: 'abc', runId: '1', runAttempt: '1', cache });
    expect(await store.save(sampleState('abc'))).toEqual({
      saved: false,
      message: 'the cache refused the entry dora-state-v1-abc-1-1',
    });
  });

  it('turns a throwing cache into a miss and a failed save', async () => {
    const cache: CacheApi = {
      restoreCache: async () => {
        throw new Error('service unavailable');
      },
      saveCache: async () => {
        throw new Error('service unavailable');
      },
    };
    const store = createCacheStore({ scope: 'abc', runId: '1', runAttempt: '1', cache });
    expect(await store.restore()).toEqual({
      reason: 'missing',
      message: 'the cache could not be read: service unavailable',
    });
    expect(await store.save(sampleState('abc'))).toEqual({
      saved: false,
      message: 'the cache could not be written: service unavailable',
    });
  });
});
