import { filled } from './filled.js';
import { GroupIndex } from './group-index.js';
import type { NormalData } from './normalize.js';
import type { SparseLists } from './sparse-lists.js';
import type { FailureReason } from './types.js';

/**
 * Attributes each incident to at most one production deployment: the one its `deploymentId`
 * names (any status), else the latest successful production deployment finished at most
 * `attributionMs` before the incident was created, same repository/service when both name
 * one. A `deploymentId` that names no production deployment attributes the incident to none.
 * Records an `incident` reason per attribution and returns, per deployment position, when its
 * attributed incidents were all resolved: -Infinity without any, +Infinity while one is open.
 */
export function attributeIncidents(
  data: NormalData,
  successes: readonly number[],
  attributionMs: number,
  reasons: SparseLists<FailureReason>,
): number[] {
  const { incidents, deployments } = data;
  const resolvedBy = filled(deployments.length, Number.NEGATIVE_INFINITY);
  let index: GroupIndex | undefined;
  for (let i = 0; i < incidents.length; i++) {
    const createdAt = incidents.createdAt[i] as number;
    let p: number;
    if (incidents.deploymentId[i] !== undefined) {
      p = incidents.deploymentPosition[i] as number;
    } else {
      index ??= new GroupIndex(deployments, successes);
      p = index.lastAtOrBefore(createdAt, incidents.repository[i], incidents.service[i]);
      if (p >= 0 && createdAt - (deployments.t[p] as number) > attributionMs) p = -1;
    }
    if (p < 0) continue;
    reasons.add(p, { kind: 'incident', ref: incidents.id[i] as string });
    const resolvedAt = incidents.resolvedAt[i] as number;
    const end = Number.isNaN(resolvedAt) ? Number.POSITIVE_INFINITY : resolvedAt;
    if (end > (resolvedBy[p] as number)) resolvedBy[p] = end;
  }
  return resolvedBy;
}
