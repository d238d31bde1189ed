import type { DoraData, Instant } from '@dora/core';

function ms(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

/**
 * The events a full collection from `since` would hold: deployments finished and changes merged
 * since then, incidents still open or resolved since then. The saved state may remember more (what
 * earlier runs collected), but the report must not depend on how far back earlier runs reached,
 * so an incremental run and a full run give the same report. Shipped-change ids are kept only for
 * the changes kept.
 */
export function eventsSince(data: DoraData, since: Date): DoraData {
  const from = since.getTime();
  const changes = data.changes.filter((c) => ms(c.mergedAt ?? c.firstCommitAt) >= from);
  const kept = new Set(changes.map((c) => c.id));
  const deployments = data.deployments
    .filter((d) => ms(d.finishedAt) >= from)
    .map((d) =>
      d.changeIds === undefined ? d : { ...d, changeIds: d.changeIds.filter((id) => kept.has(id)) },
    );
  const incidents = data.incidents.filter(
    (i) => i.resolvedAt === undefined || ms(i.resolvedAt) >= from,
  );
  return { deployments, changes, incidents };
}
