import type { Distribution, DoraReport } from '@dora/core';
import type { RunInfo } from '../run-info.js';
import type { DetailsTable } from './details-table.js';
import { daysBetween, formatDuration, formatInstant, formatNumber, plural } from './format.js';
import { escapeMarkdown } from './markdown-escape.js';

const SOURCE_NAMES: Record<string, string> = {
  deployments: 'GitHub Deployments',
  'workflow-runs': 'workflow runs',
  releases: 'releases',
  merges: 'merged pull requests',
  'github-pull-requests': 'GitHub pull requests',
  'github-issues': 'GitHub issues',
  pagerduty: 'PagerDuty',
};

function source(name: string): string {
  return escapeMarkdown(SOURCE_NAMES[name] ?? name);
}

function range(from: string, to: string): string {
  return `${formatInstant(from)} → ${formatInstant(to)} (${formatNumber(daysBetween(from, to))} days)`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Percentiles of the three duration measures, for readers who distrust a median alone. */
export function renderDistributions(report: DoraReport): string {
  const row = (name: string, d: Distribution): string =>
    `| ${name} | ${d.count} | ${[d.median, d.p75, d.p90, d.p95, d.mean, d.min, d.max].map(formatDuration).join(' | ')} |`;
  return [
    '<details><summary><b>Distributions</b></summary>',
    [
      '| Measure | Samples | Median | p75 | p90 | p95 | Mean | Min | Max |',
      '| :-- | --: | --: | --: | --: | --: | --: | --: | --: |',
      row('Lead time for changes', report.leadTime),
      row('Failed deployment recovery time', report.recoveryTime),
      row('Time to restore service', report.timeToRestore),
    ].join('\n'),
    'Percentiles interpolate linearly between closest ranks (PostgreSQL `percentile_cont`).',
    '</details>',
  ].join('\n\n');
}

/** Where the numbers come from: repositories, sources, windows, events; the baselines as a table. */
export function coverageTable(report: DoraReport, info: RunInfo): DetailsTable {
  const deploymentSources = Object.entries(info.sources.deployments)
    .map(([repository, name]) => `${escapeMarkdown(repository)}: ${source(name)}`)
    .join(', ');
  const incidentSources =
    info.sources.incidents.length === 0 ? 'none' : info.sources.incidents.map(source).join(', ');
  const lines = [
    `- **Repositories:** ${info.repositories.map((r) => escapeMarkdown(r)).join(', ') || 'none'}`,
    `- **Production environment:** ${escapeMarkdown(info.environment)}`,
    `- **Deployments from:** ${deploymentSources || 'none'}`,
    `- **Changes from:** ${source(info.sources.changes)} · **incidents from:** ${incidentSources}`,
    `- **Report window:** ${range(report.window.from, report.window.to)}`,
    ...(report.previous === undefined
      ? []
      : [`- **Compared with:** ${range(report.previous.window.from, report.previous.window.to)}`]),
    `- **Events collected:** ${plural(info.events.deployments, 'deployment')}, ${plural(info.events.changes, 'change')}, ${plural(info.events.incidents, 'incident')} over ${range(info.collected.from, info.collected.to)}`,
  ];
  return {
    summary: '<b>Data coverage</b>',
    intro: [
      lines.join('\n'),
      '**First-deployment baselines.** The first deployment seen per repository and environment would otherwise absorb every older change; changes older than the bound were not attributed to it.',
    ],
    columns: ['Repository', 'Environment', 'First deployment', 'Finished', 'Changes bounded at'],
    align: [':--', ':--', ':--', ':--', ':--'],
    rows: info.baselines.map((b) => [
      escapeMarkdown(b.repository),
      escapeMarkdown(b.environment),
      escapeMarkdown(b.deploymentId),
      formatInstant(b.finishedAt),
      formatInstant(b.boundedAt),
    ]),
    noun: 'baselines',
    empty: '_No baseline: no deployment was found._',
  };
}

function stateLine(info: RunInfo): string {
  const { state } = info;
  if (state.backend === 'none') return '- **State:** none kept (every run collects everything)';
  const backend = state.backend === 'actions-cache' ? 'Actions cache' : 'file';
  const why = state.message === undefined ? '' : ` (${escapeMarkdown(state.message, 300)})`;
  const restored = state.restored ? 'restored' : 'not restored';
  const saved = state.saved ? 'saved' : 'not saved';
  return `- **State** (${backend}): ${restored}, ${saved}${state.restored && state.saved ? '' : why}`;
}

/** API budget spent and left, and what happened to the incremental state. */
export function renderRunDetails(info: RunInfo): string {
  const { api } = info;
  const remaining = [
    api.githubRemaining === null ? null : `REST ${count(api.githubRemaining)}`,
    api.graphqlRemaining === null ? null : `GraphQL ${count(api.graphqlRemaining)}`,
  ].filter((v) => v !== null);
  const lines = [
    `- **GitHub API:** ${plural(api.github, 'request')} (${count(api.notModified)} answered 304 Not Modified, free)${remaining.length > 0 ? `; lowest remaining: ${remaining.join(', ')}` : ''}`,
    `- **PagerDuty API:** ${plural(api.pagerduty, 'request')}`,
    stateLine(info),
  ];
  return [
    '<details><summary><b>API requests and state</b></summary>',
    lines.join('\n'),
    '</details>',
  ].join('\n\n');
}

/** The one-line footer: when, and how much it cost. */
export function renderFooter(info: RunInfo): string {
  const state =
    info.state.backend === 'none'
      ? 'no state kept'
      : `state ${info.state.restored ? 'restored' : 'not restored'}, ${info.state.saved ? 'saved' : 'not saved'}`;
  return `<sub>Generated ${formatInstant(info.generatedAt)} by dora-action · ${plural(info.api.github, 'GitHub request')} · ${state}</sub>`;
}
