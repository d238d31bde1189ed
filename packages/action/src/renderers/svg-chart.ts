import { formatNumber } from './format.js';
import type { XyChart } from './mermaid-xychart.js';

const WIDTH = 420;
const HEIGHT = 240;
const MARGIN = { top: 40, right: 12, bottom: 36, left: 48 };
// Below these slot widths (px per category) labels are slanted and values on bars are left out.
const SLANT_BELOW = 44;
const VALUES_BELOW = 26;

/** 4 grid intervals for a 2-based maximum (0.5 steps), 5 for 1- and 5-based ones: round tick labels. */
export function gridIntervals(yMax: number): number {
  const leading = Math.round(yMax / 10 ** Math.floor(Math.log10(yMax)));
  return leading === 2 ? 4 : 5;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function textAt(x: number, y: number, text: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}"${attributes}>${escapeXml(text)}</text>`;
}

/**
 * Draws a Mermaid xychart as an inline SVG (no script, no network): y grid with labels, one bar or one line
 * series with its values written on it, category labels below. `color` is any CSS colour.
 */
export function renderSvgChart(chart: XyChart, color: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const slot = plotWidth / Math.max(1, chart.values.length);
  const bottom = slot < SLANT_BELOW ? MARGIN.bottom + 20 : MARGIN.bottom;
  const height = HEIGHT + bottom - MARGIN.bottom;
  const plotHeight = height - MARGIN.top - bottom;
  const y = (value: number): number =>
    MARGIN.top + plotHeight - (Math.max(0, Math.min(value, chart.yMax)) / chart.yMax) * plotHeight;
  const x = (index: number): number => MARGIN.left + slot * (index + 0.5);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(chart.title)}">`,
    textAt(WIDTH / 2, 22, chart.title, ' class="chart-title" text-anchor="middle"'),
    textAt(
      14,
      MARGIN.top + plotHeight / 2,
      chart.yLabel,
      ` class="axis-label" text-anchor="middle" transform="rotate(-90 14 ${round(MARGIN.top + plotHeight / 2)})"`,
    ),
  ];
  const intervals = gridIntervals(chart.yMax);
  for (let step = 0; step <= intervals; step += 1) {
    const value = (chart.yMax * step) / intervals;
    const gy = y(value);
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${round(gy)}" y2="${round(gy)}"/>`,
      textAt(MARGIN.left - 6, gy + 4, formatNumber(value), ' class="tick" text-anchor="end"'),
    );
  }
  if (chart.kind === 'bar') {
    const barWidth = Math.min(48, slot * 0.6);
    chart.values.forEach((value, index) => {
      const top = y(value);
      parts.push(
        `<rect x="${round(x(index) - barWidth / 2)}" y="${round(top)}" width="${round(barWidth)}" height="${round(MARGIN.top + plotHeight - top)}" rx="2" fill="${escapeXml(color)}"/>`,
      );
      if (slot >= VALUES_BELOW) {
        parts.push(
          textAt(x(index), top - 5, formatNumber(value), ' class="value" text-anchor="middle"'),
        );
      }
    });
  } else {
    const points = chart.values.map((value, index) => `${round(x(index))},${round(y(value))}`);
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${escapeXml(color)}" stroke-width="2.5" stroke-linejoin="round"/>`,
    );
    chart.values.forEach((value, index) => {
      parts.push(
        `<circle cx="${round(x(index))}" cy="${round(y(value))}" r="4" fill="#ffffff" stroke="${escapeXml(color)}" stroke-width="2"/>`,
      );
      if (slot >= VALUES_BELOW) {
        parts.push(
          textAt(
            x(index),
            y(value) - 9,
            formatNumber(value),
            ' class="value" text-anchor="middle"',
          ),
        );
      }
    });
  }
  const labelY = height - bottom + 16;
  chart.labels.forEach((label, index) => {
    const slant = ` text-anchor="end" transform="rotate(-40 ${round(x(index))} ${round(labelY)})"`;
    parts.push(
      textAt(
        x(index),
        labelY,
        label,
        ` class="tick"${slot < SLANT_BELOW ? slant : ' text-anchor="middle"'}`,
      ),
    );
  });
  parts.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}"/>`,
    '</svg>',
  );
  return parts.join('\n');
}
