import { computeDora } from '@dora/core';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../run-info.js';
import {
  renderBadges,
  renderOpenMetrics,
  renderReportJson,
  renderSummary,
  renderSummaryHtml,
} from './index.js';
import {
  emptyResult,
  fullResult,
  hostileResult,
  partialResult,
  unsavedResult,
} from './test-fixtures.js';
import { golden } from './test-golden.js';

const OUTCOMES: Array<[string, () => RunResult]> = [
  ['full', fullResult],
  ['empty', emptyResult],
  ['partial', partialResult],
  ['unsaved', unsavedResult],
  ['hostile', hostileResult],
];

describe('golden outputs (UPDATE_GOLDEN=1 rewrites test/golden)', () => {
  it.each(OUTCOMES)('summary-%s.md', (name, make) => {
    const markdown = renderSummary(make());
    expect(markdown).toBe(golden(`summary-${name}.md`, markdown));
  });

  it.each(OUTCOMES.slice(0, 3))('badges-%s.json', (name, make) => {
    const text = `${JSON.stringify(renderBadges(make().report), null, 2)}\n`;
    expect(text).toBe(golden(`badges-${name}.json`, text));
  });

  it('report-full.json', () => {
    const text = renderReportJson(fullResult());
    expect(text).toBe(golden('report-full.json', text));
  });

  it('metrics-full.txt', () => {
    const text = renderOpenMetrics(fullResult());
    expect(text).toBe(golden('metrics-full.txt', text));
  });

  it('summary-full.html', () => {
    const html = renderSummaryHtml(renderSummary(fullResult()), { title: 'DORA metrics · acme' });
    expect(html).toBe(golden('summary-full.html', html));
  });

  it('summary-computed.md renders a report computed by @dora/core from the full fixture events', () => {
    const fixture = fullResult();
    const report = computeDora(fixture.data, {
      window: { from: fixture.report.window.from, to: fixture.report.window.to },
      benchmark: 'dora-2023',
      minSample: 3,
    });
    const markdown = renderSummary({ ...fixture, report });
    expect(markdown).toBe(golden('summary-computed.md', markdown));
    // The hand-made report and the computed one read the same.
    expect(markdown).toBe(renderSummary(fixture));
  });
});
