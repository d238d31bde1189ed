import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown-escape.js';
import { renderSummary } from './summary.js';
import { renderSummaryHtml } from './summary-html.js';
import { emptyResult, fullResult, hostileResult, partialResult } from './test-fixtures.js';

describe('renderSummaryHtml', () => {
  it('is one self-contained page: inline style, no script, nothing fetched', () => {
    const html = renderSummaryHtml(renderSummary(fullResult()));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<title>DORA metrics</title>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s]*/g)).toEqual([
      'http://www.w3.org/2000/svg',
      'http://www.w3.org/2000/svg',
      'http://www.w3.org/2000/svg',
    ]);
  });

  it('draws the three Mermaid charts as inline SVG instead of code blocks', () => {
    const html = renderSummaryHtml(renderSummary(fullResult()));
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toContain('xychart-beta');
    expect(html).toContain('aria-label="Deployments per week"');
  });

  it('renders tables, details and level dots', () => {
    const html = renderSummaryHtml(renderSummary(fullResult()));
    expect(html).toContain('<details><summary><b>Slowest changes</b> (14)</summary>');
    expect(html).toContain('<td align="right"><strong>1 d 5 h</strong></td>');
    expect(html).toContain('<span class="level level-high" aria-hidden="true"></span> High');
    expect(html).toContain('<td align="left">acme/shop#19</td>');
  });

  it('turns the partial banner into a warning box', () => {
    const html = renderSummaryHtml(renderSummary(partialResult()));
    expect(html).toContain(
      '<div class="alert alert-warning">\n<p class="alert-title">⚠️ Warning</p>\n<p><strong>Partial report.</strong>',
    );
    expect(html).not.toContain('[!WARNING]');
  });

  it('shows hostile text as text', () => {
    const html = renderSummaryHtml(renderSummary(hostileResult()));
    expect(html).not.toMatch(/<img|<script|<\/td><script|href="javascript|<b>x<\/b>/i);
    expect(html).toContain(
      '<td align="left">&lt;img src=x onerror=alert(1)&gt; | **bold** [x](javascript:alert(1)) `code` @\u200Borg/team # heading - item</td>',
    );
  });

  it('keeps only the summary tags when given raw HTML and unsafe links', () => {
    const html = renderSummaryHtml(
      '<iframe src="https://x"></iframe>\n\n<details open><summary>ok</summary>\n\n[a](javascript:alert(1)) [b](https://example.com) ![i](https://x/i.png)\n\n</details>\n',
      { title: '<T>' },
    );
    expect(html).toContain('&lt;iframe src=&quot;https://x&quot;&gt;&lt;/iframe&gt;');
    expect(html).toContain('<details open><summary>ok</summary>');
    expect(html).toContain(
      '<p>a <a href="https://example.com" rel="noopener noreferrer">b</a> i</p>',
    );
    expect(html).toContain('<title>&lt;T&gt;</title>');
  });

  it('does not autolink an escaped bare URL', () => {
    const html = renderSummaryHtml(
      `| a |\n| -- |\n| ${escapeMarkdown('https://evil.example www.evil.example')} |\n`,
    );
    expect(html).not.toContain('<a ');
    expect(html).toContain('<td>https://evil.example www.evil.example</td>');
  });

  it('renders the empty run without charts', () => {
    const html = renderSummaryHtml(renderSummary(emptyResult()));
    expect(html).not.toContain('<svg');
    expect(html).toContain('No deployment trend');
  });
});
