export type Preset = 'quiet' | 'busy' | 'multi-repo' | 'sample';

export interface RepoPlan {
  owner: string;
  name: string;
  pullRequests: number;
  deploys: number;
  /** PagerDuty services this repository's incidents are filed under (the first most often). */
  services: string[];
}

export interface PresetPlan {
  now: string;
  days: number;
  repos: RepoPlan[];
  services: Array<{ id: string; name: string; repositories: string[] }>;
  /** Chance that a successful deploy causes an incident. */
  incidentRate: number;
  /** Chance that an incident is also filed as a GitHub issue labelled `incident`. */
  issueRate: number;
  /** Share of PRs that get a CI run (noise for workflow filters). */
  ciRate: number;
  hostileTitles: boolean;
}

const NOW = '2026-11-20T00:00:00Z';

export const PRESETS: Record<Preset, PresetPlan> = {
  quiet: {
    now: NOW,
    days: 21,
    repos: [{ owner: 'acme', name: 'shop', pullRequests: 9, deploys: 7, services: ['PSHOP01'] }],
    services: [{ id: 'PSHOP01', name: 'shop-api', repositories: ['acme/shop'] }],
    incidentRate: 0.3,
    issueRate: 0.5,
    ciRate: 0.5,
    hostileTitles: false,
  },
  sample: {
    now: NOW,
    days: 92,
    repos: [
      { owner: 'acme', name: 'shop', pullRequests: 300, deploys: 240, services: ['PSHOP01'] },
    ],
    services: [{ id: 'PSHOP01', name: 'shop-api', repositories: ['acme/shop'] }],
    incidentRate: 0.08,
    issueRate: 0.3,
    ciRate: 0.3,
    hostileTitles: true,
  },
  busy: {
    now: NOW,
    days: 365,
    repos: [
      { owner: 'acme', name: 'shop', pullRequests: 8000, deploys: 6000, services: ['PSHOP01'] },
    ],
    services: [{ id: 'PSHOP01', name: 'shop-api', repositories: ['acme/shop'] }],
    incidentRate: 0.05,
    issueRate: 0.2,
    ciRate: 0.25,
    hostileTitles: false,
  },
  'multi-repo': {
    now: NOW,
    days: 90,
    repos: [
      {
        owner: 'acme',
        name: 'api',
        pullRequests: 150,
        deploys: 120,
        services: ['PAPI001', 'PSHARED'],
      },
      { owner: 'acme', name: 'web', pullRequests: 120, deploys: 100, services: ['PWEB001'] },
      { owner: 'acme', name: 'worker', pullRequests: 60, deploys: 40, services: ['PSHARED'] },
    ],
    services: [
      { id: 'PAPI001', name: 'api', repositories: ['acme/api'] },
      { id: 'PWEB001', name: 'web', repositories: ['acme/web'] },
      { id: 'PSHARED', name: 'platform', repositories: ['acme/api', 'acme/worker'] },
    ],
    incidentRate: 0.1,
    issueRate: 0.3,
    ciRate: 0.3,
    hostileTitles: false,
  },
};

export const HOSTILE_TITLES = [
  '<script>alert(1)</script> | pipes *stars* [link](javascript:x)',
  'Fix `code` & <b>bold</b> | table | cells',
  '@everyone ping #1 and ![img](http://x/y.png)',
  'Emoji 🚀 résumé ✓ — naïve \\ backslash',
  '<!-- comment --> _under_ ~~strike~~ <img src=x onerror=alert(1)>',
];

export const AUTHORS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
];

export const VERBS = [
  'Add',
  'Fix',
  'Refactor',
  'Update',
  'Remove',
  'Improve',
  'Speed up',
  'Document',
];
export const NOUNS = [
  'cart totals',
  'checkout flow',
  'login form',
  'search index',
  'payment retries',
  'order emails',
  'inventory sync',
  'price rounding',
  'admin dashboard',
  'API pagination',
  'session cache',
  'image resizing',
  'tax rules',
  'coupon codes',
  'shipping rates',
];
export const LABELS = ['feature', 'bug', 'chore', 'refactor', 'dependencies'];
export const INCIDENT_TITLES = [
  '5xx on checkout',
  'Latency spike on search',
  'Payments failing for EU cards',
  'Login errors after deploy',
  'Queue backlog growing',
  'Memory leak in API pods',
];
