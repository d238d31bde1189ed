import type { Deployment, DoraData, DoraReport } from '@dora/core';

export interface RecoverySample {
  deployment: Deployment;
  /** Seconds from the failed deployment to its recovery; null while it is still open. */
  seconds: number | null;
}

function time(instant: Deployment['finishedAt']): number {
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

function sameScope(a: Deployment, b: Deployment): boolean {
  if (a.repository !== undefined && b.repository !== undefined && a.repository !== b.repository) {
    return false;
  }
  return a.service === undefined || b.service === undefined || a.service === b.service;
}

/**
 * Recovery of each failed deployment named in the audit, following the contract: the latest resolution of its
 * attributed incidents when it has any (open while one is unresolved), else the first later successful
 * deployment in the same repository/service/environment that has no failure reason of its own.
 * The report carries only the distribution; the per-repository OpenMetrics histogram needs the samples.
 */
export function recoverySamples(data: DoraData, audit: DoraReport['audit']): RecoverySample[] {
  const failed = new Set(audit.failures.map((failure) => failure.deploymentId));
  const byId = new Map(data.deployments.map((d) => [d.id, d]));
  const incidents = new Map(data.incidents.map((i) => [i.id, i]));
  const samples: RecoverySample[] = [];
  for (const failure of audit.failures) {
    const deployment = byId.get(failure.deploymentId);
    if (deployment === undefined) continue;
    const attributed = failure.reasons
      .filter((reason) => reason.kind === 'incident' && reason.ref !== undefined)
      .map((reason) => incidents.get(reason.ref ?? ''))
      .filter((incident) => incident !== undefined);
    const failedAt = time(deployment.finishedAt);
    if (attributed.length > 0) {
      const open = attributed.some((incident) => incident.resolvedAt === undefined);
      const resolved = Math.max(...attributed.map((incident) => time(incident.resolvedAt ?? 0)));
      samples.push({ deployment, seconds: open ? null : (resolved - failedAt) / 1000 });
      continue;
    }
    const recoveredAt = data.deployments
      .filter(
        (d) =>
          d.status === 'success' &&
          d.environment === deployment.environment &&
          !failed.has(d.id) &&
          sameScope(d, deployment) &&
          time(d.finishedAt) > failedAt,
      )
      .map((d) => time(d.finishedAt))
      .sort((a, b) => a - b)[0];
    samples.push({
      deployment,
      seconds: recoveredAt === undefined ? null : (recoveredAt - failedAt) / 1000,
    });
  }
  return samples;
}
