import {
  append,
  deploymentEnvironment,
  deploymentSha,
  type NChange,
  type NDeployment,
  type NormalData,
} from './normalize.js';
import type { FailureReason } from './types.js';

const DEPLOYMENT_FAILED: FailureReason = Object.freeze({ kind: 'deployment-failed' });

const KIND_ORDER: Readonly<Record<string, number>> = {
  'deployment-failed': 0,
  incident: 1,
  rollback: 2,
  reverted: 3,
  'hotfix-followup': 4,
};

/**
 * Rollbacks and hotfix follow-ups compare deployments of one repository/service/environment.
 * Nested maps keyed by the strings themselves: no key string is built per deployment.
 */
function groups(list: readonly NDeployment[]): NDeployment[][] {
  const byRepo = new Map<string | undefined, Map<string | undefined, Map<string, NDeployment[]>>>();
  const out: NDeployment[][] = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as NDeployment;
    let byService = byRepo.get(d.repository);
    if (byService === undefined) {
      byService = new Map();
      byRepo.set(d.repository, byService);
    }
    let byEnv = byService.get(d.service);
    if (byEnv === undefined) {
      byEnv = new Map();
      byService.set(d.service, byEnv);
    }
    const environment = deploymentEnvironment(d);
    const g = byEnv.get(environment);
    if (g === undefined) {
      const created = [d];
      byEnv.set(environment, created);
      out.push(created);
    } else g.push(d);
  }
  return out;
}

/**
 * V1→V2→V3→V1: a successful deployment whose sha was deployed before and differs from the
 * immediately preceding one is a rollback; the deployment right after the restored one (V2)
 * carried the failure. Only successful deployments with a sha form the sequence.
 */
function markRollbacks(successes: readonly NDeployment[]): void {
  for (const seq of groups(successes.filter((d) => deploymentSha(d) !== undefined))) {
    const lastIndex = new Map<string, number>();
    for (let i = 0; i < seq.length; i++) {
      const d = seq[i] as NDeployment;
      const sha = deploymentSha(d) as string;
      const restored = lastIndex.get(sha);
      if (restored !== undefined && i > 0 && deploymentSha(seq[i - 1] as NDeployment) !== sha) {
        d.rollback = true;
        const marked = seq[restored + 1] as NDeployment;
        marked.reasons = append(marked.reasons, { kind: 'rollback', ref: d.id });
      }
      lastIndex.set(sha, i);
    }
  }
}

function markReverted(data: NormalData): void {
  const { changes } = data;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as NChange;
    const ship = c.ship;
    if (ship === undefined || c.revertedBy.length === 0) continue;
    for (const r of c.revertedBy)
      ship.reasons = append(ship.reasons, { kind: 'reverted', ref: r.id });
  }
}

function shipsOnlyHotfixes(d: NDeployment): boolean {
  return d.shipped.length > 0 && d.shipped.every((c) => c.hotfix);
}

/** A deployment whose next successful deployment (same group) ships only hotfixes. */
function markHotfixFollowups(production: readonly NDeployment[]): void {
  for (const seq of groups(production)) {
    let next: NDeployment | undefined;
    for (let i = seq.length - 1; i >= 0; i--) {
      const d = seq[i] as NDeployment;
      if (next !== undefined && shipsOnlyHotfixes(next)) {
        d.reasons = append(d.reasons, { kind: 'hotfix-followup', ref: next.id });
      }
      if (d.success) next = d;
    }
  }
}

function compareReasons(a: FailureReason, b: FailureReason): number {
  const k = (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9);
  if (k !== 0) return k;
  const ar = a.ref ?? '';
  const br = b.ref ?? '';
  return ar < br ? -1 : ar > br ? 1 : 0;
}

function tidy(reasons: readonly FailureReason[]): readonly FailureReason[] {
  if (reasons.length < 2) return reasons;
  const sorted = (reasons as FailureReason[]).sort(compareReasons);
  return sorted.filter(
    (r, i) => i === 0 || compareReasons(r, sorted[i - 1] as FailureReason) !== 0,
  );
}

/**
 * Records every failure reason on the production deployments (incidents are already
 * attributed) and marks remediation deployments for the rework rate. Reasons are sorted by
 * kind, then ref, so the audit does not depend on input order.
 */
export function markFailures(
  data: NormalData,
  production: readonly NDeployment[],
  successes: readonly NDeployment[],
): void {
  for (let i = 0; i < production.length; i++) {
    const d = production[i] as NDeployment;
    if (!d.success) d.reasons = append(d.reasons, DEPLOYMENT_FAILED);
  }
  markRollbacks(successes);
  markReverted(data);
  // Most histories carry no hotfix at all: then the per-group walk has nothing to find.
  if (data.changes.some((c) => c.hotfix)) markHotfixFollowups(production);
  for (let i = 0; i < production.length; i++) {
    const d = production[i] as NDeployment;
    d.reasons = tidy(d.reasons);
    d.remediation =
      d.success &&
      (d.rollback || (d.shipped.length > 0 && d.shipped.every((c) => c.revert || c.hotfix)));
  }
}
