import type { QuickCheckAnswer, ScoreProfile } from './profile.js';
import { atLeast, below } from './rows.js';
import { QUICK_CHECK, QUICK_CHECK_2024, QUICK_CHECK_2025 } from './sources.js';
import {
  DAY,
  HOUR,
  MONTH,
  ONCE_PER_DAY,
  ONCE_PER_MONTH,
  ONCE_PER_SIX_MONTHS,
  ONCE_PER_WEEK,
  SIX_MONTHS,
  WEEK,
} from './units.js';

/** The Quick Check's answers for lead time and failure recovery, best first. */
const DURATION_ANSWERS: readonly QuickCheckAnswer[] = [
  { answer: 6, reported: 'Less than one hour', edge: below(HOUR) },
  { answer: 5, reported: 'Less than one day', edge: below(DAY) },
  { answer: 4, reported: 'One day to one week', edge: below(WEEK) },
  { answer: 3, reported: 'One week to one month', edge: below(MONTH) },
  { answer: 2, reported: 'One to six months', edge: below(SIX_MONTHS) },
  { answer: 1, reported: 'More than six months' },
];

const FREQUENCY_ANSWERS: readonly QuickCheckAnswer[] = [
  { answer: 6, reported: 'On demand (multiple deploys per day)', edge: atLeast(2 * ONCE_PER_DAY) },
  { answer: 5, reported: 'Between once per hour and once per day', edge: atLeast(ONCE_PER_DAY) },
  { answer: 4, reported: 'Between once per day and once per week', edge: atLeast(ONCE_PER_WEEK) },
  {
    answer: 3,
    reported: 'Between once per week and once per month',
    edge: atLeast(ONCE_PER_MONTH),
  },
  {
    answer: 2,
    reported: 'Between once per month and once every six months',
    edge: atLeast(ONCE_PER_SIX_MONTHS),
  },
  { answer: 1, reported: 'Less than once per six months' },
];

const ANSWERS = 'An answer a (1..6) scores (a - 1) x 2, as the Quick Check recodes 1..6 to 0..10.';
const PERCENT =
  'Score = 10 x (1 - rate): 0% scores 10, 100% scores 0, as the Quick Check recodes 0..100% to 10..0.';
const INVERTED =
  'The edition files store this mean on the raw 0..10 percentage scale; the Quick Check shows 10 minus it, which is the value here.';

/**
 * DORA 2025 ("State of AI-assisted Software Development"): no performance clusters (seven team
 * archetypes instead). Each metric gets the DORA Quick Check's 0..10 score, with the industry means
 * of the 2025 and 2024 editions as reference. The report gives no levels, so `Assessment.level`
 * under this profile comes from the bands of `levelsFrom` (the newest sourced levels profile).
 */
export const dora2025: ScoreProfile = {
  id: 'dora-2025',
  kind: 'score',
  year: 2025,
  title: 'DORA 2025 State of AI-assisted Software Development (Quick Check scores)',
  verified: true,
  levelsFrom: 'dora-2023',
  notes:
    'No clusters in 2025. Each metric is scored 0..10 (10 best) the way the DORA Quick Check scores its answers; the level next to the score comes from dora-2023 bands, because 2025 publishes none.',
  metrics: {
    deploymentFrequency: {
      metric: 'deploymentFrequency',
      unit: 'per-day',
      better: 'higher',
      reportedAs: 'Deployment frequency',
      source: QUICK_CHECK,
      verified: true,
      scale: { kind: 'answers', answers: FREQUENCY_ANSWERS },
      derivation: `${ANSWERS} The two best answers overlap in the Quick Check; "multiple deploys per day" is read as at least two a day on average and "between once per hour and once per day" as at least one a day. A month is 30 days.`,
      references: [
        {
          edition: '2025',
          industry: 'All industries',
          mean: 4.8,
          std: 2.8,
          source: QUICK_CHECK_2025,
          verified: true,
        },
        {
          edition: '2024',
          industry: 'All industries',
          mean: 5.3,
          std: 2.9,
          source: QUICK_CHECK_2024,
          verified: true,
        },
      ],
    },
    leadTime: {
      metric: 'leadTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Lead time for changes',
      source: QUICK_CHECK,
      verified: true,
      scale: { kind: 'answers', answers: DURATION_ANSWERS },
      derivation: `${ANSWERS} Each answer's upper limit is exclusive ("less than one hour"); a month is 30 days.`,
      references: [
        {
          edition: '2025',
          industry: 'All industries',
          mean: 5.5,
          std: 2.4,
          source: QUICK_CHECK_2025,
          verified: true,
        },
        {
          edition: '2024',
          industry: 'All industries',
          mean: 5.1,
          std: 2.6,
          source: QUICK_CHECK_2024,
          verified: true,
        },
      ],
    },
    changeFailureRate: {
      metric: 'changeFailureRate',
      unit: 'fraction',
      better: 'lower',
      reportedAs: 'Change fail rate',
      source: QUICK_CHECK,
      verified: true,
      scale: { kind: 'percentage' },
      derivation: `${PERCENT} ${INVERTED}`,
      references: [
        {
          edition: '2025',
          industry: 'All industries',
          mean: 8.1,
          std: 2.1,
          source: QUICK_CHECK_2025,
          verified: true,
        },
        {
          edition: '2024',
          industry: 'All industries',
          mean: 8.3,
          std: 2.0,
          source: QUICK_CHECK_2024,
          verified: true,
        },
      ],
    },
    recoveryTime: {
      metric: 'recoveryTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Failed deployment recovery time',
      source: QUICK_CHECK,
      verified: true,
      scale: { kind: 'answers', answers: DURATION_ANSWERS },
      derivation: `${ANSWERS} Each answer's upper limit is exclusive; a month is 30 days.`,
      references: [
        {
          edition: '2025',
          industry: 'All industries',
          mean: 7.4,
          std: 2.1,
          source: QUICK_CHECK_2025,
          verified: true,
        },
        {
          edition: '2024',
          industry: 'All industries',
          mean: 7.5,
          std: 2.3,
          source: QUICK_CHECK_2024,
          verified: true,
        },
      ],
    },
  },
  reworkRate: {
    metric: 'reworkRate',
    unit: 'fraction',
    better: 'lower',
    reportedAs: 'Deployment rework rate',
    source: QUICK_CHECK,
    verified: true,
    scale: { kind: 'percentage' },
    derivation: `${PERCENT} ${INVERTED} Asked only in the 2025 edition.`,
    references: [
      {
        edition: '2025',
        industry: 'All industries',
        mean: 7.8,
        std: 2.2,
        source: QUICK_CHECK_2025,
        verified: true,
      },
    ],
  },
};
