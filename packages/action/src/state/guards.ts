import type { Change, Deployment, DoraData, Incident } from '@dora/core';
import type { CollectorState } from '../collectors/index.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInstant(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function optional(record: Json, key: string, check: (value: unknown) => boolean): boolean {
  return record[key] === undefined || check(record[key]);
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isStringList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isDeployment(value: unknown): value is Deployment {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.environment === 'string' &&
    (value.status === 'success' || value.status === 'failure') &&
    isInstant(value.finishedAt) &&
    optional(value, 'startedAt', isInstant) &&
    optional(value, 'sha', isString) &&
    optional(value, 'repository', isString) &&
    optional(value, 'service', isString) &&
    optional(value, 'changeIds', isStringList)
  );
}

function isChange(value: unknown): value is Change {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    isInstant(value.firstCommitAt) &&
    optional(value, 'createdAt', isInstant) &&
    optional(value, 'firstReviewAt', isInstant) &&
    optional(value, 'mergedAt', isInstant) &&
    optional(value, 'repository', isString) &&
    optional(value, 'author', isString) &&
    optional(value, 'labels', isStringList) &&
    optional(value, 'title', isString) &&
    optional(value, 'branch', isString) &&
    optional(value, 'reverts', isString)
  );
}

function isIncident(value: unknown): value is Incident {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    isInstant(value.createdAt) &&
    optional(value, 'resolvedAt', isInstant) &&
    optional(value, 'repository', isString) &&
    optional(value, 'service', isString) &&
    optional(value, 'deploymentId', isString)
  );
}

/** Names the first problem in stored events, or `undefined` when they are well-formed. */
export function checkDoraData(value: unknown): string | undefined {
  if (!isObject(value)) return 'data is not an object';
  const lists: Array<[string, (item: unknown) => boolean]> = [
    ['deployments', isDeployment],
    ['changes', isChange],
    ['incidents', isIncident],
  ];
  for (const [name, check] of lists) {
    const list = value[name];
    if (!Array.isArray(list)) return `data.${name} is not a list`;
    const bad = list.findIndex((item) => !check(item));
    if (bad >= 0) return `data.${name}[${bad}] is not a valid record`;
    const ids = new Set(list.map((item: { id: string }) => item.id));
    if (ids.size !== list.length) return `data.${name} holds duplicate ids`;
  }
  return undefined;
}

/**
 * The collector's cursors are its own business; here only their outer shape is checked (the
 * collector re-reads anything it cannot use). Values are plain JSON, prototype keys refused.
 */
export function checkCollectorState(value: unknown): string | undefined {
  if (!isObject(value)) return 'collector is not an object';
  if (value.version !== 1) return `collector.version is ${String(value.version)}, expected 1`;
  if (!isObject(value.repos)) return 'collector.repos is not an object';
  for (const [repo, cursor] of Object.entries(value.repos)) {
    if (!isObject(cursor)) return `collector.repos["${repo}"] is not an object`;
  }
  if (value.pagerduty !== undefined && !isObject(value.pagerduty)) {
    return 'collector.pagerduty is not an object';
  }
  return undefined;
}

export function asCollectorState(value: Json): CollectorState {
  return value as unknown as CollectorState;
}

export function asDoraData(value: Json): DoraData {
  return value as unknown as DoraData;
}

export { isObject };
