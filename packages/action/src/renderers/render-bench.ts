// Prints how long the renderers take on large runs, and how big their output is. Not a test:
//   pnpm exec tsx --conditions=@dora/source packages/action/src/renderers/render-bench.ts
import type { RunResult } from '../run-info.js';
import { renderOpenMetrics, renderReportJson, renderSummary, renderSummaryHtml } from './index.js';
import { byteLength } from './markdown-escape.js';
import { fullResult } from './test-fixtures.js';

function grown(rows: number): RunResult {
  const result = fullResult();
  const title = 'A pull request title of ordinary length, with a (scope) and a `code` bit';
  for (let i = 0; i < rows; i += 1) {
    const id = `acme/shop#${1000 + i}`;
    const at = new Date(Date.UTC(2026, 9, 21) + (i % 29) * 86_400_000 + i).toISOString();
    result.data.changes.push({ id, firstCommitAt: at, title, author: `dev${i % 40}` });
    result.data.deployments.push({
      id: `acme/shop:run:${i}`,
      environment: 'production',
      status: i % 5 === 0 ? 'failure' : 'success',
      finishedAt: at,
      repository: 'acme/shop',
      changeIds: [id],
    });
    result.report.audit.leadTimes.push({
      changeId: id,
      deploymentId: `acme/shop:run:${i}`,
      seconds: 3_600 + ((i * 7_919) % 900_000),
    });
    if (i % 5 === 0) {
      result.report.audit.failures.push({
        deploymentId: `acme/shop:run:${i}`,
        reasons: [{ kind: 'deployment-failed' }],
      });
    }
  }
  return result;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

console.log('rows     summary ms  summary bytes  html ms  report ms  report bytes  metrics ms');
for (const rows of [1_000, 10_000, 100_000]) {
  const result = grown(rows);
  const [markdown, summaryMs] = time(() => renderSummary(result));
  const [, htmlMs] = time(() => renderSummaryHtml(markdown));
  const [report, reportMs] = time(() => renderReportJson(result));
  const [, metricsMs] = time(() => renderOpenMetrics(result));
  console.log(
    [
      String(rows).padEnd(8),
      summaryMs.toFixed(0).padStart(10),
      String(byteLength(markdown)).padStart(14),
      htmlMs.toFixed(0).padStart(8),
      reportMs.toFixed(0).padStart(10),
      String(byteLength(report)).padStart(13),
      metricsMs.toFixed(0).padStart(11),
    ].join(' '),
  );
}
