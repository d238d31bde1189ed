import type { RunResult } from '../run-info.js';

export const REPORT_SCHEMA = 'dora-action/report@1';

// Keys in this order first (the contract's reading order), every other key after them alphabetically: the
// file is byte-identical whatever order the producer built its objects in.
const KEY_ORDER = [
  'schema',
  'generatedAt',
  'report',
  'info',
  'window',
  'from',
  'to',
  'benchmark',
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'recoveryTime',
  'timeToRestore',
  'reworkRate',
  'overall',
  'series',
  'previous',
  'audit',
  'deployments',
  'perDay',
  'perWeek',
  'deploymentDays',
  'count',
  'median',
  'p75',
  'p90',
  'p95',
  'mean',
  'min',
  'max',
  'excluded',
  'open',
  'failed',
  'rework',
  'total',
  'rate',
  'level',
  'start',
  'end',
  'failures',
  'leadTimes',
  'deploymentId',
  'changeId',
  'reasons',
  'kind',
  'ref',
  'seconds',
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const rankA = RANK.get(a) ?? Number.POSITIVE_INFINITY;
  const rankB = RANK.get(b) ?? Number.POSITIVE_INFINITY;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Credential-shaped names; repository-keyed maps ("owner/name") are never mistaken for one.
const SECRET_KEY = /^[a-z_-]*(?:token|secret|password|authorization)$/i;
// GitHub token prefixes (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_) and bearer headers.
const SECRET_VALUE = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|Bearer\s+\S+)/g;

function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '[redacted]');
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value)
      .filter(
        ([key, entry]) => entry !== undefined && !(SECRET_KEY.test(key) && !key.includes('/')),
      )
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, entry]) => [key, canonical(entry)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * The machine-readable report: schema tag, generation time, the full report with its audit trail and the run
 * info, keys in a stable order, pretty-printed, ending with a newline. Credential-looking keys and values are
 * dropped even though RunInfo never carries any: a token must not reach an artifact by accident.
 */
export function renderReportJson(result: RunResult): string {
  const document = {
    schema: REPORT_SCHEMA,
    generatedAt: result.info.generatedAt,
    report: result.report,
    info: result.info,
  };
  return `${JSON.stringify(canonical(document), null, 2)}\n`;
}
