import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeState, encodeState } from './codec.js';
import { readStateText } from './read-state-file.js';
import {
  type Restored,
  type SaveResult,
  STATE_SCHEMA_VERSION,
  type StateStore,
  type StoredState,
} from './types.js';

/** The two calls of `@actions/cache` used here (injected so tests can drive them). */
export interface CacheApi {
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[],
  ): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface CacheStoreOptions {
  scope: string;
  runId: string;
  runAttempt: string;
  /** A directory relative to the workspace; the same string on every run (it is part of the cache version). */
  directory?: string;
  cache?: CacheApi;
  /** The largest restored state read (default `MAX_RESTORE_BYTES`, 200 MB). */
  maxRestoreBytes?: number;
}

export function cacheKeyPrefix(scope: string): string {
  return `dora-state-v${STATE_SCHEMA_VERSION}-${scope}-`;
}

async function loadCache(): Promise<CacheApi> {
  // Loaded on first use: the cache client is most of the bundle and a file-state run never needs it.
  return await import('@actions/cache');
}

/**
 * The Actions cache: entries are immutable, so every run saves under its own key and restores
 * the newest entry by prefix. No delete, hence no `actions: write`.
 */
export function createCacheStore(options: CacheStoreOptions): StateStore {
  const directory = options.directory ?? '.dora-state-cache';
  const file = join(directory, 'state.json');
  const prefix = cacheKeyPrefix(options.scope);
  const key = `${prefix}${options.runId}-${options.runAttempt}`;
  const api = async () => options.cache ?? (await loadCache());
  return {
    backend: 'actions-cache',
    async restore(): Promise<Restored> {
      try {
        const matched = await (await api()).restoreCache([directory], key, [prefix]);
        if (matched === undefined) {
          return { reason: 'missing', message: `no cache entry with the prefix ${prefix}` };
        }
        const read = await readStateText(file, options.maxRestoreBytes);
        if ('tooLarge' in read) return { reason: 'invalid', message: read.tooLarge };
        const decoded = decodeState(read.text, options.scope);
        if ('problem' in decoded) return { reason: 'invalid', message: decoded.problem };
        return { state: decoded.state, source: `cache ${matched}` };
      } catch (error) {
        return {
          reason: 'missing',
          message: `the cache could not be read: ${(error as Error).message}`,
        };
      } finally {
        await rm(directory, { recursive: true, force: true }).catch(() => undefined);
      }
    },
    async save(state: StoredState): Promise<SaveResult> {
      try {
        await mkdir(directory, { recursive: true });
        await writeFile(file, encodeState(state), 'utf8');
        // saveCache reports most failures by returning -1 rather than throwing.
        const id = await (await api()).saveCache([directory], key);
        if (id === -1) return { saved: false, message: `the cache refused the entry ${key}` };
        return { saved: true, location: `cache ${key}` };
      } catch (error) {
        return {
          saved: false,
          message: `the cache could not be written: ${(error as Error).message}`,
        };
      } finally {
        await rm(directory, { recursive: true, force: true }).catch(() => undefined);
      }
    },
  };
}
