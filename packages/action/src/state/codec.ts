import { createHash } from 'node:crypto';
import {
  asCollectorState,
  asDoraData,
  checkCollectorState,
  checkDoraData,
  isObject,
} from './guards.js';
import { canonicalJson, parseJsonSafely } from './safe-json.js';
import { STATE_SCHEMA_VERSION, type StoredState } from './types.js';

const FORMAT = 'dora-action/state';

function checksum(payloadText: string): string {
  return `sha256:${createHash('sha256').update(payloadText).digest('hex')}`;
}

/** The file text for a state: a checksummed envelope around the canonical payload. */
export function encodeState(state: StoredState): string {
  const payload = canonicalJson(state);
  return `{"format":"${FORMAT}","checksum":"${checksum(payload)}","payload":${payload}}\n`;
}

export type Decoded = { state: StoredState } | { problem: string };

/** Reads a state file's text as untrusted input: every way it can be wrong is a `problem`. */
export function decodeState(text: string, expectedScope: string): Decoded {
  let envelope: unknown;
  try {
    envelope = parseJsonSafely(text);
  } catch (error) {
    return { problem: `the saved state is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(envelope) || envelope.format !== FORMAT || !isObject(envelope.payload)) {
    return { problem: 'the saved state is not a dora-action state file' };
  }
  const payload = envelope.payload;
  if (typeof payload.schemaVersion !== 'number') {
    return { problem: 'the saved state has no schema version' };
  }
  if (payload.schemaVersion > STATE_SCHEMA_VERSION) {
    return {
      problem: `the saved state was written by a newer version (schema ${payload.schemaVersion}, this one reads ${STATE_SCHEMA_VERSION})`,
    };
  }
  if (payload.schemaVersion < STATE_SCHEMA_VERSION) {
    return { problem: `the saved state uses an old schema (${payload.schemaVersion})` };
  }
  if (envelope.checksum !== checksum(canonicalJson(payload))) {
    return { problem: 'the saved state failed its checksum (truncated or edited)' };
  }
  if (payload.scope !== expectedScope) {
    return {
      problem:
        'the saved state belongs to other settings (repositories, deployment source, environment, workflows or incident sources changed)',
    };
  }
  if (typeof payload.savedAt !== 'string' || Number.isNaN(Date.parse(payload.savedAt))) {
    return { problem: 'the saved state has no valid savedAt' };
  }
  const problem = checkDoraData(payload.data) ?? checkCollectorState(payload.collector);
  if (problem) return { problem: `the saved state is malformed: ${problem}` };
  return {
    state: {
      schemaVersion: payload.schemaVersion,
      scope: payload.scope,
      savedAt: payload.savedAt,
      data: asDoraData(payload.data as Record<string, unknown>),
      collector: asCollectorState(payload.collector as Record<string, unknown>),
    },
  };
}
