import type { Deployment, DoraData, DoraReport, Instant } from '@dora/core';

export interface RecoverySample {
  deployment: Deployment;
  /** Seconds from the failed deployment to its recovery; null while it is still open. */
  seconds: number | null;
}

function time(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

function sameService(a: Deployment, b: Deployment): boolean {
  return a.service === undefined || b.service === undefined || a.service === b.service;
}

interface Candidate {
  at: number;
  deployment: Deployment;
}

function scopeKey(deployment: Deployment): string {
  return JSON.stringify([deployment.environment, deployment.repository ?? null]);
}

/** Index of the first candidate finished strictly after `at` (candidates sorted by time). */
function firstAfter(candidates: readonly Candidate[], at: number): number {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((candidates[middle]?.at ?? Number.POSITIVE_INFINITY) > at) high = middle;
    else low = middle + 1;
  }
  return low;
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
  // Clean successes per environment and repository, in time order, for a binary search per failure.
  const clean = new Map<string, Candidate[]>();
  for (const deployment of data.deployments) {
    if (deployment.status !== 'success' || failed.has(deployment.id)) continue;
    const key = scopeKey(deployment);
    const list = clean.get(key) ?? [];
    list.push({ at: time(deployment.finishedAt), deployment });
    clean.set(key, list);
  }
  for (const list of clean.values()) list.sort((a, b) => a.at - b.at);

  const samples: RecoverySample[] = [];
  for (const failure of audit.failures) {
    const deployment = byId.get(failure.deploymentId);
    if (deployment === undefined) continue;
    const failedAt = time(deployment.finishedAt);
    const attributed = failure.reasons
      .filter((reason) => reason.kind === 'incident' && reason.ref !== undefined)
      .map((reason) => incidents.get(reason.ref ?? ''))
      .filter((incident) => incident !== undefined);
    if (attributed.length > 0) {
      const open = attributed.some((incident) => incident.resolvedAt === undefined);
      const resolved = Math.max(...attributed.map((incident) => time(incident.resolvedAt ?? 0)));
      samples.push({ deployment, seconds: open ? null : (resolved - failedAt) / 1000 });
      continue;
    }
    const candidates = clean.get(scopeKey(deployment)) ?? [];
    let recovered: Candidate | undefined;
    for (let index = firstAfter(candidates, failedAt); index < candidates.length; index += 1) {
      const candidate = candidates[index];
      if (candidate !== undefined && sameService(candidate.deployment, deployment)) {
        recovered = candidate;
        break;
      }
    }
    samples.push({
      deployment,
      seconds: recovered === undefined ? null : (recovered.at - failedAt) / 1000,
    });
  }
  return samples;
}
