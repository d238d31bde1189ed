import type { Change, Deployment, DoraData, Incident, Instant } from './types.js';

/** Test data builders: short, explicit records for hand-computed expectations. */

export const HOUR = 3600;
export const DAY = 86_400;

/** `2024-01-DDTHH:00:00Z` (January 2024 starts on a Monday). */
export function jan(day: number, hour = 0, minute = 0): string {
  const dd = String(day).padStart(2, '0');
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return `2024-01-${dd}T${hh}:${mm}:00Z`;
}

export function deploy(
  id: string,
  finishedAt: string,
  extra: Partial<Deployment> = {},
): Deployment {
  return {
    id: `acme/shop:run:${id}`,
    environment: 'production',
    status: 'success',
    finishedAt,
    repository: 'acme/shop',
    ...extra,
  };
}

export function change(
  number: number,
  firstCommitAt: Instant,
  extra: Partial<Change> = {},
): Change {
  return { id: `acme/shop#${number}`, firstCommitAt, repository: 'acme/shop', ...extra };
}

export function incident(id: string, createdAt: Instant, extra: Partial<Incident> = {}): Incident {
  return { id: `pagerduty:${id}`, createdAt, ...extra };
}

export function data(partial: Partial<DoraData>): DoraData {
  return { deployments: [], changes: [], incidents: [], ...partial };
}

/** The first week of January 2024, Monday to Monday. */
export const WEEK1 = { from: jan(1), to: jan(8) } as const;
