import type { DoraData, Instant } from '@dora/core';
import type { StoredState } from './types.js';

export const DEFAULT_MAX_STATE_BYTES = 50 * 1024 * 1024;

type Kind = keyof DoraData;
interface Candidate {
  kind: Kind;
  id: string;
  at: number;
  bytes: number;
}

function ms(instant: Instant | undefined): number {
  if (instant === undefined) return Number.POSITIVE_INFINITY;
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

function candidates(data: DoraData, before: number): Candidate[] {
  const all = [
    ...data.deployments.map((d) => ({
      kind: 'deployments' as const,
      id: d.id,
      at: ms(d.finishedAt),
      item: d,
    })),
    ...data.changes.map((c) => ({
      kind: 'changes' as const,
      id: c.id,
      at: ms(c.mergedAt ?? c.firstCommitAt),
      item: c,
    })),
    // An open incident is never dropped: its resolution is still to come.
    ...data.incidents.map((i) => ({
      kind: 'incidents' as const,
      id: i.id,
      at: ms(i.resolvedAt),
      item: i,
    })),
  ];
  return all
    .filter((c) => c.at < before)
    .sort((a, b) => a.at - b.at)
    .map(({ kind, id, at, item }) => ({ kind, id, at, bytes: JSON.stringify(item).length + 1 }));
}

/**
 * Keeps a state under `maxBytes` by dropping its oldest events from before `keepAfter` (the
 * start of what the next run collects, lookback included); newer events are never dropped.
 */
export function capStateSize(
  state: StoredState,
  encodedBytes: number,
  maxBytes: number,
  keepAfter: Date,
): { state: StoredState; dropped: number } {
  if (encodedBytes <= maxBytes) return { state, dropped: 0 };
  let excess = encodedBytes - maxBytes;
  const drop: Record<Kind, Set<string>> = {
    deployments: new Set(),
    changes: new Set(),
    incidents: new Set(),
  };
  let dropped = 0;
  for (const candidate of candidates(state.data, keepAfter.getTime())) {
    if (excess <= 0) break;
    drop[candidate.kind].add(candidate.id);
    excess -= candidate.bytes;
    dropped += 1;
  }
  const data: DoraData = {
    deployments: state.data.deployments.filter((d) => !drop.deployments.has(d.id)),
    changes: state.data.changes.filter((c) => !drop.changes.has(c.id)),
    incidents: state.data.incidents.filter((i) => !drop.incidents.has(i.id)),
  };
  return { state: { ...state, data }, dropped };
}
