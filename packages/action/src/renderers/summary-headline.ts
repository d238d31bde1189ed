import type { DoraReport, Level } from '@dora/core';
import type { RunResult } from '../run-info.js';
import {
  daysBetween,
  type FrequencyUnit,
  formatDuration,
  formatFrequency,
  formatInstant,
  formatLevel,
  formatNumber,
  formatPercent,
  frequencyUnit,
  perUnit,
  plural,
} from './format.js';
import { escapeMarkdown } from './markdown-escape.js';

type Measures = Omit<DoraReport, 'previous' | 'series'>;

interface Row {
  name: string;
  value: string;
  level: Level | null;
  sample: string;
  delta: string;
}

const NONE = '—';

function sign(diff: number): string {
  return diff > 0 ? '+' : '−';
}

/** `▲ +0.4 / day, better`: the arrow follows the value, better/worse follows the measure's direction. */
function describeChange(diff: number, text: string, higherIsBetter: boolean): string {
  // What rounds to zero on screen is shown as no change, never as "▲ +0 s, worse".
  if (/^0(?: |$)/.test(text)) return '= no change';
  const better = diff > 0 === higherIsBetter;
  return `${diff > 0 ? '▲' : '▼'} ${sign(diff)}${text}, ${better ? 'better' : 'worse'}`;
}

function durationDelta(current: number | null, previous: number | null | undefined): string {
  if (current === null || previous === null || previous === undefined) return NONE;
  const diff = current - previous;
  return describeChange(diff, formatDuration(diff), false);
}

function rateDelta(current: number | null, previous: number | null | undefined): string {
  if (current === null || previous === null || previous === undefined) return NONE;
  const diff = current - previous;
  return describeChange(diff, `${formatNumber(Math.abs(diff) * 100)} pp`, false);
}

function frequencyDelta(
  current: Measures,
  previous: Measures | undefined,
  unit: FrequencyUnit,
): string {
  if (previous === undefined || previous.deploymentFrequency.deployments === 0) return NONE;
  const diff = perUnit(
    current.deploymentFrequency.perDay - previous.deploymentFrequency.perDay,
    unit,
  );
  return describeChange(diff, `${formatNumber(Math.abs(diff))} / ${unit}`, true);
}

function rows(report: DoraReport): Row[] {
  const previous = report.previous;
  const {
    deploymentFrequency: df,
    leadTime,
    changeFailureRate: cfr,
    recoveryTime,
    timeToRestore,
  } = report;
  const unit = frequencyUnit(df.perDay);
  const excluded = leadTime.excluded > 0 ? `, ${leadTime.excluded} excluded` : '';
  const open = recoveryTime.open > 0 ? `, ${recoveryTime.open} still open` : '';
  return [
    {
      name: 'Deployment frequency',
      value: formatFrequency(df.perDay, unit),
      level: df.level,
      sample: `${plural(df.deployments, 'deployment')} on ${plural(df.deploymentDays, 'day')}`,
      delta: frequencyDelta(report, previous, unit),
    },
    {
      name: 'Lead time for changes (median)',
      value: formatDuration(leadTime.median),
      level: leadTime.level,
      sample: `${plural(leadTime.count, 'change')}${excluded}`,
      delta: durationDelta(leadTime.median, previous?.leadTime.median),
    },
    {
      name: 'Change failure rate',
      value: formatPercent(cfr.rate),
      level: cfr.level,
      sample: `${cfr.failed} of ${plural(cfr.total, 'deployment')}`,
      delta: rateDelta(cfr.rate, previous?.changeFailureRate.rate),
    },
    {
      name: 'Failed deployment recovery time (median)',
      value: formatDuration(recoveryTime.median),
      level: recoveryTime.level,
      sample: `${plural(recoveryTime.count, 'recovery', 'recoveries')}${open}`,
      delta: durationDelta(recoveryTime.median, previous?.recoveryTime.median),
    },
    {
      name: 'Deployment rework rate',
      value: formatPercent(report.reworkRate.rate),
      level: null,
      sample: `${report.reworkRate.rework} of ${plural(report.reworkRate.total, 'deployment')}`,
      delta: rateDelta(report.reworkRate.rate, previous?.reworkRate.rate),
    },
    {
      name: 'Time to restore service (median)',
      value: formatDuration(timeToRestore.median),
      level: null,
      sample: plural(timeToRestore.count, 'incident'),
      delta: durationDelta(timeToRestore.median, previous?.timeToRestore.median),
    },
  ];
}

function repositoriesTitle(repositories: readonly string[]): string {
  const shown = repositories.slice(0, 3).map((r) => escapeMarkdown(r));
  const more = repositories.length - shown.length;
  if (shown.length === 0) return 'DORA metrics';
  if (more > 0) return `DORA metrics for ${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return `DORA metrics for ${shown[0]}`;
  return `DORA metrics for ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

function alert(kind: 'WARNING' | 'NOTE', text: string): string {
  return `> [!${kind}]\n> ${text}`;
}

/** The part that is never trimmed: title, banners, the overall level and the table of measures. */
export function renderHeadline(result: RunResult): string {
  const { report, info } = result;
  const { window } = report;
  const parts = [`## ${repositoriesTitle(info.repositories)}`];
  if (info.partial !== undefined) {
    parts.push(
      alert(
        'WARNING',
        `**Partial report.** The run stopped early: ${escapeMarkdown(info.partial.reason, 300)}. The figures cover only the events collected before it stopped; the next run picks up from there.`,
      ),
    );
  }
  if (!info.state.saved && info.state.backend !== 'none') {
    const why =
      info.state.message === undefined ? '' : `: ${escapeMarkdown(info.state.message, 300)}`;
    parts.push(alert('NOTE', `**State not saved**${why}. The next run collects everything again.`));
  }
  if (report.changeFailureRate.total === 0 && report.deploymentFrequency.deployments === 0) {
    parts.push(
      alert(
        'NOTE',
        `**No production deployment in this window.** Check that the \`environment\` input (${escapeMarkdown(info.environment)}) names the environment your deployments use, and that \`deployment-source\` finds them (see Data coverage below).`,
      ),
    );
  }
  parts.push(
    [
      `**Overall: ${formatLevel(report.overall)}** · benchmark profile \`${report.benchmark.replace(/`/g, '')}\``,
      `Window ${formatInstant(window.from)} → ${formatInstant(window.to)} (${formatNumber(daysBetween(window.from, window.to))} days, end excluded) · environment ${escapeMarkdown(info.environment)}`,
    ].join('<br>\n'),
  );
  const table = [
    '| Measure | Value | Level | Sample | Against the previous window |',
    '| :-- | --: | :-- | :-- | :-- |',
    ...rows(report).map(
      (row) =>
        `| ${row.name} | **${row.value}** | ${row.level === null ? 'not benchmarked' : formatLevel(row.level)} | ${row.sample} | ${row.delta} |`,
    ),
  ];
  parts.push(table.join('\n'));
  return parts.join('\n\n');
}
