import { type Bucket, type ChangeFailureRateMode, computeDora, DoraInputError } from '@dora/core';
import { expression, INPUTS } from './action-spec.js';
import { parseDuration } from './duration.js';
import { parseWindow, type WindowSpec } from './window.js';

export const DEPLOYMENT_SOURCES = [
  'auto',
  'deployments',
  'workflow-runs',
  'releases',
  'merges',
] as const;
export type DeploymentSourceInput = (typeof DEPLOYMENT_SOURCES)[number];

export const STATE_BACKENDS = ['auto', 'actions-cache', 'file', 'none'] as const;
export type StateBackendInput = (typeof STATE_BACKENDS)[number];

const BUCKETS = ['day', 'week', 'month', 'quarter'] as const satisfies readonly Bucket[];
const CFR_MODES = [
  'failed-deployments',
  'incidents-per-deployment',
] as const satisfies readonly ChangeFailureRateMode[];

export interface PagerDutyInputs {
  token: string;
  apiUrl: string;
  services: string[];
  /** service id -> repositories */
  serviceRepositories: Record<string, string[]>;
}

/** Every input, parsed and checked once. */
export interface ActionInputs {
  githubToken: string;
  repositories: string[];
  deploymentSource: DeploymentSourceInput;
  environment: string;
  deployWorkflows: string[];
  deployJob?: string;
  deployBranch?: string;
  window: WindowSpec;
  bucket: Bucket;
  benchmark?: string;
  attributionWindowMs: number;
  changeFailureRateMode: ChangeFailureRateMode;
  hotfixLabels: string[];
  incidentLabels: string[];
  pagerduty?: PagerDutyInputs;
  stateBackend: StateBackendInput;
  statePath: string;
  lookbackMs: number;
  maxWaitMs: number;
  summary: boolean;
  badgesPath?: string;
  reportPath?: string;
  openmetricsPath?: string;
  githubApiUrl: string;
  githubGraphqlUrl: string;
}

export type InputReader = (name: string) => string;
export type ParsedInputs = { inputs: ActionInputs } | { errors: string[] };

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const PD_SERVICE = /^[A-Z0-9]{2,20}$/i;

/** Splits a list given one a line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function oneOf<T extends string>(
  values: readonly T[],
  name: string,
  value: string,
  errors: string[],
): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  errors.push(`Input "${name}": expected one of ${values.join(', ')}; got "${value}".`);
  return values[0] as T;
}

function defaultFromEnv(name: string, env: Env): string {
  switch (name) {
    case 'github-token':
      return env.GITHUB_TOKEN ?? '';
    case 'repositories':
      return env.GITHUB_REPOSITORY ?? '';
    case 'github-api-url':
      return env.GITHUB_API_URL ?? 'https://api.github.com';
    case 'github-graphql-url':
      return env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql';
    default:
      return INPUTS.find((input) => input.name === name)?.default ?? '';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses every input at once. An empty input takes its action.yml default (the runner fills those
 * in, but a CLI or a hand-run bundle does not); `${{ github.* }}` defaults come from `env`.
 * Every problem is reported, each naming the input and what it expects.
 */
export function parseInputs(read: InputReader, env: Env = {}): ParsedInputs {
  const errors: string[] = [];
  const get = (name: string): string => {
    const value = read(name).trim();
    return value === '' ? defaultFromEnv(name, env) : value;
  };

  const githubToken = get('github-token');
  if (githubToken === '') {
    errors.push(
      `Input "github-token": required; pass a token, e.g. github-token: ${expression('github.token')}.`,
    );
  }
  const repositories = parseRepositories(get('repositories'), errors);
  const window = parseWindow(get('window'));
  if ('error' in window) errors.push(`Input "window": ${window.error}.`);

  const inputs: ActionInputs = {
    githubToken,
    repositories,
    deploymentSource: oneOf(
      DEPLOYMENT_SOURCES,
      'deployment-source',
      get('deployment-source'),
      errors,
    ),
    environment: get('environment'),
    deployWorkflows: splitList(get('deploy-workflows')),
    window: 'spec' in window ? window.spec : { kind: 'relative', text: '', ms: 1 },
    bucket: oneOf(BUCKETS, 'bucket', get('bucket'), errors),
    attributionWindowMs: parseAttribution(get('attribution-window'), errors),
    changeFailureRateMode: oneOf(
      CFR_MODES,
      'change-failure-rate-mode',
      get('change-failure-rate-mode'),
      errors,
    ),
    hotfixLabels: splitList(get('hotfix-labels')),
    incidentLabels: splitList(get('incident-labels')),
    stateBackend: oneOf(STATE_BACKENDS, 'state-backend', get('state-backend'), errors),
    statePath: checkPath('state-path', get('state-path'), errors) ?? '.dora-state',
    lookbackMs: durationInput('lookback', get('lookback'), errors),
    maxWaitMs: durationInput('max-wait', get('max-wait'), errors),
    summary: parseBoolean('summary', get('summary'), errors),
    githubApiUrl: checkUrl('github-api-url', get('github-api-url'), errors),
    githubGraphqlUrl: checkUrl('github-graphql-url', get('github-graphql-url'), errors),
  };
  if (inputs.environment === '') errors.push('Input "environment": must not be empty.');
  assignOptional(inputs, 'deployJob', get('deploy-job'));
  assignOptional(inputs, 'deployBranch', get('deploy-branch'));
  assignOptional(inputs, 'benchmark', checkBenchmark(get('benchmark'), errors));
  assignOptional(inputs, 'badgesPath', checkPath('badges-path', get('badges-path'), errors));
  assignOptional(inputs, 'reportPath', checkPath('report-path', get('report-path'), errors));
  assignOptional(
    inputs,
    'openmetricsPath',
    checkPath('openmetrics-path', get('openmetrics-path'), errors),
  );
  const pagerduty = parsePagerDuty(get, repositories, errors);
  if (pagerduty) inputs.pagerduty = pagerduty;

  return errors.length > 0 ? { errors } : { inputs };
}

