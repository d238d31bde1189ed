import { filled } from './filled.js';
import { GroupIndex } from './group-index.js';
import type { Deployments } from './normalize.js';
import type { SparseLists } from './sparse-lists.js';
import type { FailureReason } from './types.js';

/**
 * The recovery time in seconds of every failed deployment (NaN while unrecovered): the latest
 * `resolvedAt` of its attributed incidents (unrecovered while one is open); without incidents,
 * the first later successful production deployment that has no failure reason of its own,
 * compatible repository and service. What is known after the window is used. An incident
 * resolved before its deployment finished (possible only with an explicit `deploymentId`)
 * counts as recovered at once (0 s). `resolvedBy` is what `attributeIncidents` returned.
 */
export function computeRecovery(
  d: Deployments,
  reasons: SparseLists<FailureReason>,
  resolvedBy: readonly number[],
  failures: Int32Array,
): Float64Array {
  const out = new Float64Array(failures.length);
  let clean: GroupIndex | undefined;
  for (let i = 0; i < failures.length; i++) {
    const f = failures[i] as number;
    let recoveredAt = resolvedBy[f] as number;
    if (recoveredAt === Number.NEGATIVE_INFINITY) {
      clean ??= new GroupIndex(d, cleanSuccesses(d, reasons));
      const p = clean.firstAfterPos(f, d.repository[f], d.service[f]);
      recoveredAt = p < 0 ? Number.POSITIVE_INFINITY : (d.t[p] as number);
    }
    const t = d.t[f] as number;
    out[i] =
      recoveredAt === Number.POSITIVE_INFINITY ? Number.NaN : Math.max(0, recoveredAt - t) / 1000;
  }
  return out;
}

function cleanSuccesses(d: Deployments, reasons: SparseLists<FailureReason>): number[] {
  let n = 0;
  for (let p = 0; p < d.length; p++) if (d.success[p] === 1 && !reasons.has(p)) n++;
  // Counted first, then filled: a list grown to most of a million by `push` is copied again and again.
  const out = filled(n, 0);
  let k = 0;
  for (let p = 0; p < d.length; p++) if (d.success[p] === 1 && !reasons.has(p)) out[k++] = p;
  return out;
}
