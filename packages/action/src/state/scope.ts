import { createHash } from 'node:crypto';

/** Everything that decides which events a run collects. */
export interface ScopeInput {
  repositories: readonly string[];
  deploymentSource: string;
  environment: string;
  deployWorkflows?: readonly string[];
  deployJob?: string;
  deployBranch?: string;
  incidentLabels?: readonly string[];
  pagerdutyServices?: readonly string[];
}

/**
 * The saved events are only reusable for the same scope: other repositories, another source or
 * environment, other deploy workflows or incident sources would make them wrong, not just stale.
 */
export function scopeHash(scope: ScopeInput): string {
  const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
  const canonical = JSON.stringify([
    sorted(scope.repositories.map((r) => r.toLowerCase())),
    scope.deploymentSource,
    scope.environment,
    sorted(scope.deployWorkflows),
    scope.deployJob ?? '',
    scope.deployBranch ?? '',
    sorted(scope.incidentLabels),
    sorted(scope.pagerdutyServices),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
