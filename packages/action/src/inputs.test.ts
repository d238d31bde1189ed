import { describe, expect, it } from 'vitest';
import { expression } from './action-spec.js';
import { type ActionInputs, parseInputs } from './inputs.js';

function reader(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

function ok(values: Record<string, string>, env: Record<string, string> = {}): ActionInputs {
  const parsed = parseInputs(reader(values), env);
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.inputs;
}

function errors(values: Record<string, string>): string[] {
  const parsed = parseInputs(reader({ 'github-token': 't', repositories: 'acme/shop', ...values }));
  return 'errors' in parsed ? parsed.errors : [];
}

describe('parseInputs', () => {
  it('fills the action.yml defaults, and the runner-provided ones from the environment', () => {
    const inputs = ok(
      { 'github-token': 'ghs_x' },
      {
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
        GITHUB_GRAPHQL_URL: 'https://ghe.example.com/api/graphql',
      },
    );
    expect(inputs).toEqual({
      githubToken: 'ghs_x',
      repositories: ['acme/shop'],
      deploymentSource: 'auto',
      environment: 'production',
      deployWorkflows: [],
      window: { kind: 'relative', text: 'last-30-days', ms: 30 * 86_400_000 },
      bucket: 'week',
      attributionWindowMs: 86_400_000,
      changeFailureRateMode: 'failed-deployments',
      hotfixLabels: ['hotfix'],
      incidentLabels: ['incident'],
      stateBackend: 'auto',
      statePath: '.dora-state',
      lookbackMs: 3 * 86_400_000,
      maxWaitMs: 600_000,
      summary: true,
      reportPath: 'dora-report.json',
      githubApiUrl: 'https://ghe.example.com/api/v3',
      githubGraphqlUrl: 'https://ghe.example.com/api/graphql',
    });
  });

  it('reads lists one a line or comma-separated, and the PagerDuty service mapping', () => {
    const inputs = ok({
      'github-token': 't',
      repositories: 'acme/shop\nacme/api, acme/shop',
      'deploy-workflows': 'deploy.yml, release.yml',
      'attribution-window': '3600',
      'pagerduty-token': 'pd',
      'pagerduty-service-repositories': 'PSVC001=acme/shop\nPSVC001=acme/api,PSVC002=acme/api',
      'badges-path': 'out/badges',
    });
    expect(inputs.repositories).toEqual(['acme/shop', 'acme/api']);
    expect(inputs.deployWorkflows).toEqual(['deploy.yml', 'release.yml']);
    expect(inputs.attributionWindowMs).toBe(3_600_000);
    expect(inputs.badgesPath).toBe('out/badges');
    expect(inputs.pagerduty).toEqual({
      token: 'pd',
      apiUrl: 'https://api.pagerduty.com',
      services: ['PSVC001', 'PSVC002'],
      serviceRepositories: { PSVC001: ['acme/shop', 'acme/api'], PSVC002: ['acme/api'] },
    });
  });

  it('reports every problem at once, each naming the input and what it expects', () => {
    const parsed = parseInputs(
      reader({
        repositories: 'not a repo',
        window: 'last-2-weeks',
        'deployment-source': 'jenkins',
        summary: 'yes',
        'max-wait': '10 minutes',
        'badges-path': '../../etc',
        'pagerduty-services': 'PSVC001',
      }),
    );
    expect(parsed).toEqual({
      errors: [
        `Input "github-token": required; pass a token, e.g. github-token: ${expression('github.token')}.`,
        'Input "repositories": expected owner/name, one a line or comma-separated; got "not a repo".',
        'Input "window": unknown preset "last-2-weeks"; valid presets: last-1-day, last-3-days, last-7-days, last-14-days, last-30-days, last-90-days, last-180-days, last-365-days.',
        'Input "deployment-source": expected one of auto, deployments, workflow-runs, releases, merges; got "jenkins".',
        'Input "max-wait": expected a positive duration such as 3d, 12h or 10m; got "10 minutes".',
        'Input "summary": expected true or false; got "yes".',
        'Input "badges-path": must not leave the workspace (no ".." parts); got "../../etc".',
        `Input "pagerduty-token": required when pagerduty-services or pagerduty-service-repositories is set; pass it from a secret: pagerduty-token: ${expression('secrets.PAGERDUTY_TOKEN')}.`,
      ],
    });
  });

  it('refuses a service mapped twice to one repository or to a repository not measured', () => {
    expect(
      errors({
        'pagerduty-token': 'pd',
        'pagerduty-service-repositories': 'PSVC001=acme/shop,PSVC001=acme/shop,PSVC002=acme/other',
      }),
    ).toEqual([
      'Input "pagerduty-service-repositories": "PSVC001=acme/shop" appears twice; a service may appear once per repository.',
      'Input "pagerduty-service-repositories": "acme/other" is not one of the repositories measured (acme/shop).',
    ]);
  });

  it('refuses a bad URL, bucket and mode', () => {
    expect(
      errors({ 'github-api-url': 'ftp://x', bucket: 'year', 'change-failure-rate-mode': 'x' }),
    ).toEqual([
      'Input "bucket": expected one of day, week, month, quarter; got "year".',
      'Input "change-failure-rate-mode": expected one of failed-deployments, incidents-per-deployment; got "x".',
      'Input "github-api-url": expected an http(s) URL; got "ftp://x".',
    ]);
  });

  it('checks the benchmark profile with the library before any request', () => {
    const [error] = errors({ benchmark: 'dora-1999' });
    expect(error).toMatch(
      /^Input "benchmark": unknown profile "dora-1999"; expected one of .*dora-2023/,
    );
    expect(errors({ benchmark: 'dora-2023' })).toEqual([]);
  });
});
