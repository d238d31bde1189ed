import type { DoraReport, SeriesPoint } from '@dora/core';
import { niceMax, toMermaid, type XyChart } from './mermaid-xychart.js';

type BucketName = 'day' | 'week' | 'month' | 'quarter';

const DAY_MS = 86_400_000;

/** The bucket size, read from the longest point (the first and last may be cut by the window). */
export function bucketName(series: readonly SeriesPoint[]): BucketName {
  const longest = Math.max(...series.map((p) => Date.parse(p.end) - Date.parse(p.start)));
  if (longest <= DAY_MS) return 'day';
  if (longest <= 7 * DAY_MS) return 'week';
  if (longest <= 31 * DAY_MS) return 'month';
  return 'quarter';
}

function bucketLabel(start: string, bucket: BucketName, sameYear: boolean): string {
  if (bucket === 'quarter') {
    return `${start.slice(0, 4)} Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
  }
  if (bucket === 'month') return start.slice(0, 7);
  return sameYear ? start.slice(5, 10) : start.slice(0, 10);
}

interface Trend {
  title: string;
  kind: XyChart['kind'];
  yLabel: string;
  what: string;
  value: (point: SeriesPoint) => number | null;
}

const TRENDS: Trend[] = [
  {
    title: 'Deployments per',
    kind: 'bar',
    yLabel: 'Deployments',
    what: 'deployment',
    value: (p) => (p.deployments > 0 ? p.deployments : null),
  },
  {
    title: 'Lead time median (hours) per',
    kind: 'line',
    yLabel: 'Hours',
    what: 'lead time',
    value: (p) => (p.leadTimeMedian === null ? null : p.leadTimeMedian / 3600),
  },
  {
    title: 'Change failure rate (%) per',
    kind: 'bar',
    yLabel: '%',
    what: 'change failure rate',
    value: (p) => (p.changeFailureRate === null ? null : p.changeFailureRate * 100),
  },
];

/** Deployments appear in every bucket (zero is data once another bucket has some). */
function trendPoints(series: readonly SeriesPoint[], trend: Trend): SeriesPoint[] {
  return series.filter((point) => trend.value(point) !== null);
}

/**
 * Mermaid bar/line charts of the series, one per measure; a measure with data in fewer than two buckets gets
 * a sentence instead of a one-point chart. Buckets without a lead-time or failure-rate value are left out of
 * that chart rather than drawn as zero (null means no data, never zero).
 */
export function renderTrends(report: DoraReport): string {
  const series = report.series;
  const bucket = series.length > 0 ? bucketName(series) : 'week';
  const sameYear = new Set(series.map((p) => p.start.slice(0, 4))).size <= 1;
  const parts = ['### Trends'];
  for (const trend of TRENDS) {
    const withData = trendPoints(series, trend);
    if (withData.length < 2) {
      parts.push(
        `_No ${trend.what} trend: it needs data in at least 2 ${bucket}s, and this window has ${withData.length}._`,
      );
      continue;
    }
    const points = trend.kind === 'bar' && trend.what === 'deployment' ? series : withData;
    const values = points.map((p) => trend.value(p) ?? 0);
    parts.push(
      toMermaid({
        title: `${trend.title} ${bucket}`,
        kind: trend.kind,
        labels: points.map((p) => bucketLabel(p.start, bucket, sameYear)),
        yLabel: trend.yLabel,
        yMax: niceMax(Math.max(...values)),
        values,
      }),
    );
  }
  return parts.join('\n\n');
}
