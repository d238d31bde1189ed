import type { LevelsProfile } from './profile.js';
import { atLeast, atMost, below, row } from './rows.js';
import { GAP_RULE, RECALLED } from './sources.js';
import { DAY, MONTH, ONCE_PER_DAY, ONCE_PER_MONTH, WEEK } from './units.js';

const S = `DORA 2022 Accelerate State of DevOps report, performance table (${RECALLED})`;

/**
 * DORA 2022: three clusters only (high, medium, low), so this profile never awards Elite.
 * Every number is unverified: never the default.
 */
export const dora2022: LevelsProfile = {
  id: 'dora-2022',
  kind: 'levels',
  year: 2022,
  title: 'DORA 2022 Accelerate State of DevOps report',
  verified: false,
  notes:
    'Three clusters, no Elite. Every threshold is unverified (recalled, not read in the report). The recovery metric is time to restore service.',
  metrics: {
    deploymentFrequency: {
      metric: 'deploymentFrequency',
      unit: 'per-day',
      better: 'higher',
      reportedAs: 'Deployment frequency',
      derivation: `${GAP_RULE} "On-demand" is read as at least one deployment per day; the gap between daily and weekly falls to Medium.`,
      rows: [
        row('high', 'On-demand (multiple deploys per day)', atLeast(ONCE_PER_DAY), S, false),
        row(
          'medium',
          'Between once per week and once per month',
          atLeast(ONCE_PER_MONTH),
          S,
          false,
        ),
        row('low', 'Between once per month and once every six months', undefined, S, false),
      ],
    },
    leadTime: {
      metric: 'leadTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Lead time for changes',
      derivation: `${GAP_RULE} Anything under one week is High (the report's best band starts at one day).`,
      rows: [
        row('high', 'Between one day and one week', below(WEEK), S, false),
        row('medium', 'Between one week and one month', below(MONTH), S, false),
        row('low', 'Between one month and six months', undefined, S, false),
      ],
    },
    changeFailureRate: {
      metric: 'changeFailureRate',
      unit: 'fraction',
      better: 'lower',
      reportedAs: 'Change failure rate',
      derivation: `${GAP_RULE} Upper limits inclusive; the gap between 30% and 46% falls to Low.`,
      rows: [
        row('high', '0-15%', atMost(0.15), S, false),
        row('medium', '16-30%', atMost(0.3), S, false),
        row('low', '46-60%', undefined, S, false),
      ],
    },
    recoveryTime: {
      metric: 'recoveryTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Time to restore service',
      derivation: GAP_RULE,
      rows: [
        row('high', 'Less than one day', below(DAY), S, false),
        row('medium', 'Between one day and one week', below(WEEK), S, false),
        row('low', 'Between one week and one month', undefined, S, false),
      ],
    },
  },
};
