import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeState, encodeState } from './codec.js';
import { readStateText, type StateText } from './read-state-file.js';
import type { Restored, SaveResult, StateStore, StoredState } from './types.js';

export const STATE_FILE_NAME = 'state.json';

/** A state file in a directory (self-hosted runners, the CLI, the demo). */
export function createFileStore(
  directory: string,
  scope: string,
  maxRestoreBytes?: number,
): StateStore {
  const path = join(directory, STATE_FILE_NAME);
  return {
    backend: 'file',
    async restore(): Promise<Restored> {
      let read: StateText;
      try {
        read = await readStateText(path, maxRestoreBytes);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message =
          code === 'ENOENT'
            ? `no saved state at ${path}`
            : `could not read ${path} (${code ?? 'error'})`;
        return { reason: 'missing', message };
      }
      if ('tooLarge' in read) return { reason: 'invalid', message: read.tooLarge };
      const decoded = decodeState(read.text, scope);
      if ('problem' in decoded) return { reason: 'invalid', message: decoded.problem };
      return { state: decoded.state, source: path };
    },
    async save(state: StoredState): Promise<SaveResult> {
      // Written beside the target and renamed over it: a reader never sees half a file.
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(directory, { recursive: true });
        await writeFile(temporary, encodeState(state), { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, path);
        return { saved: true, location: path };
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        return { saved: false, message: `could not write ${path}: ${(error as Error).message}` };
      }
    },
  };
}

export function createNoneStore(): StateStore {
  return {
    backend: 'none',
    restore: async () => ({ reason: 'missing', message: 'state-backend is none' }),
    save: async () => ({ saved: false, message: 'state-backend is none' }),
  };
}
