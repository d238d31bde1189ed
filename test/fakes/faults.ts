import type { ScenarioFault } from './scenario.js';

/**
 * Tracks the scenario's faults: each one counts the requests it matches, lets `afterRequests` of
 * them through, then fires `times` times (every time when `times` is absent).
 */
export class FaultPlan {
  private readonly entries: Array<{
    fault: ScenarioFault;
    regex: RegExp;
    matched: number;
    fired: number;
  }>;

  constructor(faults: ScenarioFault[] = []) {
    this.entries = faults.map((fault) => ({
      fault,
      regex: new RegExp(fault.path),
      matched: 0,
      fired: 0,
    }));
  }

  /**
   * The fault to apply to a request, if any. `path` is relative to the API prefix; `fullPath`
   * includes it, so a fault may name either (`^/incidents` or `^/pagerduty/incidents`).
   */
  check(method: string, path: string, fullPath: string): ScenarioFault | undefined {
    let chosen: ScenarioFault | undefined;
    for (const e of this.entries) {
      if (e.fault.method !== undefined && e.fault.method.toUpperCase() !== method) continue;
      if (!e.regex.test(path) && !e.regex.test(fullPath)) continue;
      e.matched += 1;
      if (chosen !== undefined) continue;
      if (e.matched <= (e.fault.afterRequests ?? 0)) continue;
      if (e.fault.times !== undefined && e.fired >= e.fault.times) continue;
      e.fired += 1;
      chosen = e.fault;
    }
    return chosen;
  }
}

/**
 * Fault headers with relative instants resolved: `x-ratelimit-reset: "+30"` becomes the epoch
 * second 30 s from the real clock now.
 */
export function resolveFaultHeaders(
  headers: Record<string, string> | undefined,
  nowMs: number = Date.now(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const rel = /^\+(\d+)$/.exec(v);
    out[k.toLowerCase()] =
      rel && k.toLowerCase() === 'x-ratelimit-reset'
        ? String(Math.floor(nowMs / 1000) + Number(rel[1]))
        : v;
  }
  return out;
}
