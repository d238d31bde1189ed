/**
 * The Action's inputs and outputs, once: action.yml and the README table are generated from
 * this list (`pnpm --filter @dora/action gen`) and a test checks that they still agree.
 */
/** A workflow expression such as `${{ github.token }}`, written so no linter takes it for a typo. */
export function expression(name: string): string {
  return `\${{ ${name} }}`;
}

export interface InputSpec {
  name: string;
  description: string;
  default: string;
}

export interface OutputSpec {
  name: string;
  description: string;
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'github-token',
    description:
      'Token for the GitHub API. The default job token works for the current repository; other repositories need a token that can read them.',
    default: expression('github.token'),
  },
  {
    name: 'repositories',
    description:
      'Repositories to measure, `owner/name`, one a line or comma-separated. Default: the current repository.',
    default: expression('github.repository'),
  },
  {
    name: 'deployment-source',
    description:
      'What counts as a deployment: `auto`, `deployments` (GitHub Deployments), `workflow-runs`, `releases` or `merges`. `auto` takes the first the repository has, in that order.',
    default: 'auto',
  },
  {
    name: 'environment',
    description: 'The production environment name.',
    default: 'production',
  },
  {
    name: 'deploy-workflows',
    description:
      'Deploy workflows (file names such as `deploy.yml`, or names), one a line or comma-separated. Empty: any workflow that deploys to the environment.',
    default: '',
  },
  {
    name: 'deploy-job',
    description:
      "Take this job's conclusion and environment instead of the whole run's (workflow-runs source).",
    default: '',
  },
  {
    name: 'deploy-branch',
    description: "The branch deployments are made from. Default: each repository's default branch.",
    default: '',
  },
  {
    name: 'window',
    description:
      'The report window: a preset (`last-30-days`, ...), a duration (`90d`, `12h`) or `FROM..TO` where each end is a date (UTC midnight) or an ISO-8601 instant and `TO` is exclusive (`2026-01-01..2026-04-01` is January to March).',
    default: 'last-30-days',
  },
  {
    name: 'bucket',
    description: 'Trend granularity: `day`, `week`, `month` or `quarter`.',
    default: 'week',
  },
  {
    name: 'benchmark',
    description:
      'The benchmark profile levels are read from, e.g. `dora-2023`. Default: the newest sourced profile.',
    default: '',
  },
  {
    name: 'attribution-window',
    description:
      'How long after a deployment an incident without a known deployment is attributed to it: a duration (`24h`) or seconds.',
    default: '24h',
  },
  {
    name: 'change-failure-rate-mode',
    description: '`failed-deployments` (DORA) or `incidents-per-deployment`.',
    default: 'failed-deployments',
  },
  {
    name: 'hotfix-labels',
    description: 'Pull request labels that mark a change as a hotfix, comma-separated.',
    default: 'hotfix',
  },
  {
    name: 'incident-labels',
    description:
      'Issues carrying all of these labels (comma-separated) are incidents, opened to closed. Empty: no issue incidents.',
    default: 'incident',
  },
  {
    name: 'pagerduty-token',
    description: 'PagerDuty REST API token (read-only is enough). Empty: no PagerDuty incidents.',
    default: '',
  },
  {
    name: 'pagerduty-services',
    description:
      'PagerDuty service ids to read incidents from, comma-separated. Default: every service in `pagerduty-service-repositories`.',
    default: '',
  },
  {
    name: 'pagerduty-service-repositories',
    description:
      'Which repository each PagerDuty service belongs to: `SERVICEID=owner/name`, one a line or comma-separated (a service may appear once per repository).',
    default: '',
  },
  {
    name: 'pagerduty-api-url',
    description: 'The PagerDuty REST API URL.',
    default: 'https://api.pagerduty.com',
  },
  {
    name: 'state-backend',
    description:
      'Where the incremental state is kept: `auto` (the Actions cache when the runner offers it, else a file), `actions-cache`, `file` or `none`.',
    default: 'auto',
  },
  {
    name: 'state-path',
    description: 'The directory of the `file` state backend.',
    default: '.dora-state',
  },
  {
    name: 'lookback',
    description: 'On incremental runs, re-read this far behind the last watermark (late events).',
    default: '3d',
  },
  {
    name: 'max-wait',
    description:
      'The total time the run may spend waiting on rate limits; beyond it, it reports what it has, saves its state and succeeds with a warning.',
    default: '10m',
  },
  {
    name: 'summary',
    description: 'Write the job summary: `true` or `false`.',
    default: 'true',
  },
  {
    name: 'badges-path',
    description: 'Directory for the shields.io endpoint badges (JSON). Empty: no badges.',
    default: '',
  },
  {
    name: 'report-path',
    description: 'File for the JSON report. Empty: no report file.',
    default: 'dora-report.json',
  },
  {
    name: 'openmetrics-path',
    description: 'File for the OpenMetrics text (Pushgateway, textfile collector). Empty: none.',
    default: '',
  },
  {
    name: 'github-api-url',
    description: 'The GitHub REST API URL (GitHub Enterprise Server, or a local replay).',
    default: expression('github.api_url'),
  },
  {
    name: 'github-graphql-url',
    description: 'The GitHub GraphQL API URL.',
    default: expression('github.graphql_url'),
  },
];

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'deployments', description: 'Successful production deployments in the window.' },
  { name: 'deployments-per-week', description: 'Deployments per week (decimal).' },
  {
    name: 'lead-time-median-seconds',
    description: 'Median lead time for changes, seconds. Empty: no data.',
  },
  {
    name: 'change-failure-rate',
    description: 'Change failure rate, a fraction 0..1. Empty: no data.',
  },
  {
    name: 'recovery-time-median-seconds',
    description: 'Median failed deployment recovery time, seconds. Empty: no data.',
  },
  {
    name: 'time-to-restore-median-seconds',
    description: 'Median incident time to restore, seconds. Empty: no data.',
  },
  { name: 'rework-rate', description: 'Deployment rework rate, a fraction 0..1. Empty: no data.' },
  { name: 'level', description: 'Overall level: elite, high, medium, low or insufficient-data.' },
  { name: 'deployment-frequency-level', description: 'Deployment frequency level.' },
  { name: 'lead-time-level', description: 'Lead time level.' },
  { name: 'change-failure-rate-level', description: 'Change failure rate level.' },
  { name: 'recovery-time-level', description: 'Failed deployment recovery time level.' },
  { name: 'report-path', description: 'Path of the JSON report written (empty when none).' },
  { name: 'api-requests', description: 'Requests sent to GitHub and PagerDuty by this run.' },
];

function yamlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The complete action.yml. */
export function renderActionYml(): string {
  const lines = [
    '# Generated from packages/action/src/action-spec.ts (pnpm --filter @dora/action gen); edit there.',
    "name: 'DORA metrics'",
    "description: 'The DORA metrics (deployment frequency, lead time, change failure rate, recovery time, rework rate) from GitHub and PagerDuty, in the job summary, badges and outputs.'",
    "author: 'dora-action'",
    'branding:',
    '  icon: activity',
    '  color: blue',
    'inputs:',
  ];
  for (const input of INPUTS) {
    lines.push(`  ${input.name}:`);
    lines.push(`    description: ${yamlString(input.description)}`);
    lines.push('    required: false');
    lines.push(`    default: ${yamlString(input.default)}`);
  }
  lines.push('outputs:');
  for (const output of OUTPUTS) {
    lines.push(`  ${output.name}:`);
    lines.push(`    description: ${yamlString(output.description)}`);
  }
  lines.push('runs:', '  using: node24', '  main: dist/index.js', '');
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The README's inputs and outputs tables (Markdown). */
export function renderSpecTables(): string {
  const rows = ['| input | default | description |', '|---|---|---|'];
  for (const input of INPUTS) {
    const shown = input.default === '' ? '' : `\`${input.default}\``;
    rows.push(`| \`${input.name}\` | ${cell(shown)} | ${cell(input.description)} |`);
  }
  rows.push('', '| output | description |', '|---|---|');
  for (const output of OUTPUTS) rows.push(`| \`${output.name}\` | ${cell(output.description)} |`);
  return rows.join('\n');
}
