import { describe, expect, it } from 'vitest';
import type { RunResult } from '../run-info.js';
import { byteLength } from './markdown-escape.js';
import { renderSummary, STEP_SUMMARY_LIMIT } from './summary.js';
import { renderHeadline } from './summary-headline.js';
import {
  emptyResult,
  fullResult,
  HOSTILE_TEXT,
  hostileResult,
  partialResult,
  unsavedResult,
} from './test-fixtures.js';

function headlineRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Measure'));
}

/** Cells of a Markdown table row, splitting only on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

describe('renderSummary: headline', () => {
  it('shows value, level, sample and change for each measure of the full run', () => {
    const rows = headlineRows(renderSummary(fullResult())).slice(1, 7).map(cells);
    expect(rows).toEqual([
      [
        'Deployment frequency',
        '**2.6 / week**',
        '🟩 High',
        '11 deployments on 10 days',
        '▲ +2.1 / week, better',
      ],
      [
        'Lead time for changes (median)',
        '**1 d 5 h**',
        '🟩 High',
        '14 changes',
        '▼ −1 d 3 h, better',
      ],
      ['Change failure rate', '**30.8 %**', '🟠 Low', '4 of 13 deployments', '▲ +30.8 pp, worse'],
      [
        'Failed deployment recovery time (median)',
        '**2 h 53 min**',
        '🟩 High',
        '4 recoveries',
        '—',
      ],
      [
        'Deployment rework rate',
        '**9.1 %**',
        'not benchmarked',
        '1 of 11 deployments',
        '▲ +9.1 pp, worse',
      ],
      [
        'Time to restore service (median)',
        '**14 h 15 min**',
        'not benchmarked',
        '2 incidents',
        '—',
      ],
    ]);
  });

  it('states the overall level, the profile, the window and the environment', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown).toContain('**Overall: 🟠 Low** · benchmark profile `dora-2023`<br>');
    expect(markdown).toContain(
      'Window 2026-10-21 → 2026-11-20 (30 days, end excluded) · environment production',
    );
  });

  it('says "no data" and "—" for an empty run, never zero durations', () => {
    const rows = headlineRows(renderSummary(emptyResult())).slice(1, 7).map(cells);
    expect(rows.map((row) => row[1])).toEqual([
      '**0 / week**',
      '**no data**',
      '**no data**',
      '**no data**',
      '**no data**',
      '**no data**',
    ]);
    expect(rows.map((row) => row[2])).toEqual([
      '⚪ Insufficient data',
      '⚪ Insufficient data',
      '⚪ Insufficient data',
      '⚪ Insufficient data',
      'not benchmarked',
      'not benchmarked',
    ]);
    expect(rows.every((row) => row[4] === '—')).toBe(true);
    expect(renderSummary(emptyResult())).toContain(
      '> [!NOTE]\n> **No production deployment in this window.** Check that the `environment` input (production)',
    );
    expect(renderSummary(fullResult())).not.toContain('No production deployment');
  });

  it('turns better into worse when the direction flips, and shows no change as such', () => {
    const result = fullResult();
    const previous = result.report.previous;
    if (previous === undefined) throw new Error('fixture has a previous window');
    previous.leadTime.median = 50_000;
    previous.changeFailureRate.rate = 0.5;
    previous.reworkRate.rate = 1 / 11;
    previous.deploymentFrequency.perDay = 0.5;
    const rows = headlineRows(renderSummary(result)).slice(1, 7).map(cells);
    expect(rows[0]?.[4]).toBe('▼ −0.9 / week, worse');
    expect(rows[1]?.[4]).toBe('▲ +14 h 52 min, worse');
    expect(rows[2]?.[4]).toBe('▼ −19.2 pp, better');
    expect(rows[4]?.[4]).toBe('= no change');
  });
});

describe('renderSummary: trends', () => {
  it('writes three Mermaid xychart blocks with the per-bucket values', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown.match(/```mermaid\nxychart-beta/g)).toHaveLength(3);
    expect(markdown).toContain('  bar [3, 1, 4, 2, 1]');
    expect(markdown).toContain('  line [34.5, 47, 26.5, 26.3, 31]');
    expect(markdown).toContain('  bar [25, 100, 25, 33.3, 0]');
    expect(markdown).toContain('  x-axis ["10-21", "10-26", "11-02", "11-09", "11-16"]');
  });

  it('skips a chart with fewer than two buckets of data, saying why', () => {
    const result = fullResult();
    result.report.series = result.report.series.map((point, index) =>
      index === 2 ? point : { ...point, leadTimeMedian: null, changeFailureRate: null },
    );
    const markdown = renderSummary(result);
    expect(markdown.match(/```mermaid/g)).toHaveLength(1);
    expect(markdown).toContain(
      '_No lead time trend: it needs data in at least 2 weeks, and this window has 1._',
    );
    expect(markdown).toContain(
      '_No change failure rate trend: it needs data in at least 2 weeks, and this window has 1._',
    );
  });

  it('draws no chart at all for the empty run', () => {
    const markdown = renderSummary(emptyResult());
    expect(markdown).not.toContain('```mermaid');
    expect(markdown).toContain(
      '_No deployment trend: it needs data in at least 2 weeks, and this window has 0._',
    );
  });
});

describe('renderSummary: evidence and run details', () => {
  it('lists the slowest changes first with title, author and deployment', () => {
    const markdown = renderSummary(fullResult());
    const first = markdown.indexOf('| acme/shop\\#19 | Wishlist sharing | erin | 6 d |');
    const second = markdown.indexOf('| acme/shop\\#15 | Search by colour | dave | 3 d 22 h |');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });

  it('gives every failed deployment its reasons and its recovery', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown).toContain(
      '| acme/shop:deployment:104 | 2026-10-29 09:00 UTC | incident pagerduty:PINC1 | 4 h 30 min |',
    );
    expect(markdown).toContain(
      '| acme/shop:deployment:106 | 2026-11-05 08:00 UTC | reverted by acme/shop\\#18 | 6 h |',
    );
  });

  it('shows incidents with their recovery, open ones as open', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown).toContain(
      '| pagerduty:PINC2 | acme/shop · checkout | 2026-11-19 06:00 UTC | open | open | — |',
    );
  });

  it('reports coverage, baselines, API use and state', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown).toContain(
      '- **Deployments from:** acme/shop: GitHub Deployments, acme/api: workflow runs',
    );
    expect(markdown).toContain(
      '| acme/shop | production | acme/shop:deployment:99 | 2026-10-10 12:00 UTC | 2026-09-20 |',
    );
    expect(markdown).toContain(
      '- **GitHub API:** 57 requests (12 answered 304 Not Modified, free); lowest remaining: REST 4,943, GraphQL 4,980',
    );
    expect(markdown).toContain('- **State** (Actions cache): restored, saved');
  });
});

describe('renderSummary: banners', () => {
  it('puts a partial banner right under the title, only for partial runs', () => {
    const partial = renderSummary(partialResult());
    const lines = partial.split('\n');
    expect(lines[2]).toBe('> [!WARNING]');
    expect(lines[3]).toMatch(
      /^> \*\*Partial report\.\*\* The run stopped early: GitHub rate limit/,
    );
    expect(partial).toContain(
      '### Warnings\n\n- acme/api: pull requests collected up to 2026\\-11\\-12',
    );
    expect(renderSummary(fullResult())).not.toContain('Partial report');
  });

  it('says when and why the state was not saved', () => {
    const markdown = renderSummary(unsavedResult());
    expect(markdown).toContain(
      '> [!NOTE]\n> **State not saved**: cache service unavailable \\(HTTP 503\\); the next run collects everything again. The next run collects everything again.',
    );
    expect(markdown).toContain(
      '- **State** (Actions cache): not restored, not saved (cache service unavailable \\(HTTP 503\\); the next run collects everything again)',
    );
  });
});

describe('renderSummary: hostile text', () => {
  const markdown = renderSummary(hostileResult());

  it('lets no raw HTML, link, image or mention through', () => {
    expect(markdown).not.toMatch(/<img|<script|<\/td>|<b>x/i);
    expect(markdown).not.toContain('](javascript');
    expect(markdown).not.toMatch(/@org\/team|@octocat/);
    expect(markdown).not.toContain('**bold**');
    expect(markdown).not.toContain(HOSTILE_TEXT);
    expect(markdown).not.toContain('</details><details open>');
  });

  it('keeps every table row at its header column count, on one line', () => {
    const lines = markdown.split('\n');
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const count = cells(line).length;
      if (columns === 0) columns = count;
      expect(count, line).toBe(columns);
    }
  });

  it('keeps the heading and list out of the titles', () => {
    expect(markdown).not.toMatch(/^# heading/m);
    expect(markdown).not.toMatch(/^- item/m);
    expect(markdown).not.toMatch(/^## injected heading/m);
  });
});

function oversized(): RunResult {
  const result = fullResult();
  const title = 'A rather long pull request title that keeps going for a while: 🚀 '.repeat(2);
  for (let i = 0; i < 30_000; i += 1) {
    const id = `acme/shop#${1000 + i}`;
    result.data.changes.push({ id, firstCommitAt: '2026-11-01T00:00:00Z', title, author: 'bot' });
    result.data.deployments.push({
      id: `acme/shop:run:${i}`,
      environment: 'production',
      status: 'failure',
      finishedAt: '2026-11-02T00:00:00Z',
      repository: 'acme/shop',
    });
    result.report.audit.leadTimes.push({
      changeId: id,
      deploymentId: 'acme/shop:run:0',
      seconds: 90_000 + i,
    });
    result.report.audit.failures.push({
      deploymentId: `acme/shop:run:${i}`,
      reasons: [{ kind: 'deployment-failed' }, { kind: 'incident', ref: `pagerduty:P${i}` }],
    });
  }
  return result;
}

describe('renderSummary: the 1 MiB step-summary limit', () => {
  const big = oversized();

  it('trims the longest evidence table, keeps the headline, and says how many rows were left out', () => {
    const markdown = renderSummary(big);
    expect(byteLength(markdown)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(byteLength(markdown)).toBeGreaterThan(STEP_SUMMARY_LIMIT - 64 * 1024);
    expect(markdown.startsWith(renderHeadline(big))).toBe(true);
    const shown = markdown.match(/^\| acme\/shop:run:\d+ \|/gm)?.length ?? 0;
    const note =
      /_([\d,]+) more failed deployments left out to keep the summary under GitHub's 1 MiB limit/.exec(
        markdown,
      );
    expect(shown).toBeGreaterThan(1000);
    // The two failures finished before 11-02 come first; the two after it are among those left out.
    expect(Number(note?.[1]?.replace(/,/g, ''))).toBe(30_004 - shown - 2);
    expect(markdown).toContain('The 25 slowest of 30,014 changes with a lead time.');
    expect(markdown).toContain('<sub>Generated 2026-11-20 00:05 UTC by dora-action');
  });

  it('fits a tight budget by cutting the largest table hardest, never the headline', () => {
    const markdown = renderSummary(big, { maxBytes: 16_000 });
    expect(byteLength(markdown)).toBeLessThanOrEqual(16_000);
    expect(markdown.startsWith(renderHeadline(big))).toBe(true);
    const shown = markdown.match(/^\| acme\/shop:(?:run|deployment):\d+ \|/gm)?.length ?? 0;
    const note = /_([\d,]+) more failed deployments left out/.exec(markdown);
    expect(shown + Number(note?.[1]?.replace(/,/g, ''))).toBe(30_004);
    expect(shown).toBeGreaterThan(10);
  });

  it('cuts at a line end with a note when even the headline does not fit', () => {
    const markdown = renderSummary(fullResult(), { maxBytes: 600 });
    expect(byteLength(markdown)).toBeLessThanOrEqual(600);
    expect(markdown).toMatch(/^## DORA metrics for acme\/shop and acme\/api\n/);
    expect(
      markdown.endsWith("_The rest of this summary was cut to fit GitHub's 1 MiB limit._\n"),
    ).toBe(true);
  });

  it('leaves a summary that fits untouched', () => {
    const markdown = renderSummary(fullResult());
    expect(markdown).not.toContain('left out');
    expect(renderSummary(fullResult(), { maxBytes: byteLength(markdown) })).toBe(markdown);
  });
});
