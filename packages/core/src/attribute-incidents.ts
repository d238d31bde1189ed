import { GroupIndex } from './group-index.js';
import { append, type NDeployment, type NIncident, type NormalData } from './normalize.js';

/**
 * Attributes each incident to at most one production deployment: the one its `deploymentId`
 * names (any status), else the latest successful production deployment finished at most
 * `attributionMs` before the incident was created, same repository/service when both name
 * one. A `deploymentId` that names no production deployment attributes the incident to none.
 */
export function attributeIncidents(
  data: NormalData,
  successes: readonly NDeployment[],
  attributionMs: number,
): void {
  let index: GroupIndex | undefined;
  const { incidents } = data;
  for (let i = 0; i < incidents.length; i++) {
    const incident = incidents[i] as NIncident;
    let d: NDeployment | undefined;
    if (incident.deploymentId !== undefined) {
      d = data.deploymentById.get(incident.deploymentId);
    } else {
      index ??= new GroupIndex(successes);
      d = index.lastAtOrBefore(incident.createdAt, incident.repository, incident.service);
      if (d !== undefined && incident.createdAt - d.t > attributionMs) d = undefined;
    }
    if (d !== undefined) {
      d.incidents = append(d.incidents, incident);
      d.reasons = append(d.reasons, { kind: 'incident', ref: incident.id });
    }
  }
}
