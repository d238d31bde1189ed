import type { LevelsProfile } from './profile.js';
import { atLeast, atMost, below, row } from './rows.js';
import { GAP_RULE, RECALLED, REPORT_2024_TABLE } from './sources.js';
import { DAY, HOUR, MONTH, ONCE_PER_DAY, ONCE_PER_MONTH, ONCE_PER_WEEK, WEEK } from './units.js';

const S = REPORT_2024_TABLE;
const U = `DORA 2024 Accelerate State of DevOps report (${RECALLED})`;

/**
 * DORA 2024: four clusters (Elite 19%, High 22%, Medium 35%, Low 25%). Deployment frequency and
 * lead time are sourced; change failure rate is sourced for Elite and High only; failed deployment
 * recovery time is unverified. Partly unverified, so never the default.
 */
export const dora2024: LevelsProfile = {
  id: 'dora-2024',
  kind: 'levels',
  year: 2024,
  title: 'DORA 2024 Accelerate State of DevOps report',
  verified: false,
  notes:
    "Partly unverified: change failure rate Medium/Low and every recovery-time row. The report's change failure rate averages are not monotonic (Medium 10% is below High 20%), so Medium has an empty change-failure-rate band.",
  metrics: {
    deploymentFrequency: {
      metric: 'deploymentFrequency',
      unit: 'per-day',
      better: 'higher',
      reportedAs: 'Deployment frequency',
      derivation: `${GAP_RULE} "On demand" is read as at least one deployment per day on average; below once per month is Low.`,
      rows: [
        row('elite', 'On demand (multiple deploys per day)', atLeast(ONCE_PER_DAY), S),
        row('high', 'Between once per day and once per week', atLeast(ONCE_PER_WEEK), S),
        row('medium', 'Between once per week and once per month', atLeast(ONCE_PER_MONTH), S),
        row('low', 'Between once per month and once every six months', undefined, S),
      ],
    },
    leadTime: {
      metric: 'leadTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Change lead time',
      derivation: GAP_RULE,
      rows: [
        row('elite', 'Less than one day', below(DAY), S),
        row('high', 'Between one day and one week', below(WEEK), S),
        row('medium', 'Between one week and one month', below(MONTH), S),
        row('low', 'Between one month and six months', undefined, S),
      ],
    },
    changeFailureRate: {
      metric: 'changeFailureRate',
      unit: 'fraction',
      better: 'lower',
      reportedAs: 'Change fail rate',
      derivation:
        "The report gives cluster averages: Elite 5%, High 20%, Medium 10%, Low 40%. Each average is taken as its level's inclusive upper limit (the 2023 rule). Medium's 10% does not improve on High's 20%, so Medium's band is empty. Result: up to 5% Elite, up to 20% High, above 20% Low.",
      rows: [
        row('elite', '5% (cluster average)', atMost(0.05), S),
        row('high', '20% (cluster average)', atMost(0.2), S),
        row('medium', '10% (cluster average; empty band)', atMost(0.2), U, false),
        row('low', '40% (cluster average)', undefined, U, false),
      ],
    },
    recoveryTime: {
      metric: 'recoveryTime',
      unit: 'seconds',
      better: 'lower',
      reportedAs: 'Failed deployment recovery time',
      derivation: `${GAP_RULE} Medium's reported "less than one day" equals High's, so Medium's band is empty and values from one day up are Low.`,
      rows: [
        row('elite', 'Less than one hour', below(HOUR), U, false),
        row('high', 'Less than one day', below(DAY), U, false),
        row('medium', 'Less than one day (empty band)', below(DAY), U, false),
        row('low', 'Between one week and one month', undefined, U, false),
      ],
    },
  },
};
