/**
 * Prints a DORA report from a JSON file of events, using only the public API of `@dora/core`.
 * Usage: tsx report.ts events.json
 * The file holds { window: { from, to }, deployments: [...], changes: [...], incidents: [...] }.
 */
import { readFileSync } from 'node:fs';
import {
  computeDora,
  type DoraData,
  DoraInputError,
  type DoraReport,
  type Level,
} from '@dora/core';

interface EventsFile extends DoraData {
  window: { from: string; to: string };
}

const HOUR = 3600;
const DAY = 24 * HOUR;

function duration(seconds: number | null): string {
  if (seconds === null) return 'no data';
  if (seconds < HOUR) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 2 * DAY) return `${(seconds / HOUR).toFixed(1)} h`;
  return `${(seconds / DAY).toFixed(1)} d`;
}

const percent = (rate: number | null): string =>
  rate === null ? 'no data' : `${(rate * 100).toFixed(1)}%`;
const level = (l: Level): string => (l === 'insufficient-data' ? 'insufficient data' : l);
const line = (label: string, value: string, rating?: Level): string =>
  `${label.padEnd(23)}${value.padEnd(58)}${rating ? level(rating) : ''}`.trimEnd();

function formatReport(r: DoraReport): string {
  const days = (Date.parse(r.window.to) - Date.parse(r.window.from)) / (DAY * 1000);
  const df = r.deploymentFrequency;
  const lt = r.leadTime;
  const cfr = r.changeFailureRate;
  const rt = r.recoveryTime;
  const out = [
    `DORA report ${r.window.from.slice(0, 10)} to ${r.window.to.slice(0, 10)} (${days} days), benchmark ${r.benchmark}`,
    '',
    line(
      'Deployment frequency',
      `${df.deployments} deployments, ${df.perWeek.toFixed(2)} per week, ${df.deploymentDays} deployment days`,
      df.level,
    ),
    line(
      'Lead time for changes',
      `median ${duration(lt.median)}, p90 ${duration(lt.p90)} (${lt.count} changes, ${lt.excluded} excluded)`,
      lt.level,
    ),
    line(
      'Change failure rate',
      `${percent(cfr.rate)} (${cfr.failed} of ${cfr.total} deployments)`,
      cfr.level,
    ),
    line(
      'Recovery time',
      `median ${duration(rt.median)} (${rt.count} recovered, ${rt.open} open)`,
      rt.level,
    ),
    line(
      'Time to restore',
      `median ${duration(r.timeToRestore.median)} (${r.timeToRestore.count} incidents resolved)`,
    ),
    line(
      'Rework rate',
      `${percent(r.reworkRate.rate)} (${r.reworkRate.rework} of ${r.reworkRate.total} deployments)`,
    ),
    line('Overall', level(r.overall)),
  ];
  if (r.previous) {
    const p = r.previous;
    out.push(
      '',
      `Previous ${days} days: ${p.deploymentFrequency.deployments} deployments, lead time median ${duration(p.leadTime.median)}, change failure rate ${percent(p.changeFailureRate.rate)}`,
    );
  }
  if (r.audit.failures.length > 0) {
    out.push('', 'Failed deployments');
    for (const f of r.audit.failures) {
      const reasons = f.reasons.map((x) => (x.ref ? `${x.kind} ${x.ref}` : x.kind)).join(', ');
      out.push(`  ${f.deploymentId.padEnd(20)} ${reasons}`);
    }
  }
  return out.join('\n');
}

function main(path: string | undefined): number {
  if (!path) {
    console.error('usage: report.ts <events.json>');
    return 2;
  }
  const events = JSON.parse(readFileSync(path, 'utf8')) as EventsFile;
  try {
    const { window, deployments, changes, incidents } = events;
    console.log(formatReport(computeDora({ deployments, changes, incidents }, { window })));
    return 0;
  } catch (error) {
    if (error instanceof DoraInputError) {
      console.error(`${path}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv[2]);
