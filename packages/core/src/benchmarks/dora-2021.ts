import type { LevelsProfile } from './profile.js';
import { atLeast, atMost, below, row } from './rows.js';
import { DEVLAKE_BENCHMARKS, GAP_RULE, REPORT_2021_TABLE } from './sources.js';
import {
  DAY,
  HOUR,
  ONCE_PER_DAY,
  ONCE_PER_MONTH,
  ONCE_PER_SIX_MONTHS,
  SIX_MONTHS,
  WEEK,
} from './units.js';

const S = `${REPORT_2021_TABLE}; edges as in ${DEVLAKE_BENCHMARKS}, DoraReport "2021"`;

/**
 * DORA 2021: four clusters. The report's recovery metric that year is "time to restore service";
 * this profile applies its bands to failed deployment recovery time.
 */
export const dora2021: LevelsProfile = {
  id: 'dora-2021',
  kind: 'levels',
  year: 2021,
  title: 'DORA 2021 Accelerate State of DevOps report',
  verified: true,
  notes:
    'Thresholds from the report table as encoded by Apache DevLake. The 2021 recovery metric is time to restore service; its bands are applied to recoveryTime.',
  metrics: {
    deploymentFrequency: {
      metric: 'deploymentFrequency',
      unit: 'per-day',
      better: 'higher',
      reportedAs: 'Deployment frequency',
      derivation: `${GAP_RULE} "On-demand (multiple deploys per day)" is read as at least one deployment per day on average. The gap between on-demand and once per week falls to High (DevLake: "between once per day and once per month").`,
      rows: [
        row('elite', 'On-demand (multiple deploys per day)', atLeast(ONCE_PER_DAY), S),
        row('high', 'Between once per week and once per month', atLeast(ONCE_PER_MONTH), S),
        row(
          'medium',
          'Between once per month and once every 6 months',
          atLeast(ONCE_PER_SIX_MONTHS),
          S,
        ),
        row('low', 'Fewer than once per six months', undefined, S),
      ],
    },
    leadTime: {
      metric: 'leadTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Lead time for changes',
      derivation: `${GAP_RULE} The gap between one hour and one day falls to High, the gap between one week and one month to Medium (DevLake: "less than one week", "between one week and six months").`,
      rows: [
        row('elite', 'Less than one hour', below(HOUR), S),
        row('high', 'Between one day and one week', below(WEEK), S),
        row('medium', 'Between one month and six months', below(SIX_MONTHS), S),
        row('low', 'More than six months', undefined, S),
      ],
    },
    changeFailureRate: {
      metric: 'changeFailureRate',
      unit: 'fraction',
      better: 'lower',
      reportedAs: 'Change failure rate',
      derivation:
        'The report gives High, Medium and Low the same band (16-30%). DevLake splits it into 16-20% (High), 21-30% (Medium) and over 30% (Low); this profile takes that split with inclusive upper limits, so exactly 15% is Elite, 20% High, 30% Medium.',
      rows: [
        row('elite', '0-15%', atMost(0.15), S),
        row('high', '16-30% (DevLake: 16-20%)', atMost(0.2), S),
        row('medium', '16-30% (DevLake: 21-30%)', atMost(0.3), S),
        row('low', '16-30% (DevLake: over 30%)', undefined, S),
      ],
    },
    recoveryTime: {
      metric: 'recoveryTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Time to restore service',
      derivation: `${GAP_RULE} The gap between one week and six months falls to Low (DevLake: "more than one week").`,
      rows: [
        row('elite', 'Less than one hour', below(HOUR), S),
        row('high', 'Less than one day', below(DAY), S),
        row('medium', 'Between one day and one week', below(WEEK), S),
        row('low', 'More than six months', undefined, S),
      ],
    },
  },
};
