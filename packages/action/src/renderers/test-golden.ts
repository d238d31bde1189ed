// Golden-file comparison for the renderer tests: `UPDATE_GOLDEN=1` rewrites the committed files instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GOLDEN_DIR = fileURLToPath(new URL('../../../../test/golden/', import.meta.url));

/** The committed golden text, after rewriting it first when UPDATE_GOLDEN=1. */
export function golden(name: string, actual: string): string {
  const path = `${GOLDEN_DIR}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual, 'utf8');
  }
  return readFileSync(path, 'utf8');
}