type OptionalKey =
  | 'deployJob'
  | 'deployBranch'
  | 'benchmark'
  | 'badgesPath'
  | 'reportPath'
  | 'openmetricsPath';

function assignOptional(inputs: ActionInputs, key: OptionalKey, value: string | undefined): void {
  if (value !== undefined && value !== '') inputs[key] = value;
}

/** Asks the library itself, over no events, whether it knows the profile. */
function checkBenchmark(id: string, errors: string[]): string | undefined {
  if (id === '') return undefined;
  try {
    computeDora(
      { deployments: [], changes: [], incidents: [] },
      { window: { from: 0, to: 86_400_000 }, benchmark: id, compareToPrevious: false },
    );
    return id;
  } catch (error) {
    if (!(error instanceof DoraInputError)) throw error;
    const prefix = `${error.record}.${error.field}: `;
    const problem = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    errors.push(`Input "benchmark": ${problem}.`);
    return undefined;
  }
}

function parseRepositories(text: string, errors: string[]): string[] {
  const repositories = [...new Set(splitList(text))];
  if (repositories.length === 0) {
    errors.push('Input "repositories": expected at least one owner/name.');
  }
  const bad = repositories.filter((repo) => !REPOSITORY.test(repo));
  if (bad.length > 0) {
    errors.push(
      `Input "repositories": expected owner/name, one a line or comma-separated; got ${bad.map((b) => `"${b}"`).join(', ')}.`,
    );
  }
  return repositories;
}

function parseAttribution(text: string, errors: string[]): number {
  if (/^\d+$/.test(text) && Number(text) > 0) return Number(text) * 1000;
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  errors.push(
    `Input "attribution-window": expected a positive duration such as 24h or 30m, or seconds; got "${text}".`,
  );
  return 86_400_000;
}

function durationInput(name: string, text: string, errors: string[]): number {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  errors.push(
    `Input "${name}": expected a positive duration such as 3d, 12h or 10m; got "${text}".`,
  );
  return 0;
}

function parseBoolean(name: string, text: string, errors: string[]): boolean {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  errors.push(`Input "${name}": expected true or false; got "${text}".`);
  return false;
}

function checkUrl(name: string, text: string, errors: string[]): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return text.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  errors.push(`Input "${name}": expected an http(s) URL; got "${text}".`);
  return text;
}

function checkPath(name: string, text: string, errors: string[]): string | undefined {
  if (text === '') return undefined;
  if (text.split(/[\\/]/).includes('..') || text.includes('\0')) {
    errors.push(`Input "${name}": must not leave the workspace (no ".." parts); got "${text}".`);
    return undefined;
  }
  return text;
}

function parsePagerDuty(
  get: (name: string) => string,
  repositories: string[],
  errors: string[],
): PagerDutyInputs | undefined {
  const token = get('pagerduty-token');
  const servicesText = get('pagerduty-services');
  const mappingText = get('pagerduty-service-repositories');
  if (token === '') {
    if (servicesText !== '' || mappingText !== '') {
      errors.push(
        `Input "pagerduty-token": required when pagerduty-services or pagerduty-service-repositories is set; pass it from a secret: pagerduty-token: ${expression('secrets.PAGERDUTY_TOKEN')}.`,
      );
    }
    return undefined;
  }
  const serviceRepositories = parseServiceRepositories(mappingText, repositories, errors);
  const services = servicesText === '' ? Object.keys(serviceRepositories) : splitList(servicesText);
  const badServices = services.filter((service) => !PD_SERVICE.test(service));
  if (badServices.length > 0) {
    errors.push(
      `Input "pagerduty-services": expected PagerDuty service ids such as PSVC001; got ${badServices.map((s) => `"${s}"`).join(', ')}.`,
    );
  }
  if (services.length === 0 && servicesText === '' && mappingText === '') {
    errors.push(
      'Input "pagerduty-services": with a pagerduty-token, name at least one service (pagerduty-services or pagerduty-service-repositories).',
    );
  }
  const apiUrl = checkUrl('pagerduty-api-url', get('pagerduty-api-url'), errors);
  return { token, apiUrl, services: [...new Set(services)], serviceRepositories };
}

function parseServiceRepositories(
  text: string,
  repositories: string[],
  errors: string[],
): Record<string, string[]> {
  const mapping: Record<string, string[]> = {};
  for (const entry of splitList(text)) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    const service = match?.[1];
    const repository = match?.[2];
    if (!service || !repository || !PD_SERVICE.test(service) || !REPOSITORY.test(repository)) {
      errors.push(
        `Input "pagerduty-service-repositories": expected SERVICEID=owner/name; got "${entry}".`,
      );
      continue;
    }
    // Checked only against a valid list: a bad repositories input is reported once, by itself.
    if (repositories.every((r) => REPOSITORY.test(r)) && !repositories.includes(repository)) {
      errors.push(
        `Input "pagerduty-service-repositories": "${repository}" is not one of the repositories measured (${repositories.join(', ')}).`,
      );
      continue;
    }
    const list = Object.hasOwn(mapping, service) ? (mapping[service] ?? []) : [];
    if (list.includes(repository)) {
      errors.push(
        `Input "pagerduty-service-repositories": "${service}=${repository}" appears twice; a service may appear once per repository.`,
      );
      continue;
    }
    mapping[service] = [...list, repository];
  }
  return mapping;
}
