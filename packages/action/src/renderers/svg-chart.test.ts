import { describe, expect, it } from 'vitest';
import { escapeXml, gridIntervals, renderSvgChart } from './svg-chart.js';

describe('renderSvgChart', () => {
  it('draws bars to scale from the y maximum', () => {
    const svg = renderSvgChart(
      { title: 'T', kind: 'bar', labels: ['a', 'b'], yLabel: 'n', yMax: 4, values: [4, 1] },
      '#2da44e',
    );
    // Plot area 164 px high (240 − 40 − 36): a full bar is 164 px, a quarter bar 41 px.
    expect(svg).toContain('height="164" rx="2" fill="#2da44e"');
    expect(svg).toContain('height="41" rx="2" fill="#2da44e"');
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('draws a line through one point per value', () => {
    const svg = renderSvgChart(
      {
        title: 'T',
        kind: 'line',
        labels: ['a', 'b', 'c'],
        yLabel: 'h',
        yMax: 10,
        values: [0, 5, 10],
      },
      '#0969da',
    );
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toMatch(/<polyline points="[\d.]+,204 [\d.]+,122 [\d.]+,40"/);
  });

  it('escapes text and slants crowded labels', () => {
    const labels = Array.from({ length: 13 }, (_, i) => `<w${i}>`);
    const svg = renderSvgChart(
      { title: '<script>', kind: 'bar', labels, yLabel: '"', yMax: 1, values: labels.map(() => 1) },
      'red',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&lt;w12&gt;');
    expect(svg).toContain('text-anchor="end" transform="rotate(-40');
  });

  it('picks round grid steps', () => {
    expect([1, 2, 5, 10, 20, 50, 200].map(gridIntervals)).toEqual([5, 4, 5, 5, 4, 5, 4]);
    expect(escapeXml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });
});
