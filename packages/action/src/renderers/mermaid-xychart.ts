import { formatNumber } from './format.js';

/** A one-series chart: the part of Mermaid's `xychart-beta` the summary writes and the HTML page draws. */
export interface XyChart {
  title: string;
  kind: 'bar' | 'line';
  labels: string[];
  yLabel: string;
  yMax: number;
  values: number[];
}

// Mermaid strings are double-quoted with no escape syntax: drop what could end them.
function quote(text: string): string {
  return `"${text.replace(/["\n\r]/g, '')}"`;
}

/** A round upper bound for the y axis: 1, 2 or 5 times a power of ten, never below `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

export function toMermaid(chart: XyChart): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(chart.title)}`,
    `  x-axis [${chart.labels.map(quote).join(', ')}]`,
    `  y-axis ${quote(chart.yLabel)} 0 --> ${formatNumber(chart.yMax)}`,
    `  ${chart.kind} [${chart.values.map(formatNumber).join(', ')}]`,
    '```',
  ].join('\n');
}

const QUOTED = /"([^"]*)"/g;

/** Reads back a block written by `toMermaid` (without the fences); null for anything else. */
export function parseMermaidXyChart(source: string): XyChart | null {
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines[0] !== 'xychart-beta') return null;
  let title = '';
  let labels: string[] | null = null;
  let yLabel = '';
  let yMax: number | null = null;
  let series: { kind: 'bar' | 'line'; values: number[] } | null = null;
  for (const line of lines.slice(1)) {
    const titleMatch = /^title "([^"]*)"$/.exec(line);
    const xMatch = /^x-axis \[(.*)\]$/.exec(line);
    const yMatch = /^y-axis "([^"]*)" 0 --> ([\d.]+)$/.exec(line);
    const seriesMatch = /^(bar|line) \[([^\]]*)\]$/.exec(line);
    if (titleMatch) title = titleMatch[1] ?? '';
    else if (xMatch) labels = [...(xMatch[1] ?? '').matchAll(QUOTED)].map((m) => m[1] ?? '');
    else if (yMatch) {
      yLabel = yMatch[1] ?? '';
      yMax = Number(yMatch[2]);
    } else if (seriesMatch) {
      const values = (seriesMatch[2] ?? '').split(',').map((value) => Number(value.trim()));
      series = { kind: seriesMatch[1] === 'bar' ? 'bar' : 'line', values };
    } else return null;
  }
  if (labels === null || yMax === null || series === null) return null;
  if (series.values.length !== labels.length || series.values.some(Number.isNaN)) return null;
  return { title, kind: series.kind, labels, yLabel, yMax, values: series.values };
}
