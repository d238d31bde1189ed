import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeArtifacts } from './artifacts.js';
import { createClients } from './clients.js';
import { collect } from './collectors/collect.js';
import { clockFrom, type Env } from './environment.js';
import { InputError, isUserFacing } from './errors.js';
import { type ActionInputs, parseInputs } from './inputs.js';
import { buildOutputs } from './outputs.js';
import { type Log, runPipeline } from './pipeline.js';
import { renderSummary, renderSummaryHtml } from './renderers/index.js';
import { selectStateStore } from './state/select-store.js';

export const HELP = `dora report — the DORA metrics of GitHub repositories, from the command line

Usage:
  dora report --repo owner/name [--repo owner/name ...] [options]

Options:
  --repo owner/name          a repository to measure (repeatable, required)
  --window W                 last-30-days (default), a duration such as 90d, or FROM..TO (TO exclusive)
  --out DIR                  where the summary, badges, report, metrics and state go (default dora-out)
  --source S                 auto (default), deployments, workflow-runs, releases or merges
  --environment NAME         the production environment (default production)
  --deploy-workflow FILE     a deploy workflow, e.g. deploy.yml (repeatable)
  --deploy-job NAME          take this job's conclusion instead of the run's
  --deploy-branch NAME       the branch deployments are made from (default: the default branch)
  --incident-label LABEL     issues with all these labels are incidents (repeatable; default incident)
  --pagerduty-service ID=owner/name   a PagerDuty service and its repository (repeatable)
  --pagerduty-api-url URL    the PagerDuty API (default https://api.pagerduty.com)
  --bucket B                 day, week (default), month or quarter
  --benchmark ID             the benchmark profile, e.g. dora-2023
  --github-api-url URL       the GitHub REST API (GitHub Enterprise Server, or a local replay)
  --github-graphql-url URL   the GitHub GraphQL API (default: derived from --github-api-url)
  --no-state                 do not read or write the state (always a full collection)
  -h, --help                 this help

Environment:
  GITHUB_TOKEN       required: a token that can read the repositories
  PAGERDUTY_TOKEN    optional: read PagerDuty incidents of the --pagerduty-service services
`;

const OPTIONS = {
  repo: { type: 'string', multiple: true },
  window: { type: 'string' },
  out: { type: 'string' },
  source: { type: 'string' },
  environment: { type: 'string' },
  'deploy-workflow': { type: 'string', multiple: true },
  'deploy-job': { type: 'string' },
  'deploy-branch': { type: 'string' },
  'incident-label': { type: 'string', multiple: true },
  'pagerduty-service': { type: 'string', multiple: true },
  'pagerduty-api-url': { type: 'string' },
  bucket: { type: 'string' },
  benchmark: { type: 'string' },
  'github-api-url': { type: 'string' },
  'github-graphql-url': { type: 'string' },
  'no-state': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliIo {
  env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
}

function graphqlUrlFor(apiUrl: string): string {
  // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql.
  return apiUrl.endsWith('/api/v3')
    ? apiUrl.replace(/\/api\/v3$/, '/api/graphql')
    : `${apiUrl}/graphql`;
}

/** Maps the command line onto the Action's inputs, so both are checked by the same parser. */
export function cliInputs(
  argv: string[],
  env: Env,
): { inputs: ActionInputs; out: string } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (positionals[0] !== 'report' || positionals.length !== 1) {
    throw new InputError([
      `Expected the command "report"; got "${positionals.join(' ')}". See dora --help.`,
    ]);
  }
  const out = resolve(values.out ?? 'dora-out');
  const apiUrl = values['github-api-url'] ?? env.GITHUB_API_URL ?? 'https://api.github.com';
  const mapping = values['pagerduty-service'] ?? [];
  const given: Record<string, string> = {
    'github-token': env.GITHUB_TOKEN ?? '',
    repositories: (values.repo ?? []).join(','),
    'deployment-source': values.source ?? '',
    environment: values.environment ?? '',
    'deploy-workflows': (values['deploy-workflow'] ?? []).join(','),
    'deploy-job': values['deploy-job'] ?? '',
    'deploy-branch': values['deploy-branch'] ?? '',
    window: values.window ?? '',
    bucket: values.bucket ?? '',
    benchmark: values.benchmark ?? '',
    'incident-labels': (values['incident-label'] ?? []).join(','),
    'pagerduty-token': mapping.length > 0 ? (env.PAGERDUTY_TOKEN ?? '') : '',
    'pagerduty-service-repositories': mapping.join(','),
    'pagerduty-api-url': values['pagerduty-api-url'] ?? '',
    'state-backend': values['no-state'] ? 'none' : 'file',
    'state-path': join(out, 'state'),
    'badges-path': join(out, 'badges'),
    'report-path': join(out, 'report.json'),
    'openmetrics-path': join(out, 'metrics.txt'),
    'github-api-url': apiUrl,
    'github-graphql-url': values['github-graphql-url'] ?? graphqlUrlFor(apiUrl.replace(/\/+$/, '')),
  };
  if (!given['github-token']) {
    throw new InputError([
      'GITHUB_TOKEN is not set: export a token that can read the repositories.',
    ]);
  }
  const parsed = parseInputs((name) => given[name] ?? '', {});
  if ('errors' in parsed) throw new InputError(parsed.errors.map(toCliWording));
  return { inputs: parsed.inputs, out };
}

/** The flag that sets each input, so a message names what the user typed. */
const FLAG_OF: Record<string, string> = {
  repositories: '--repo',
  'deployment-source': '--source',
  'deploy-workflows': '--deploy-workflow',
  'incident-labels': '--incident-label',
  'pagerduty-service-repositories': '--pagerduty-service',
  'pagerduty-services': '--pagerduty-service',
  'pagerduty-token': 'PAGERDUTY_TOKEN',
  'github-token': 'GITHUB_TOKEN',
};

function toCliWording(message: string): string {
  return message.replace(/^Input "([^"]+)"/, (_all, name: string) => FLAG_OF[name] ?? `--${name}`);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = cliInputs(argv, io.env);
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const { inputs, out } = parsed;
    const log: Log = {
      info: (message) => io.stderr(`${message}\n`),
      notice: (message) => io.stderr(`notice: ${message}\n`),
      warning: (message) => io.stderr(`warning: ${message}\n`),
    };
    const clients = await createClients(inputs, () => {});
    const result = await runPipeline(inputs, {
      now: clockFrom(io.env),
      collect,
      ...clients,
      openStore: (scope) =>
        selectStateStore({
          backend: inputs.stateBackend,
          statePath: inputs.statePath,
          scope,
          env: {},
        }),
      persist: { allowed: true },
      log,
      progress: (line) => io.stderr(`${line}\n`),
    });
    await mkdir(out, { recursive: true });
    const markdown = renderSummary(result);
    await writeFile(join(out, 'summary.md'), markdown, 'utf8');
    await writeFile(join(out, 'summary.html'), renderSummaryHtml(markdown), 'utf8');
    await writeArtifacts(result, inputs);
    const outputs = buildOutputs(result, inputs.reportPath);
    io.stdout(`${JSON.stringify(outputs, null, 2)}\n`);
    io.stderr(`Wrote ${out}\n`);
    return 0;
  } catch (error) {
    if (
      isUserFacing(error) ||
      (error instanceof Error && error.name === 'TypeError' && 'code' in error)
    ) {
      io.stderr(`dora: ${error.message}\n`);
      return 1;
    }
    io.stderr(
      `dora: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
