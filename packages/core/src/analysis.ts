import { attributeIncidents } from './attribute-incidents.js';
import { classifyChanges } from './classify-changes.js';
import { markFailures } from './failure-reasons.js';
import { linkChanges } from './link-changes.js';
import { type NDeployment, type NIncident, type NormalData, normaliseData } from './normalize.js';
import { type NormalOptions, normaliseOptions } from './options.js';
import { computeRecovery } from './recovery.js';
import type { DoraData, DoraOptions } from './types.js';

/**
 * Everything that does not depend on the window, computed once per call over all the input.
 * The report, `previous` and every `series` bucket are then windowed reads of these arrays, so
 * adjacent windows add up exactly and nothing is normalised twice.
 */
export interface Analysis {
  options: NormalOptions;
  data: NormalData;
  /** Production deployments sorted by (finishedAt, id). */
  production: NDeployment[];
  /** Non-rollback production deployments with at least one failure reason, sorted. */
  failures: NDeployment[];
  /** Resolved incidents sorted by resolvedAt. */
  resolved: NIncident[];
  /** Every incident's createdAt, ascending. */
  incidentCreated: Float64Array;
}

function compareDeployments(a: NDeployment, b: NDeployment): number {
  if (a.t !== b.t) return a.t - b.t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isSorted(list: readonly NDeployment[]): boolean {
  for (let i = 1; i < list.length; i++) {
    if (compareDeployments(list[i - 1] as NDeployment, list[i] as NDeployment) > 0) return false;
  }
  return true;
}

/** Normalises the input and options once and runs every window-independent stage. */
export function analyse(data: DoraData, options: DoraOptions, withBenchmark = true): Analysis {
  const opts = normaliseOptions(options, withBenchmark);
  const normal = normaliseData(data, opts.isProduction);
  // Collectors usually emit deployments in time order: check before paying for a sort. The
  // normalised list itself stays in input order (the id index refers to it by position).
  const production = isSorted(normal.deployments)
    ? normal.deployments
    : normal.deployments.slice().sort(compareDeployments);
  for (let i = 0; i < production.length; i++) (production[i] as NDeployment).pos = i;
  const successes = production.filter((d) => d.success);

  linkChanges(normal, successes);
  classifyChanges(normal, {
    labels: opts.hotfixLabels,
    branchPrefixes: opts.hotfixBranchPrefixes,
  });
  attributeIncidents(normal, successes, opts.attributionMs);
  markFailures(normal, production, successes);
  const failures = production.filter((d) => !d.rollback && d.reasons.length > 0);
  computeRecovery(production, failures);

  const resolved = normal.incidents.filter((i) => i.resolvedAt !== undefined);
  resolved.sort((a, b) => (a.resolvedAt as number) - (b.resolvedAt as number));
  const incidentCreated = Float64Array.from(normal.incidents, (i) => i.createdAt).sort();
  return { options: opts, data: normal, production, failures, resolved, incidentCreated };
}
