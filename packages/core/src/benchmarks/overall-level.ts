import type { Level } from '../types.js';
import type { RatedLevel } from './profile.js';

const WORST_FIRST: readonly RatedLevel[] = ['low', 'medium', 'high', 'elite'];

/**
 * The overall level is the lowest of the rated levels, so it never claims more than the weakest
 * key. One unrated metric is tolerated: recovery time has no samples for a team whose deployments
 * rarely fail, and demanding it would deny exactly those teams an overall level. With two or more
 * unrated (or none rated), the overall level is `'insufficient-data'`.
 */
export function overallLevel(levels: readonly Level[]): Level {
  let unrated = 0;
  let lowest = WORST_FIRST.length;
  for (const level of levels) {
    if (level === 'insufficient-data') {
      unrated += 1;
      continue;
    }
    lowest = Math.min(lowest, WORST_FIRST.indexOf(level));
  }
  const rated = WORST_FIRST[lowest];
  if (unrated > 1 || rated === undefined) return 'insufficient-data';
  return rated;
}
