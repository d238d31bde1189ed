import { describe, expect, it } from 'vitest';
import type { LedgerFile } from './ledger.js';
import { ROW_TITLES, reliabilityReport, type VitestJson } from './report-lines.js';

const allPassing = (): VitestJson => ({
  testResults: [
    {
      name: 'a.test.ts',
      assertionResults: ROW_TITLES.map((_, i) => ({
        title: `row ${String(i + 1).padStart(2, '0')}: something`,
        status: 'passed',
      })),
    },
  ],
});

const ledger = (rows: LedgerFile['rows']): LedgerFile => ({ file: 'x', rows });
const counts = (n: Partial<Record<string, number>>) => ({
  requestsRetried: n.r ?? 0,
  waitsHonoured: n.w ?? 0,
  eventsLost: n.l ?? 0,
  eventsDoubleCounted: n.d ?? 0,
  secretsLeaked: n.s ?? 0,
});

describe('the reliability report', () => {
  it('lists 34 rows and sums the counters of every ledger', () => {
    const report = reliabilityReport(allPassing(), [
      ledger({ '01': counts({ r: 1, w: 1 }), '03': counts({ r: 5, w: 5 }) }),
      ledger({ '07': counts({ r: 3 }) }),
    ]);
    expect(report.lines).toHaveLength(34 + 6);
    expect(report.lines[0]).toBe(
      'row 01  pass  GitHub 403 with x-ratelimit-remaining 0, reset in 30 s',
    );
    expect(report.lines.slice(34)).toEqual([
      'rows: 34/34 pass',
      'requests retried: 9',
      'waits honoured: 6',
      'events lost: 0',
      'events double-counted: 0',
      'secrets leaked: 0',
    ]);
    expect(report.ok).toBe(true);
  });

  it('fails a row with a failed test or no test, and fails overall on any lost event or leak', () => {
    const json = allPassing();
    const tests = json.testResults[0]?.assertionResults ?? [];
    tests.splice(33, 1);
    tests.push({ title: 'row 05: again', status: 'failed' });
    const report = reliabilityReport(json, []);
    expect(report.lines[4]?.startsWith('row 05  fail')).toBe(true);
    expect(report.lines[33]?.startsWith('row 34  fail')).toBe(true);
    expect(report.lines[34]).toBe('rows: 32/34 pass');
    expect(report.ok).toBe(false);

    expect(reliabilityReport(allPassing(), [ledger({ '02': counts({ l: 1 }) })]).ok).toBe(false);
    expect(reliabilityReport(allPassing(), [ledger({ '02': counts({ d: 1 }) })]).ok).toBe(false);
    expect(reliabilityReport(allPassing(), [ledger({ '02': counts({ s: 1 }) })]).ok).toBe(false);
    expect(reliabilityReport(allPassing(), [ledger({ '02': counts({ r: 7, w: 2 }) })]).ok).toBe(
      true,
    );
  });
});
