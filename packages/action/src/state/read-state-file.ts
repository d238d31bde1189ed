import { open } from 'node:fs/promises';
import { DEFAULT_MAX_STATE_BYTES } from './size-cap.js';

/**
 * The largest state file a run reads. Saving caps the state at 50 MB unless only recent events are
 * left; four times that leaves room for those, while a file planted or corrupted to gigabytes is refused
 * before it is read into memory (the run then collects from scratch).
 */
export const MAX_RESTORE_BYTES = 4 * DEFAULT_MAX_STATE_BYTES;

export type StateText = { text: string } | { tooLarge: string };

/** Reads a state file's text, refusing one above `maxBytes` without reading it. Throws I/O errors. */
export async function readStateText(
  path: string,
  maxBytes: number = MAX_RESTORE_BYTES,
): Promise<StateText> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return {
        tooLarge: `the saved state is ${size} bytes, more than the ${maxBytes} a run reads; it was ignored`,
      };
    }
    return { text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}
