import { describe, expect, it } from 'vitest';
import { niceMax, parseMermaidXyChart, toMermaid, type XyChart } from './mermaid-xychart.js';

const chart: XyChart = {
  title: 'Deployments per week',
  kind: 'bar',
  labels: ['10-21', '10-26'],
  yLabel: 'Deployments',
  yMax: 5,
  values: [3, 1.25],
};

describe('Mermaid xychart', () => {
  it('writes a fenced xychart-beta block', () => {
    expect(toMermaid(chart)).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Deployments per week"',
        '  x-axis ["10-21", "10-26"]',
        '  y-axis "Deployments" 0 --> 5',
        '  bar [3, 1.3]',
        '```',
      ].join('\n'),
    );
  });

  it('reads back what it wrote', () => {
    const body = toMermaid({ ...chart, values: [3, 1.5], kind: 'line' })
      .split('\n')
      .slice(1, -1)
      .join('\n');
    expect(parseMermaidXyChart(body)).toEqual({ ...chart, values: [3, 1.5], kind: 'line' });
  });

  it('drops quotes from titles and labels so they cannot end the string', () => {
    expect(toMermaid({ ...chart, title: 'a "b"\nc' })).toContain('  title "a bc"');
  });

  it('refuses other diagrams and malformed charts', () => {
    expect(parseMermaidXyChart('graph TD\n  a --> b')).toBeNull();
    expect(
      parseMermaidXyChart('xychart-beta\n  x-axis ["a"]\n  y-axis "y" 0 --> 5\n  bar [1, 2]'),
    ).toBeNull();
    expect(
      parseMermaidXyChart('xychart-beta\n  x-axis ["a"]\n  y-axis "y" 0 --> 5\n  pie [1]'),
    ).toBeNull();
  });

  it('rounds the y axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 3, 5, 7, 33.3, 100, 144, 250].map(niceMax)).toEqual([
      1, 0.5, 1, 5, 5, 10, 50, 100, 200, 500,
    ]);
  });
});
