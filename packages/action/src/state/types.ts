import type { DoraData } from '@dora/core';
import type { CollectorState } from '../collectors/index.js';

export const STATE_SCHEMA_VERSION = 1;

/** What one run leaves for the next. Never holds a token or any free text beyond the events. */
export interface StoredState {
  schemaVersion: number;
  /** sha256 of the repositories, deployment source and environment the events belong to. */
  scope: string;
  savedAt: string;
  data: DoraData;
  collector: CollectorState;
}

export type Restored =
  | { state: StoredState; source: string }
  | { state?: undefined; reason: 'missing' | 'invalid'; message: string };

export type SaveResult = { saved: true; location: string } | { saved: false; message: string };

/** Where the state lives between runs. Implementations never throw for I/O trouble: they say so. */
export interface StateStore {
  readonly backend: 'actions-cache' | 'file' | 'none';
  restore(): Promise<Restored>;
  save(state: StoredState): Promise<SaveResult>;
}
