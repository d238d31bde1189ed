import type { StateBackendInput } from '../inputs.js';
import { type CacheApi, createCacheStore } from './cache-store.js';
import { createFileStore, createNoneStore } from './file-store.js';
import { cacheAvailable } from './trust.js';
import type { StateStore } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface StoreChoice {
  backend: StateBackendInput;
  statePath: string;
  scope: string;
  env: Env;
  cache?: CacheApi;
}

/** `auto` means the Actions cache when the runner offers it, else a file. */
export function selectStateStore(choice: StoreChoice): StateStore {
  const backend =
    choice.backend === 'auto'
      ? cacheAvailable(choice.env)
        ? 'actions-cache'
        : 'file'
      : choice.backend;
  switch (backend) {
    case 'none':
      return createNoneStore();
    case 'file':
      return createFileStore(choice.statePath, choice.scope);
    case 'actions-cache':
      return createCacheStore({
        scope: choice.scope,
        runId: choice.env.GITHUB_RUN_ID ?? `local-${Date.now()}`,
        runAttempt: choice.env.GITHUB_RUN_ATTEMPT ?? '1',
        ...(choice.cache ? { cache: choice.cache } : {}),
      });
  }
}
