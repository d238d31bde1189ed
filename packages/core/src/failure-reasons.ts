import { type ChangeClasses, HOTFIX, REVERT } from './classify-changes.js';
import type { Links } from './link-changes.js';
import {
  type Deployments,
  deploymentEnvironment,
  deploymentSha,
  type NormalData,
} from './normalize.js';
import type { SparseLists } from './sparse-lists.js';
import type { FailureReason } from './types.js';

/** Bits of the per-deployment flags `markFailures` returns. */
export const ROLLBACK = 1;
export const REMEDIATION = 2;

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
function groups(d: Deployments, positions: ArrayLike<number>): number[][] {
  const byRepo = new Map<string | undefined, Map<string | undefined, Map<string, number[]>>>();
  const out: number[][] = [];
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number;
    const repository = d.repository[p];
    const service = d.service[p];
    let byService = byRepo.get(repository);
    if (byService === undefined) {
      byService = new Map();
      byRepo.set(repository, byService);
    }
    let byEnv = byService.get(service);
    if (byEnv === undefined) {
      byEnv = new Map();
      byService.set(service, byEnv);
    }
    const environment = deploymentEnvironment(d, p);
    const g = byEnv.get(environment);
    if (g === undefined) {
      const created = [p];
      byEnv.set(environment, created);
      out.push(created);
    } else g.push(p);
  }
  return out;
}

/**
 * V1→V2→V3→V1: a successful deployment whose sha was deployed before and differs from the
 * immediately preceding one is a rollback; the deployment right after the restored one (V2)
 * carried the failure. Only successful deployments with a sha form the sequence.
 */
function markRollbacks(
  d: Deployments,
  successes: readonly number[],
  flags: Uint8Array,
  reasons: SparseLists<FailureReason>,
): void {
  const withSha: number[] = [];
  for (let i = 0; i < successes.length; i++) {
    const p = successes[i] as number;
    if (deploymentSha(d, p) !== undefined) withSha.push(p);
  }
  for (const seq of groups(d, withSha)) {
    const lastIndex = new Map<string, number>();
    for (let i = 0; i < seq.length; i++) {
      const p = seq[i] as number;
      const sha = deploymentSha(d, p) as string;
      const restored = lastIndex.get(sha);
      if (restored !== undefined && i > 0 && deploymentSha(d, seq[i - 1] as number) !== sha) {
        flags[p] = (flags[p] as number) | ROLLBACK;
        reasons.add(seq[restored + 1] as number, { kind: 'rollback', ref: d.id[p] as string });
      }
      lastIndex.set(sha, i);
    }
  }
}

function markReverted(
  data: NormalData,
  links: Links,
  classes: ChangeClasses,
  reasons: SparseLists<FailureReason>,
): void {
  // Without reverts the changes' deployments are not needed (links build them on first read).
  if (classes.revertedBy.isEmpty()) return;
  const { ship } = links;
  const ids = data.changes.id;
  for (let c = 0; c < ship.length; c++) {
    const p = ship[c] as number;
    if (p < 0 || !classes.revertedBy.has(c)) continue;
    for (const r of classes.revertedBy.get(c)) {
      reasons.add(p, { kind: 'reverted', ref: ids[r] as string });
    }
  }
}

/** Whether the deployment ships at least one change and every one has one of `bits`. */
function shipsOnly(links: Links, changeFlags: Uint8Array, p: number, bits: number): boolean {
  const from = links.shipStart[p] as number;
  const to = links.shipStart[p + 1] as number;
  if (to === from) return false;
  for (let k = from; k < to; k++) {
    if (((changeFlags[links.shipped[k] as number] as number) & bits) === 0) return false;
  }
  return true;
}

/** A deployment whose next successful deployment (same group) ships only hotfixes. */
function markHotfixFollowups(
  d: Deployments,
  links: Links,
  changeFlags: Uint8Array,
  reasons: SparseLists<FailureReason>,
): void {
  const all = Array.from({ length: d.length }, (_, i) => i);
  for (const seq of groups(d, all)) {
    let next = -1;
    for (let i = seq.length - 1; i >= 0; i--) {
      const p = seq[i] as number;
      if (next >= 0 && shipsOnly(links, changeFlags, next, HOTFIX)) {
        reasons.add(p, { kind: 'hotfix-followup', ref: d.id[next] as string });
      }
      if (d.success[p] === 1) next = p;
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

function tidy(reasons: FailureReason[]): FailureReason[] {
  if (reasons.length < 2) return reasons;
  const sorted = reasons.sort(compareReasons);
  return sorted.filter(
    (r, i) => i === 0 || compareReasons(r, sorted[i - 1] as FailureReason) !== 0,
  );
}

/**
 * Records every failure reason on the production deployments (incidents are already
 * attributed) and returns their flags: rollbacks, and remediation deployments for the rework
 * rate. Reasons are sorted by kind, then ref, so the audit does not depend on input order.
 */
export function markFailures(
  data: NormalData,
  successes: readonly number[],
  links: Links,
  classes: ChangeClasses,
  reasons: SparseLists<FailureReason>,
): Uint8Array {
  const d = data.deployments;
  const flags = new Uint8Array(d.length);
  for (let p = 0; p < d.length; p++) if (d.success[p] !== 1) reasons.add(p, DEPLOYMENT_FAILED);
  markRollbacks(d, successes, flags, reasons);
  markReverted(data, links, classes, reasons);
  // Most histories carry no hotfix at all: then the per-group walk has nothing to find.
  if (classes.anyHotfix) {
    markHotfixFollowups(d, links, classes.flags, reasons);
  }
  reasons.update(tidy);
  for (let p = 0; p < d.length; p++) {
    if (d.success[p] !== 1) continue;
    const f = flags[p] as number;
    if ((f & ROLLBACK) !== 0 || shipsOnly(links, classes.flags, p, HOTFIX | REVERT)) {
      flags[p] = f | REMEDIATION;
    }
  }
  return flags;
}
