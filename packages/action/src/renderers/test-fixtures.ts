// Hand-made run results for the renderer tests: every figure below is worked out by hand from the events, as
// computeDora does with `minSample: 3` (so that the full report has real levels), ISO-week buckets and the
// 2023 profile's bands. fixtures.test.ts checks the hand figures against computeDora.
import type { Change, Deployment, DoraReport, Incident, SeriesPoint } from '@dora/core';
import type { RunInfo, RunResult } from '../run-info.js';

const WINDOW = { from: '2026-10-21T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
const PREVIOUS_WINDOW = { from: '2026-09-21T00:00:00.000Z', to: '2026-10-21T00:00:00.000Z' };

function deployment(
  id: string,
  finishedAt: string,
  changeIds: string[],
  extra: Partial<Deployment> = {},
): Deployment {
  const repository = id.slice(0, id.indexOf(':'));
  return {
    id,
    environment: 'production',
    status: 'success',
    finishedAt,
    repository,
    changeIds,
    ...extra,
  };
}

const deployments: Deployment[] = [
  deployment('acme/shop:deployment:99', '2026-10-10T12:00:00Z', ['acme/shop#8', 'acme/shop#9']),
  deployment('acme/api:run:4990', '2026-10-15T08:00:00Z', ['acme/api#39']),
  deployment('acme/shop:deployment:101', '2026-10-22T10:00:00Z', ['acme/shop#11', 'acme/shop#12'], {
    sha: 'a1a1a1a',
  }),
  deployment('acme/shop:deployment:102', '2026-10-24T15:30:00Z', [], {
    status: 'failure',
    sha: 'a2a2a2a',
  }),
  deployment('acme/shop:deployment:103', '2026-10-24T16:10:00Z', ['acme/shop#13'], {
    sha: 'a2a2a2a',
  }),
  deployment('acme/shop:deployment:104', '2026-10-29T09:00:00Z', ['acme/shop#14'], {
    sha: 'a3a3a3a',
    service: 'checkout',
  }),
  deployment('acme/shop:deployment:105', '2026-11-03T12:00:00Z', ['acme/shop#15', 'acme/shop#16']),
  deployment('acme/shop:deployment:106', '2026-11-05T08:00:00Z', ['acme/shop#17']),
  deployment('acme/shop:deployment:107', '2026-11-05T14:00:00Z', ['acme/shop#18']),
  deployment('acme/shop:deployment:201', '2026-11-11T10:00:00Z', ['acme/shop#19'], {
    environment: 'staging',
  }),
  deployment('acme/shop:deployment:108', '2026-11-12T10:00:00Z', ['acme/shop#19']),
  deployment('acme/api:run:5001', '2026-10-23T09:00:00Z', ['acme/api#40']),
  deployment('acme/api:run:5002', '2026-11-02T17:00:00Z', ['acme/api#41']),
  deployment('acme/api:run:5003', '2026-11-10T11:00:00Z', ['acme/api#42'], { status: 'failure' }),
  deployment('acme/api:run:5004', '2026-11-10T12:15:00Z', ['acme/api#42', 'acme/api#43']),
  deployment('acme/api:run:5005', '2026-11-18T16:00:00Z', ['acme/api#44']),
];

function change(
  id: string,
  firstCommitAt: string,
  mergedAt: string,
  title: string,
  author: string,
  extra: Partial<Change> = {},
): Change {
  return {
    id,
    firstCommitAt,
    mergedAt,
    repository: id.slice(0, id.indexOf('#')),
    title,
    author,
    branch: `feature/${id.slice(id.indexOf('#') + 1)}`,
    labels: [],
    ...extra,
  };
}

const changes: Change[] = [
  change('acme/shop#8', '2026-10-09T12:00:00Z', '2026-10-10T10:00:00Z', 'Order history', 'alice'),
  change('acme/shop#9', '2026-10-08T04:00:00Z', '2026-10-10T11:00:00Z', 'Dark mode', 'dave'),
  change('acme/api#39', '2026-10-12T08:00:00Z', '2026-10-15T07:00:00Z', 'Webhooks v2', 'frank'),
  change('acme/shop#11', '2026-10-20T08:00:00Z', '2026-10-22T09:00:00Z', 'Add gift cards', 'alice'),
  change(
    'acme/shop#12',
    '2026-10-21T15:00:00Z',
    '2026-10-22T09:30:00Z',
    'Tidy the cart page',
    'bob',
  ),
  change(
    'acme/shop#13',
    '2026-10-24T09:00:00Z',
    '2026-10-24T16:00:00Z',
    'Fix the tax rounding',
    'carol',
  ),
  change(
    'acme/shop#14',
    '2026-10-27T10:00:00Z',
    '2026-10-29T08:30:00Z',
    'New checkout flow',
    'alice',
  ),
  change(
    'acme/shop#15',
    '2026-10-30T14:00:00Z',
    '2026-11-03T11:00:00Z',
    'Search by colour',
    'dave',
  ),
  change(
    'acme/shop#16',
    '2026-11-02T09:30:00Z',
    '2026-11-03T11:30:00Z',
    'Bump the image lib',
    'bob',
  ),
  change(
    'acme/shop#17',
    '2026-11-04T11:00:00Z',
    '2026-11-05T07:30:00Z',
    'Speed up checkout',
    'carol',
  ),
  change(
    'acme/shop#18',
    '2026-11-05T12:00:00Z',
    '2026-11-05T13:30:00Z',
    'Revert "Speed up checkout"',
    'carol',
    { reverts: 'acme/shop#17', branch: 'revert-17' },
  ),
  change(
    'acme/shop#19',
    '2026-11-06T10:00:00Z',
    '2026-11-11T09:00:00Z',
    'Wishlist sharing',
    'erin',
  ),
  change(
    'acme/api#40',
    '2026-10-20T12:00:00Z',
    '2026-10-23T08:00:00Z',
    'Rate-limit logins',
    'frank',
  ),
  change('acme/api#41', '2026-10-31T16:00:00Z', '2026-11-02T16:00:00Z', 'Paginate orders', 'grace'),
  change(
    'acme/api#42',
    '2026-11-09T10:00:00Z',
    '2026-11-10T10:00:00Z',
    'Cache product lookups',
    'frank',
  ),
  change('acme/api#43', '2026-11-10T11:30:00Z', '2026-11-10T12:00:00Z', 'Fix cache key', 'grace', {
    labels: ['hotfix'],
    branch: 'hotfix/cache-key',
  }),
  change(
    'acme/api#44',
    '2026-11-17T09:00:00Z',
    '2026-11-18T15:00:00Z',
    'Audit log export',
    'heidi',
  ),
];

const incidents: Incident[] = [
  {
    id: 'pagerduty:PINC1',
    createdAt: '2026-10-29T11:00:00Z',
    resolvedAt: '2026-10-29T13:30:00Z',
    repository: 'acme/shop',
    service: 'checkout',
  },
  {
    id: 'acme/api:issue:77',
    createdAt: '2026-11-14T08:00:00Z',
    resolvedAt: '2026-11-15T10:00:00Z',
    repository: 'acme/api',
  },
  {
    id: 'pagerduty:PINC2',
    createdAt: '2026-11-19T06:00:00Z',
    repository: 'acme/shop',
    service: 'checkout',
  },
];

const leadTimes: DoraReport['audit']['leadTimes'] = [
  { changeId: 'acme/shop#11', deploymentId: 'acme/shop:deployment:101', seconds: 180_000 },
  { changeId: 'acme/shop#12', deploymentId: 'acme/shop:deployment:101', seconds: 68_400 },
  { changeId: 'acme/api#40', deploymentId: 'acme/api:run:5001', seconds: 248_400 },
  { changeId: 'acme/shop#13', deploymentId: 'acme/shop:deployment:103', seconds: 25_800 },
  { changeId: 'acme/shop#14', deploymentId: 'acme/shop:deployment:104', seconds: 169_200 },
  { changeId: 'acme/api#41', deploymentId: 'acme/api:run:5002', seconds: 176_400 },
  { changeId: 'acme/shop#15', deploymentId: 'acme/shop:deployment:105', seconds: 338_400 },
  { changeId: 'acme/shop#16', deploymentId: 'acme/shop:deployment:105', seconds: 95_400 },
  { changeId: 'acme/shop#17', deploymentId: 'acme/shop:deployment:106', seconds: 75_600 },
  { changeId: 'acme/shop#18', deploymentId: 'acme/shop:deployment:107', seconds: 7_200 },
  { changeId: 'acme/api#42', deploymentId: 'acme/api:run:5004', seconds: 94_500 },
  { changeId: 'acme/api#43', deploymentId: 'acme/api:run:5004', seconds: 2_700 },
  { changeId: 'acme/shop#19', deploymentId: 'acme/shop:deployment:108', seconds: 518_400 },
  { changeId: 'acme/api#44', deploymentId: 'acme/api:run:5005', seconds: 111_600 },
];

const EMPTY_DISTRIBUTION = {
  count: 0,
  median: null,
  p75: null,
  p90: null,
  p95: null,
  mean: null,
  min: null,
  max: null,
};

/** One weekly bucket (ISO weeks, cut by the window at both ends). */
function point(
  start: string,
  end: string,
  deployments: number,
  leadTimeMedian: number | null,
  changeFailureRate: number | null,
  recoveryTimeMedian: number | null,
): SeriesPoint {
  return {
    start: `${start}T00:00:00.000Z`,
    end: `${end}T00:00:00.000Z`,
    deployments,
    leadTimeMedian,
    changeFailureRate,
    recoveryTimeMedian,
  };
}

function fullReport(): DoraReport {
  return {
    window: { ...WINDOW },
    benchmark: 'dora-2023',
    deploymentFrequency: {
      deployments: 11,
      perDay: 11 / 30,
      perWeek: (11 / 30) * 7,
      deploymentDays: 10,
      level: 'high',
    },
    leadTime: {
      count: 14,
      median: 103_500,
      p75: 179_100,
      p90: 311_400,
      p95: 401_400,
      mean: 2_112_000 / 14,
      min: 2_700,
      max: 518_400,
      excluded: 0,
      level: 'high',
    },
    changeFailureRate: { failed: 4, total: 13, rate: 4 / 13, level: 'low' },
    recoveryTime: {
      count: 4,
      median: 10_350,
      p75: 17_550,
      p90: 19_980,
      p95: 20_790,
      mean: 11_175,
      min: 2_400,
      max: 21_600,
      open: 0,
      level: 'high',
    },
    timeToRestore: {
      count: 2,
      median: 51_300,
      p75: 72_450,
      p90: 85_140,
      p95: 89_370,
      mean: 51_300,
      min: 9_000,
      max: 93_600,
    },
    reworkRate: { rework: 1, total: 11, rate: 1 / 11 },
    overall: 'low',
    series: [
      point('2026-10-21', '2026-10-26', 3, 124_200, 0.25, 2_400),
      point('2026-10-26', '2026-11-02', 1, 169_200, 1, 16_200),
      point('2026-11-02', '2026-11-09', 4, 95_400, 0.25, 21_600),
      point('2026-11-09', '2026-11-16', 2, 94_500, 1 / 3, 4_500),
      point('2026-11-16', '2026-11-20', 1, 111_600, 0, null),
    ],
    previous: {
      window: { ...PREVIOUS_WINDOW },
      benchmark: 'dora-2023',
      deploymentFrequency: {
        deployments: 2,
        perDay: 2 / 30,
        perWeek: (2 / 30) * 7,
        deploymentDays: 2,
        level: 'insufficient-data',
      },
      leadTime: {
        count: 3,
        median: 201_600,
        p75: 230_400,
        p90: 247_680,
        p95: 253_440,
        mean: 182_400,
        min: 86_400,
        max: 259_200,
        excluded: 0,
        level: 'high',
      },
      changeFailureRate: { failed: 0, total: 2, rate: 0, level: 'insufficient-data' },
      recoveryTime: { ...EMPTY_DISTRIBUTION, open: 0, level: 'insufficient-data' },
      timeToRestore: { ...EMPTY_DISTRIBUTION },
      reworkRate: { rework: 0, total: 2, rate: 0 },
      overall: 'insufficient-data',
      audit: {
        failures: [],
        leadTimes: [
          { changeId: 'acme/shop#8', deploymentId: 'acme/shop:deployment:99', seconds: 86_400 },
          { changeId: 'acme/shop#9', deploymentId: 'acme/shop:deployment:99', seconds: 201_600 },
          { changeId: 'acme/api#39', deploymentId: 'acme/api:run:4990', seconds: 259_200 },
        ],
      },
    },
    audit: {
      failures: [
        { deploymentId: 'acme/shop:deployment:102', reasons: [{ kind: 'deployment-failed' }] },
        {
          deploymentId: 'acme/shop:deployment:104',
          reasons: [{ kind: 'incident', ref: 'pagerduty:PINC1' }],
        },
        {
          deploymentId: 'acme/shop:deployment:106',
          reasons: [{ kind: 'reverted', ref: 'acme/shop#18' }],
        },
        { deploymentId: 'acme/api:run:5003', reasons: [{ kind: 'deployment-failed' }] },
      ],
      leadTimes,
    },
  };
}

function fullInfo(): RunInfo {
  return {
    repositories: ['acme/shop', 'acme/api'],
    environment: 'production',
    sources: {
      deployments: { 'acme/shop': 'deployments', 'acme/api': 'workflow-runs' },
      changes: 'github-pull-requests',
      incidents: ['pagerduty', 'github-issues'],
    },
    collected: { from: '2026-09-20T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    events: { deployments: 16, changes: 17, incidents: 3 },
    baselines: [
      {
        repository: 'acme/shop',
        environment: 'production',
        deploymentId: 'acme/shop:deployment:99',
        finishedAt: '2026-10-10T12:00:00.000Z',
        boundedAt: '2026-09-20T00:00:00.000Z',
      },
      {
        repository: 'acme/api',
        environment: 'production',
        deploymentId: 'acme/api:run:4990',
        finishedAt: '2026-10-15T08:00:00.000Z',
        boundedAt: '2026-09-20T00:00:00.000Z',
      },
    ],
    api: {
      github: 57,
      notModified: 12,
      pagerduty: 3,
      githubRemaining: 4_943,
      graphqlRemaining: 4_980,
    },
    state: { backend: 'actions-cache', restored: true, saved: true },
    warnings: [],
    generatedAt: '2026-11-20T00:05:12.000Z',
  };
}

/** Two repositories, PagerDuty and issues, every failure reason the audit knows, a previous window. */
export function fullResult(): RunResult {
  return {
    data: {
      deployments: deployments.map((d) => ({ ...d })),
      changes: changes.map((c) => ({ ...c })),
      incidents: incidents.map((i) => ({ ...i })),
    },
    report: fullReport(),
    info: fullInfo(),
  };
}

/** A repository with nothing in it: every distribution null, nothing to compare with. */
export function emptyResult(): RunResult {
  const emptyLevels = {
    window: { ...WINDOW },
    benchmark: 'dora-2023',
    deploymentFrequency: {
      deployments: 0,
      perDay: 0,
      perWeek: 0,
      deploymentDays: 0,
      level: 'insufficient-data' as const,
    },
    leadTime: { ...EMPTY_DISTRIBUTION, excluded: 0, level: 'insufficient-data' as const },
    changeFailureRate: { failed: 0, total: 0, rate: null, level: 'insufficient-data' as const },
    recoveryTime: { ...EMPTY_DISTRIBUTION, open: 0, level: 'insufficient-data' as const },
    timeToRestore: { ...EMPTY_DISTRIBUTION },
    reworkRate: { rework: 0, total: 0, rate: null },
    overall: 'insufficient-data' as const,
    audit: { failures: [], leadTimes: [] },
  };
  const weeks = ['10-21', '10-26', '11-02', '11-09', '11-16', '11-20'];
  return {
    data: { deployments: [], changes: [], incidents: [] },
    report: {
      ...emptyLevels,
      series: weeks
        .slice(0, -1)
        .map((start, index) =>
          point(`2026-${start}`, `2026-${weeks[index + 1]}`, 0, null, null, null),
        ),
      previous: { ...emptyLevels, window: { ...PREVIOUS_WINDOW } },
    },
    info: {
      repositories: ['acme/empty'],
      environment: 'production',
      sources: {
        deployments: { 'acme/empty': 'workflow-runs' },
        changes: 'github-pull-requests',
        incidents: [],
      },
      collected: { from: '2026-09-20T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
      events: { deployments: 0, changes: 0, incidents: 0 },
      baselines: [],
      api: {
        github: 4,
        notModified: 0,
        pagerduty: 0,
        githubRemaining: 4_996,
        graphqlRemaining: null,
      },
      state: {
        backend: 'file',
        restored: false,
        saved: true,
        message: 'no earlier state: full collection',
      },
      warnings: [],
      generatedAt: '2026-11-20T00:01:00.000Z',
    },
  };
}

/** The full run, stopped early by the rate limit: a banner, warnings, and the API budget spent. */
export function partialResult(): RunResult {
  const result = fullResult();
  result.info.partial = {
    reason: 'GitHub rate limit reached; it resets at 2026-11-20T00:48:00Z, beyond max-wait (10m)',
  };
  result.info.warnings = [
    'acme/api: pull requests collected up to 2026-11-12 only; later changes are missing',
    'PagerDuty: 1 service not found (PXYZ123)',
  ];
  result.info.api = { ...result.info.api, github: 5_000, githubRemaining: 0 };
  return result;
}

/** The full run whose state could not be restored nor saved: the summary must say so and why. */
export function unsavedResult(): RunResult {
  const result = fullResult();
  result.info.state = {
    backend: 'actions-cache',
    restored: false,
    saved: false,
    message: 'cache service unavailable (HTTP 503); the next run collects everything again',
  };
  result.info.warnings = ['State not saved: cache service unavailable (HTTP 503)'];
  return result;
}

export const HOSTILE_TEXT =
  '<img src=x onerror=alert(1)> | **bold** [x](javascript:alert(1)) `code` @org/team';

/** Every untrusted string in the full run replaced by something that tries to break out. */
export function hostileResult(): RunResult {
  const result = fullResult();
  for (const c of result.data.changes) {
    c.title = `${HOSTILE_TEXT}\n# heading\r\n- item`;
    c.author = '@octocat</td><script>alert(1)</script>';
    c.branch = 'feature/<b>x</b>|y';
  }
  const hostileRepository = 'acme/shop<script>';
  result.info.repositories = [hostileRepository, 'acme/api'];
  result.info.sources.deployments = { [hostileRepository]: 'deployments', 'acme/api': '[x](y)' };
  result.info.environment = 'prod|`uction`';
  result.info.partial = { reason: `${HOSTILE_TEXT}\n\n## injected heading` };
  result.info.warnings = [HOSTILE_TEXT, '</details><details open><summary>pwned</summary>'];
  result.info.state = { ...result.info.state, saved: false, message: HOSTILE_TEXT };
  return result;
}
