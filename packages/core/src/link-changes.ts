import { GroupIndex } from './group-index.js';
import {
  append,
  deploymentChangeIds,
  type NChange,
  type NDeployment,
  type NormalData,
} from './normalize.js';

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Sets `s(c)` for every change: the earliest-finished successful production deployment whose
 * `changeIds` lists it. Only when no deployment in the input carries `changeIds` does the
 * fallback apply: the earliest successful production deployment finished at or after
 * `mergedAt`, same repository when both name one. Listing changes explicitly therefore keeps
 * a repository's first deployment from absorbing all older history.
 */
export function linkChanges(data: NormalData, successes: readonly NDeployment[]): void {
  if (data.linked) {
    // Shipped lists follow each deployment's own changeIds order: already input-order free.
    linkByIds(data, successes);
    return;
  }
  linkByMergeTime(data.changes, successes);
  for (const d of successes) if (d.shipped.length > 1) (d.shipped as NChange[]).sort(byId);
}

function linkByIds(data: NormalData, successes: readonly NDeployment[]): void {
  const index = data.changeById;
  // Collected in one scratch list, then copied at their exact length: arrays grown by `push`
  // keep spare capacity, which a million deployments would carry through the whole call.
  const scratch: NChange[] = [];
  // Indexed loops: a million iterations must not depend on the iterator protocol being optimised away.
  for (let i = 0; i < successes.length; i++) {
    const d = successes[i] as NDeployment;
    const ids = deploymentChangeIds(d);
    if (ids === undefined) continue;
    scratch.length = 0;
    for (let k = 0; k < ids.length; k++) {
      const c = index.get(ids[k] as string);
      if (c !== undefined && c.ship === undefined) {
        c.ship = d;
        scratch.push(c);
      }
    }
    if (scratch.length > 0) d.shipped = scratch.slice();
  }
}

function linkByMergeTime(changes: readonly NChange[], successes: readonly NDeployment[]): void {
  const index = new GroupIndex(successes);
  for (const c of changes) {
    if (c.mergedAt === undefined) continue;
    const d = index.firstAtOrAfter(c.mergedAt, c.repository, undefined);
    if (d !== undefined) {
      c.ship = d;
      d.shipped = append(d.shipped, c);
    }
  }
}
