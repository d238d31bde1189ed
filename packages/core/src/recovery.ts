import { GroupIndex } from './group-index.js';
import type { NDeployment } from './normalize.js';

/**
 * Sets `recoverySeconds` on every failed deployment: the latest `resolvedAt` of its attributed
 * incidents (unrecovered while one is open); without incidents, the first later successful
 * production deployment that has no failure reason of its own, compatible repository and
 * service. What is known after the window is used. An incident resolved before its deployment
 * finished (possible only with an explicit `deploymentId`) counts as recovered at once (0 s).
 */
export function computeRecovery(
  production: readonly NDeployment[],
  failures: readonly NDeployment[],
): void {
  let clean: GroupIndex | undefined;
  for (let i = 0; i < failures.length; i++) {
    const f = failures[i] as NDeployment;
    let recoveredAt: number | undefined;
    if (f.incidents.length > 0) {
      recoveredAt = latestResolution(f);
    } else {
      clean ??= new GroupIndex(production.filter((d) => d.success && d.reasons.length === 0));
      recoveredAt = clean.firstAfterPos(f.pos, f.repository, f.service)?.t;
    }
    f.recoverySeconds = recoveredAt === undefined ? null : Math.max(0, recoveredAt - f.t) / 1000;
  }
}

function latestResolution(f: NDeployment): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const i of f.incidents) {
    if (i.resolvedAt === undefined) return undefined;
    if (i.resolvedAt > latest) latest = i.resolvedAt;
  }
  return latest;
}
