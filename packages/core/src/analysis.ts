import { attributeIncidents } from './attribute-incidents.js';
import { type ChangeClasses, classifyChanges } from './classify-changes.js';
import { markFailures, ROLLBACK } from './failure-reasons.js';
import { filled } from './filled.js';
import { type Links, linkChanges } from './link-changes.js';
import { type Deployments, type NormalData, normaliseData } from './normalize.js';
import { type NormalOptions, normaliseOptions } from './options.js';
import { computeRecovery } from './recovery.js';
import { SparseLists } from './sparse-lists.js';
import type { DoraData, DoraOptions, FailureReason } from './types.js';

/**
 * Everything that does not depend on the window, computed once per call over all the input.
 * The report, `previous` and every `series` bucket are then windowed reads of these columns
 * (binary searches into sorted arrays), so adjacent windows add up exactly and nothing is
 * normalised twice.
 */
export interface Analysis {
  options: NormalOptions;
  data: NormalData;
  /** Production deployments sorted by (finishedAt, id) (`data.deployments`). */
  production: Deployments;
  links: Links;
  /** Per entry of `links.shipped`: its lead-time sample in seconds (negative: a data error). */
  shippedLead: readonly number[];
  changes: ChangeClasses;
  /** Per production deployment: `ROLLBACK` and `REMEDIATION` bits. */
  flags: Uint8Array;
  /** Per production deployment: its failure reasons, sorted by kind then ref. */
  reasons: SparseLists<FailureReason>;
  /** Positions of the non-rollback deployments with at least one failure reason, ascending. */
  failures: Int32Array;
  /** Per failure: its finishedAt. */
  failureT: Float64Array;
  /** Per failure: its recovery time in seconds, NaN while unrecovered. */
  failureRecovery: Float64Array;
  /** Every incident's createdAt, ascending (only in `incidents-per-deployment` mode, else empty). */
  incidentCreated: Float64Array;
}

/** Normalises the input and options once and runs every window-independent stage. */
export function analyse(data: DoraData, options: DoraOptions, withBenchmark = true): Analysis {
  const opts = normaliseOptions(options, withBenchmark);
  const normal = normaliseData(data, opts.isProduction);
  const production = normal.deployments;
  const successes = positionsOf(production);

  const links = linkChanges(normal, successes);
  const changes = classifyChanges(normal, {
    labels: opts.hotfixLabels,
    branchPrefixes: opts.hotfixBranchPrefixes,
  });
  const reasons = new SparseLists<FailureReason>(production.length);
  const resolvedBy = attributeIncidents(normal, successes, opts.attributionMs, reasons);
  const flags = markFailures(normal, successes, links, changes, reasons);
  const failures: number[] = [];
  for (let p = 0; p < production.length; p++) {
    if (((flags[p] as number) & ROLLBACK) === 0 && reasons.has(p)) failures.push(p);
  }
  const failurePositions = Int32Array.from(failures);
  const failureT = new Float64Array(failures.length);
  for (let i = 0; i < failures.length; i++)
    failureT[i] = production.t[failures[i] as number] as number;
  const failureRecovery = computeRecovery(production, reasons, resolvedBy, failurePositions);

  return {
    options: opts,
    data: normal,
    production,
    links,
    shippedLead: links.lead,
    changes,
    flags,
    reasons,
    failures: failurePositions,
    failureT,
    failureRecovery,
    incidentCreated:
      opts.mode === 'incidents-per-deployment'
        ? Float64Array.from(normal.incidents.createdAt).sort()
        : new Float64Array(0),
  };
}

/** Positions of the successful deployments. */
function positionsOf(d: Deployments): number[] {
  let n = 0;
  for (let p = 0; p < d.length; p++) n += d.success[p] as number;
  const out = filled(n, 0);
  let k = 0;
  for (let p = 0; p < d.length; p++) if (d.success[p] === 1) out[k++] = p;
  return out;
}
