import type { Change, Deployment, Incident, Instant } from '@dora/core';
import type { RunResult } from '../run-info.js';
import type { DetailsTable } from './details-table.js';
import { formatDuration, formatInstant, plural } from './format.js';
import { escapeMarkdown } from './markdown-escape.js';
import { recoverySamples } from './recovery.js';

/** Rows shown in the slowest-changes table before any budget trimming. */
export const SLOWEST_CHANGES = 25;

function iso(instant: Instant | undefined): string {
  if (instant === undefined) return '';
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toISOString();
}

function when(instant: Instant | undefined): string {
  return instant === undefined ? '—' : formatInstant(iso(instant));
}

function text(value: string | undefined): string {
  return value === undefined || value === '' ? '—' : escapeMarkdown(value);
}

function slowestChanges(result: RunResult): DetailsTable {
  const changes = new Map<string, Change>(result.data.changes.map((c) => [c.id, c]));
  const deployments = new Map<string, Deployment>(result.data.deployments.map((d) => [d.id, d]));
  const samples = [...result.report.audit.leadTimes].sort(
    (a, b) => b.seconds - a.seconds || (a.changeId < b.changeId ? -1 : 1),
  );
  const shown = samples.slice(0, SLOWEST_CHANGES);
  const intro =
    samples.length > shown.length
      ? [`The ${shown.length} slowest of ${plural(samples.length, 'change')} with a lead time.`]
      : [];
  return {
    summary: `<b>Slowest changes</b> (${samples.length})`,
    intro,
    columns: ['Change', 'Title', 'Author', 'Lead time', 'Deployment', 'Deployed'],
    align: [':--', ':--', ':--', '--:', ':--', ':--'],
    rows: shown.map((sample) => {
      const change = changes.get(sample.changeId);
      const deployment = deployments.get(sample.deploymentId);
      return [
        escapeMarkdown(sample.changeId),
        text(change?.title),
        text(change?.author),
        formatDuration(sample.seconds),
        escapeMarkdown(sample.deploymentId),
        when(deployment?.finishedAt),
      ];
    }),
    noun: 'changes',
    empty: '_No change reached production in this window._',
  };
}

const REASON_LABEL: Record<string, string> = {
  'deployment-failed': 'deployment failed',
  incident: 'incident',
  rollback: 'rolled back',
  reverted: 'reverted by',
  'hotfix-followup': 'hotfix followed in',
};

function failedDeployments(result: RunResult): DetailsTable {
  const deployments = new Map(result.data.deployments.map((d) => [d.id, d]));
  const recovery = new Map(
    recoverySamples(result.data, result.report.audit).map((s) => [s.deployment.id, s.seconds]),
  );
  const finished = new Map(
    result.report.audit.failures.map((f) => [
      f.deploymentId,
      iso(deployments.get(f.deploymentId)?.finishedAt),
    ]),
  );
  const failures = [...result.report.audit.failures].sort((a, b) => {
    const at = finished.get(a.deploymentId) ?? '';
    const bt = finished.get(b.deploymentId) ?? '';
    return at === bt ? (a.deploymentId < b.deploymentId ? -1 : 1) : at < bt ? -1 : 1;
  });
  return {
    summary: `<b>Failed deployments</b> (${failures.length})`,
    intro: [],
    columns: ['Deployment', 'Finished', 'Why it counts as failed', 'Recovered after'],
    align: [':--', ':--', ':--', '--:'],
    rows: failures.map((failure) => {
      const reasons = failure.reasons.map((reason) => {
        const label = escapeMarkdown(REASON_LABEL[reason.kind] ?? reason.kind);
        return reason.ref === undefined ? label : `${label} ${escapeMarkdown(reason.ref)}`;
      });
      const seconds = recovery.get(failure.deploymentId);
      return [
        escapeMarkdown(failure.deploymentId),
        when(deployments.get(failure.deploymentId)?.finishedAt),
        reasons.join('; ') || '—',
        seconds === undefined ? '—' : seconds === null ? 'not yet' : formatDuration(seconds),
      ];
    }),
    noun: 'failed deployments',
    empty: '_No failed deployment in this window._',
  };
}

function incidentsInWindow(result: RunResult): Incident[] {
  const from = Date.parse(result.report.window.from);
  const to = Date.parse(result.report.window.to);
  return result.data.incidents
    .filter((incident) => {
      const created = Date.parse(iso(incident.createdAt));
      const resolved =
        incident.resolvedAt === undefined
          ? Number.POSITIVE_INFINITY
          : Date.parse(iso(incident.resolvedAt));
      return created < to && resolved >= from;
    })
    .sort((a, b) => (iso(a.createdAt) < iso(b.createdAt) ? -1 : 1));
}

function incidents(result: RunResult): DetailsTable {
  const causes = new Map<string, string>();
  for (const failure of result.report.audit.failures) {
    for (const reason of failure.reasons) {
      if (reason.kind === 'incident' && reason.ref !== undefined) {
        causes.set(reason.ref, failure.deploymentId);
      }
    }
  }
  const list = incidentsInWindow(result);
  return {
    summary: `<b>Incidents</b> (${list.length})`,
    intro: [],
    columns: ['Incident', 'Where', 'Created', 'Resolved', 'Time to restore', 'Caused by'],
    align: [':--', ':--', ':--', ':--', '--:', ':--'],
    rows: list.map((incident) => {
      const where = [incident.repository, incident.service].filter((v) => v !== undefined);
      const cause = causes.get(incident.id) ?? incident.deploymentId;
      const restore =
        incident.resolvedAt === undefined
          ? 'open'
          : formatDuration(
              (Date.parse(iso(incident.resolvedAt)) - Date.parse(iso(incident.createdAt))) / 1000,
            );
      return [
        escapeMarkdown(incident.id),
        where.length === 0 ? '—' : where.map((v) => escapeMarkdown(v)).join(' · '),
        when(incident.createdAt),
        incident.resolvedAt === undefined ? 'open' : when(incident.resolvedAt),
        restore,
        cause === undefined ? '—' : escapeMarkdown(cause),
      ];
    }),
    noun: 'incidents',
    empty: '_No incident was open during this window._',
  };
}

/** The evidence behind the headline, most useful first: what was slow, what failed, what broke. */
export function evidenceTables(result: RunResult): DetailsTable[] {
  return [slowestChanges(result), failedDeployments(result), incidents(result)];
}
