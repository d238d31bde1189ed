import { type LedgerFile, type RowCounters, rowKey, sumLedgers } from './ledger.js';

/** The 34 rows of the reliability matrix (reliability.md section 7), by number. */
export const ROW_TITLES: readonly string[] = [
  'GitHub 403 with x-ratelimit-remaining 0, reset in 30 s',
  'Rate-limit reset in 50 min: checkpoint, partial report, exit 0',
  '429 secondary limit with retry-after 7',
  'Secondary limit without retry-after (60 s fallback)',
  'GraphQL 200 with errors[].type RATE_LIMITED',
  'GraphQL partial data plus a resource-limit error',
  '500/502/504, connection reset, socket timeout',
  '401 bad token',
  '403 Resource not accessible + X-Accepted-GitHub-Permissions',
  '404 on a private or wrong repository',
  'Workflow-run listing over the 1,000-result cap',
  'Link pagination: 1 item per page, empty last page',
  'PagerDuty 429 with ratelimit-reset 5',
  'PagerDuty offset + limit over 10,000',
  'PagerDuty range over 6 months',
  'PagerDuty missing more / limit echoed differently',
  'Incident resolved after the last sync',
  'Workflow run re-run (same id, attempt 2)',
  'Same event twice / overlapping windows',
  'Incremental vs full',
  'No state (first run, 7-day eviction)',
  'Corrupt state (truncated, checksum, __proto__, 50 MB, random bytes)',
  'State from an older or newer schemaVersion',
  'Scope changed',
  'restoreCache throws; saveCache returns -1 or throws',
  'Two concurrent runs',
  'Untrusted triggers and non-default branches are read-only',
  'Secrets in logs',
  'Missing or invalid inputs',
  'Malformed regex / ReDoS pattern',
  'Summary larger than 1 MiB',
  'Badge JSON under every outcome',
  'Clock edges: DST, leap day, no zone, until == since',
  'Workflow YAML: actionlint + rules (zizmor on the release checklist)',
];

/** The parts of vitest's JSON report read here. */
export interface VitestJson {
  testResults: Array<{
    name: string;
    assertionResults: Array<{ title: string; status: string }>;
  }>;
}

export interface RowResult {
  row: number;
  pass: boolean;
  tests: number;
}

const ROW_TITLE = /^row (\d{2}): /;

/** A row passes when it has at least one test and every one of them passed. */
export function rowResults(report: VitestJson): RowResult[] {
  const byRow = new Map<number, { tests: number; failed: number }>();
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      const match = ROW_TITLE.exec(test.title);
      if (!match) continue;
      const row = Number(match[1]);
      const entry = byRow.get(row) ?? { tests: 0, failed: 0 };
      entry.tests += 1;
      if (test.status !== 'passed') entry.failed += 1;
      byRow.set(row, entry);
    }
  }
  return ROW_TITLES.map((_, i) => {
    const entry = byRow.get(i + 1) ?? { tests: 0, failed: 0 };
    return { row: i + 1, pass: entry.tests > 0 && entry.failed === 0, tests: entry.tests };
  });
}

export interface ReliabilityReport {
  lines: string[];
  totals: RowCounters;
  passed: number;
  ok: boolean;
}

/** The printed report: one line per row, then the totals, each on its own line. */
export function reliabilityReport(
  report: VitestJson,
  ledgers: readonly LedgerFile[],
): ReliabilityReport {
  const rows = rowResults(report);
  const totals = sumLedgers(ledgers);
  const passed = rows.filter((r) => r.pass).length;
  const lines = [
    ...rows.map(
      (r) => `row ${rowKey(r.row)}  ${r.pass ? 'pass' : 'fail'}  ${ROW_TITLES[r.row - 1] ?? ''}`,
    ),
    `rows: ${passed}/${ROW_TITLES.length} pass`,
    `requests retried: ${totals.requestsRetried}`,
    `waits honoured: ${totals.waitsHonoured}`,
    `events lost: ${totals.eventsLost}`,
    `events double-counted: ${totals.eventsDoubleCounted}`,
    `secrets leaked: ${totals.secretsLeaked}`,
  ];
  const ok =
    passed === ROW_TITLES.length &&
    totals.eventsLost === 0 &&
    totals.eventsDoubleCounted === 0 &&
    totals.secretsLeaked === 0;
  return { lines, totals, passed, ok };
}
