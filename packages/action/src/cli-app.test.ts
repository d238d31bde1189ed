import { describe, expect, it } from 'vitest';
import { cliInputs, HELP, runCli } from './cli-app.js';

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env,
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
    },
  };
}

describe('the dora CLI', () => {
  it('prints its help', async () => {
    const { out, io: cli } = io();
    expect(await runCli(['--help'], cli)).toBe(0);
    expect(out.stdout).toBe(HELP);
  });

  it('maps its options onto the Action inputs, with file state and every file in --out', () => {
    const parsed = cliInputs(
      [
        'report',
        '--repo',
        'acme/shop',
        '--repo',
        'acme/api',
        '--window',
        '2026-01-01..2026-04-01',
        '--out',
        '/tmp/dora',
        '--source',
        'releases',
        '--github-api-url',
        'http://127.0.0.1:8080/github',
        '--pagerduty-service',
        'PSVC001=acme/api',
      ],
      { GITHUB_TOKEN: 'gh', PAGERDUTY_TOKEN: 'pd' },
    );
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.out).toBe('/tmp/dora');
    expect(parsed.inputs).toMatchObject({
      githubToken: 'gh',
      repositories: ['acme/shop', 'acme/api'],
      deploymentSource: 'releases',
      stateBackend: 'file',
      statePath: '/tmp/dora/state',
      badgesPath: '/tmp/dora/badges',
      reportPath: '/tmp/dora/report.json',
      openmetricsPath: '/tmp/dora/metrics.txt',
      githubApiUrl: 'http://127.0.0.1:8080/github',
      githubGraphqlUrl: 'http://127.0.0.1:8080/github/graphql',
      pagerduty: {
        token: 'pd',
        apiUrl: 'https://api.pagerduty.com',
        services: ['PSVC001'],
        serviceRepositories: { PSVC001: ['acme/api'] },
      },
    });
  });

  it('derives the GraphQL URL of GitHub Enterprise Server', () => {
    const parsed = cliInputs(
      ['report', '--repo', 'a/b', '--github-api-url', 'https://ghe.example.com/api/v3'],
      {
        GITHUB_TOKEN: 'gh',
      },
    );
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.inputs.githubGraphqlUrl).toBe('https://ghe.example.com/api/graphql');
  });

  it('fails with exit code 1 and one message naming the flags, without a stack trace', async () => {
    const { out, io: cli } = io({ GITHUB_TOKEN: 'gh' });
    expect(
      await runCli(['report', '--repo', 'nope', '--window', 'last-2-weeks', '--source', 'x'], cli),
    ).toBe(1);
    expect(out.stderr).toBe(
      [
        'dora: 3 inputs are invalid:',
        '- --repo: expected owner/name, one a line or comma-separated; got "nope".',
        '- --window: unknown preset "last-2-weeks"; valid presets: last-1-day, last-3-days, last-7-days, last-14-days, last-30-days, last-90-days, last-180-days, last-365-days.',
        '- --source: expected one of auto, deployments, workflow-runs, releases, merges; got "x".',
        '',
      ].join('\n'),
    );
  });

  it('needs GITHUB_TOKEN and the report command', async () => {
    const missing = io();
    expect(await runCli(['report', '--repo', 'a/b'], missing.io)).toBe(1);
    expect(missing.out.stderr).toBe(
      'dora: GITHUB_TOKEN is not set: export a token that can read the repositories.\n',
    );
    const wrong = io({ GITHUB_TOKEN: 'gh' });
    expect(await runCli(['publish'], wrong.io)).toBe(1);
    expect(wrong.out.stderr).toBe(
      'dora: Expected the command "report"; got "publish". See dora --help.\n',
    );
    const unknown = io({ GITHUB_TOKEN: 'gh' });
    expect(await runCli(['report', '--colour'], unknown.io)).toBe(1);
    expect(unknown.out.stderr).toMatch(/^dora: Unknown option '--colour'/);
  });
});
