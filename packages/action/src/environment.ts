import { readFileSync } from 'node:fs';
import { parseJsonSafely } from './state/safe-json.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The clock. `DORA_NOW` (an ISO-8601 instant) pins it, so a replayed scenario is reported as of
 * its own date; otherwise the real time.
 */
export function clockFrom(env: Env): Date {
  const pinned = env.DORA_NOW;
  if (pinned) {
    const ms = Date.parse(pinned);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return new Date();
}

/** The event payload the runner wrote, or `undefined` when there is none or it is unreadable. */
export function eventPayload(env: Env): unknown {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    return parseJsonSafely(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
