import type { Deployment, Instant } from '@dora/core';
import type { RunResult } from '../run-info.js';
import { recoverySamples } from './recovery.js';

/** Histogram bounds in seconds: 1 hour, 1 day, 1 week, 30 days, 180 days (then +Inf). */
export const DURATION_BUCKETS = [3_600, 86_400, 604_800, 2_592_000, 15_552_000] as const;

interface Scope {
  repository: string;
  environment: string;
}

function time(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: ReadonlyArray<readonly [string, string]>): string {
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(',')}}`;
}

function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.repository, scope.environment]);
}

function scopeOf(deployment: Deployment): Scope {
  return {
    repository: deployment.repository ?? deployment.id.split(':')[0] ?? '',
    environment: deployment.environment,
  };
}

/** Every scope counted, in a stable order; the run's repositories always appear, with zeros if need be. */
class Scopes {
  private readonly known = new Map<string, Scope>();

  add(scope: Scope): string {
    const key = scopeKey(scope);
    if (!this.known.has(key)) this.known.set(key, scope);
    return key;
  }

  sorted(): Array<[string, Scope]> {
    return [...this.known.entries()].sort(([, a], [, b]) =>
      a.repository === b.repository
        ? a.environment.localeCompare(b.environment)
        : a.repository.localeCompare(b.repository),
    );
  }
}

function formatBound(bound: number): string {
  return Number.isInteger(bound) ? `${bound}.0` : String(bound);
}

/**
 * Counts over the report window are gauges, not counters: the window slides, so a later run may count
 * fewer, and a counter that goes down reads as a reset to `rate()`.
 */
function gaugeFamily(
  name: string,
  help: string,
  samples: Array<{ labels: string; value: number }>,
): string[] {
  return [
    `# TYPE ${name} gauge`,
    `# HELP ${name} ${help}`,
    ...samples.map((sample) => `${name}${sample.labels} ${sample.value}`),
  ];
}

function histogramFamily(
  name: string,
  help: string,
  scopes: Array<[string, Scope]>,
  values: Map<string, number[]>,
): string[] {
  const lines = [`# TYPE ${name} histogram`, `# HELP ${name} ${help}`, `# UNIT ${name} seconds`];
  for (const [key, scope] of scopes) {
    const samples = values.get(key) ?? [];
    const base: Array<[string, string]> = [
      ['repository', scope.repository],
      ['environment', scope.environment],
    ];
    for (const bound of DURATION_BUCKETS) {
      const count = samples.filter((seconds) => seconds <= bound).length;
      lines.push(`${name}_bucket${labels([...base, ['le', formatBound(bound)]])} ${count}`);
    }
    lines.push(`${name}_bucket${labels([...base, ['le', '+Inf']])} ${samples.length}`);
    lines.push(`${name}_count${labels(base)} ${samples.length}`);
    lines.push(`${name}_sum${labels(base)} ${samples.reduce((sum, seconds) => sum + seconds, 0)}`);
  }
  return lines;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function append(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * OpenMetrics text for the report window, per repository and environment: deployments by status, changes
 * shipped, failed deployments, incidents opened (gauges); lead time and failed-deployment recovery time
 * histograms, a snapshot of the window's distribution. No timestamps: a Pushgateway or a textfile
 * collector stamps the scrape. Every line also parses as Prometheus text format 0.0.4.
 */
export function renderOpenMetrics(result: RunResult): string {
  const { data, report, info } = result;
  const from = time(report.window.from);
  const to = time(report.window.to);
  const inWindow = (instant: Instant): boolean => {
    const t = time(instant);
    return from <= t && t < to;
  };
  const scopes = new Scopes();
  for (const repository of info.repositories) {
    scopes.add({ repository, environment: info.environment });
  }
  const byId = new Map(data.deployments.map((d) => [d.id, d]));

  const deployments = new Map<string, number>();
  for (const deployment of data.deployments) {
    if (!inWindow(deployment.finishedAt)) continue;
    increment(deployments, `${scopes.add(scopeOf(deployment))}|${deployment.status}`);
  }

  const changes = new Map<string, number>();
  const leadTimes = new Map<string, number[]>();
  for (const sample of report.audit.leadTimes) {
    const deployment = byId.get(sample.deploymentId);
    if (deployment === undefined || !inWindow(deployment.finishedAt)) continue;
    const key = scopes.add(scopeOf(deployment));
    increment(changes, key);
    append(leadTimes, key, sample.seconds);
  }

  const failed = new Map<string, number>();
  for (const failure of report.audit.failures) {
    const deployment = byId.get(failure.deploymentId);
    if (deployment === undefined || !inWindow(deployment.finishedAt)) continue;
    increment(failed, scopes.add(scopeOf(deployment)));
  }

  const recovery = new Map<string, number[]>();
  for (const sample of recoverySamples(data, report.audit)) {
    if (sample.seconds === null || !inWindow(sample.deployment.finishedAt)) continue;
    append(recovery, scopes.add(scopeOf(sample.deployment)), sample.seconds);
  }

  const causedBy = new Map<string, Deployment>();
  for (const failure of report.audit.failures) {
    const deployment = byId.get(failure.deploymentId);
    for (const reason of failure.reasons) {
      if (reason.kind === 'incident' && reason.ref !== undefined && deployment !== undefined) {
        causedBy.set(reason.ref, deployment);
      }
    }
  }
  const incidents = new Map<string, number>();
  for (const incident of data.incidents) {
    if (!inWindow(incident.createdAt)) continue;
    const cause = causedBy.get(incident.id) ?? byId.get(incident.deploymentId ?? '');
    const repository = incident.repository ?? cause?.repository ?? '';
    increment(
      incidents,
      scopes.add({ repository, environment: cause?.environment ?? info.environment }),
    );
  }

  const ordered = scopes.sorted();
  const base = (scope: Scope): Array<[string, string]> => [
    ['repository', scope.repository],
    ['environment', scope.environment],
  ];
  const perScope = (counts: Map<string, number>) =>
    ordered.map(([key, scope]) => ({ labels: labels(base(scope)), value: counts.get(key) ?? 0 }));

  const lines = [
    ...gaugeFamily(
      'dora_deployments',
      'Completed deployments that finished in the report window, by status.',
      ordered.flatMap(([key, scope]) =>
        (['success', 'failure'] as const).map((status) => ({
          labels: labels([...base(scope), ['status', status]]),
          value: deployments.get(`${key}|${status}`) ?? 0,
        })),
      ),
    ),
    ...gaugeFamily(
      'dora_changes',
      'Changes first shipped by a deployment that finished in the report window.',
      perScope(changes),
    ),
    ...gaugeFamily(
      'dora_failed_deployments',
      'Deployments in the report window with at least one failure reason.',
      perScope(failed),
    ),
    ...gaugeFamily(
      'dora_incidents',
      'Incidents created in the report window.',
      perScope(incidents),
    ),
    ...histogramFamily(
      'dora_lead_time_seconds',
      'Lead time for changes: first commit to the deployment that shipped the change.',
      ordered,
      leadTimes,
    ),
    ...histogramFamily(
      'dora_recovery_time_seconds',
      'Failed deployment recovery time, for failed deployments in the report window that recovered.',
      ordered,
      recovery,
    ),
    '# EOF',
  ];
  return `${lines.join('\n')}\n`;
}
