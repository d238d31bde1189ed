import type { DoraReport, Level } from '@dora/core';
import { formatDuration, formatFrequency, formatPercent, levelLabel } from './format.js';

/**
 * A shields.io endpoint badge, exactly the keys the endpoint accepts and no others (it rejects unknown keys).
 * https://shields.io/badges/endpoint-badge
 */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

const LEVEL_COLOR: Record<Level, string> = {
  elite: 'brightgreen',
  high: 'green',
  medium: 'yellow',
  low: 'orange',
  'insufficient-data': 'lightgrey',
};

// Rework rate has no benchmark band: a neutral colour says "measured" without judging.
const UNRATED_COLOR = 'blue';
const NO_DATA = 'no data';

function badge(label: string, message: string, color: string): ShieldsEndpoint {
  return { schemaVersion: 1, label, message: message === '' ? NO_DATA : message, color };
}

function leveled(label: string, message: string, level: Level): ShieldsEndpoint {
  return badge(label, message, LEVEL_COLOR[level]);
}

/** One endpoint JSON per measure and one for the overall level, keyed by file name. */
export function renderBadges(report: DoraReport): Record<string, ShieldsEndpoint> {
  const { deploymentFrequency, leadTime, changeFailureRate, recoveryTime, reworkRate } = report;
  return {
    'deployment-frequency.json': leveled(
      'deployment frequency',
      formatFrequency(deploymentFrequency.perDay),
      deploymentFrequency.level,
    ),
    'lead-time.json': leveled('lead time', formatDuration(leadTime.median), leadTime.level),
    'change-failure-rate.json': leveled(
      'change failure rate',
      formatPercent(changeFailureRate.rate),
      changeFailureRate.level,
    ),
    'recovery-time.json': leveled(
      'recovery time',
      formatDuration(recoveryTime.median),
      recoveryTime.level,
    ),
    'rework-rate.json': badge(
      'rework rate',
      formatPercent(reworkRate.rate),
      reworkRate.rate === null ? LEVEL_COLOR['insufficient-data'] : UNRATED_COLOR,
    ),
    'dora-level.json': leveled(
      'DORA level',
      levelLabel(report.overall).toLowerCase(),
      report.overall,
    ),
  };
}
