import type { LevelsProfile } from './profile.js';
import { atLeast, atMost, below, row } from './rows.js';
import { DEVLAKE_BENCHMARKS, DEVLAKE_CFR_DOC, GAP_RULE, RECALLED } from './sources.js';
import { DAY, HOUR, MONTH, ONCE_PER_DAY, ONCE_PER_MONTH, ONCE_PER_WEEK, WEEK } from './units.js';

const S = `DORA 2023 Accelerate State of DevOps report, as encoded in ${DEVLAKE_BENCHMARKS}, DoraReport "2023"`;
const CFR = `DORA 2023 report cluster averages (Elite 5%, High 10%, Medium 15%, Low 64%); ranges from ${DEVLAKE_CFR_DOC} and ${DEVLAKE_BENCHMARKS}`;

/**
 * DORA 2023: four clusters. The report publishes change failure rate as cluster averages; the
 * other three metrics as bands. The recovery metric is failed deployment recovery time (new in 2023).
 */
export const dora2023: LevelsProfile = {
  id: 'dora-2023',
  kind: 'levels',
  year: 2023,
  title: 'DORA 2023 Accelerate State of DevOps report',
  verified: true,
  notes:
    "Bands as Apache DevLake encodes the 2023 report. DevLake smooths the report's Low rows, which overlap Medium for deployment frequency and lead time (unverified); the smoothed rows are used.",
  metrics: {
    deploymentFrequency: {
      metric: 'deploymentFrequency',
      unit: 'per-day',
      better: 'higher',
      reportedAs: 'Deployment frequency',
      derivation: `${GAP_RULE} "On-demand (multiple deploys per day)" is read as at least one deployment per day on average. The report's Low row reportedly repeats Medium's band (${RECALLED}); DevLake's "fewer than once per month" is used.`,
      rows: [
        row('elite', 'On-demand (multiple deploys per day)', atLeast(ONCE_PER_DAY), S),
        row('high', 'Between once per day and once per week', atLeast(ONCE_PER_WEEK), S),
        row('medium', 'Between once per week and once per month', atLeast(ONCE_PER_MONTH), S),
        row('low', 'Fewer than once per month', undefined, S),
      ],
    },
    leadTime: {
      metric: 'leadTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Change lead time',
      derivation: `${GAP_RULE} The report's Low row reportedly repeats Medium's band (${RECALLED}); DevLake's "more than one month" is used.`,
      rows: [
        row('elite', 'Less than one day', below(DAY), S),
        row('high', 'Between one day and one week', below(WEEK), S),
        row('medium', 'Between one week and one month', below(MONTH), S),
        row('low', 'More than one month', undefined, S),
      ],
    },
    changeFailureRate: {
      metric: 'changeFailureRate',
      unit: 'fraction',
      better: 'lower',
      reportedAs: 'Change failure rate',
      derivation:
        "The report gives cluster averages, not ranges: Elite 5%, High 10%, Medium 15%, Low 64%. As in DevLake, each of the first three averages is taken as that level's inclusive upper limit: (0, 5%] Elite, (5%, 10%] High, (10%, 15%] Medium, above 15% Low.",
      rows: [
        row('elite', '5% (cluster average)', atMost(0.05), CFR),
        row('high', '10% (cluster average)', atMost(0.1), CFR),
        row('medium', '15% (cluster average)', atMost(0.15), CFR),
        row('low', '64% (cluster average)', undefined, CFR),
      ],
    },
    recoveryTime: {
      metric: 'recoveryTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Failed deployment recovery time',
      derivation: `${GAP_RULE} The report's Low row is reportedly "between one month and six months" (${RECALLED}); DevLake's "more than one week" is used, so the gap falls to Low.`,
      rows: [
        row('elite', 'Less than one hour', below(HOUR), S),
        row('high', 'Less than one day', below(DAY), S),
        row('medium', 'Between one day and one week', below(WEEK), S),
        row('low', 'More than one week', undefined, S),
      ],
    },
  },
};
