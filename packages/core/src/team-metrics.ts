import { analyse } from './analysis.js';
import { buckets } from './buckets.js';
import { distribution } from './distribution.js';
import { DoraInputError } from './errors.js';
import { optionalInstant, requireInstant, toIso } from './instant.js';
import { changeText } from './normalize.js';
import type { DoraData, DoraOptions, TeamMembership, TeamMetricsResult } from './types.js';

export type TeamMetricsOptions = Pick<DoraOptions, 'window' | 'now' | 'environment' | 'bucket'>;

/** The team of changes whose author is in no team at merge time. */
export const UNASSIGNED_TEAM = '(unassigned)';

interface NMembership {
  team: string;
  joinedAt: number;
  leftAt: number;
  weight: number;
}

function normaliseMemberships(memberships: readonly TeamMembership[]): Map<string, NMembership[]> {
  if (!Array.isArray(memberships)) {
    throw new DoraInputError('memberships', 'team', 'memberships must be an array');
  }
  const byMember = new Map<string, NMembership[]>();
  memberships.forEach((m: TeamMembership, i) => {
    const record = `memberships[${i}]`;
    if (typeof m !== 'object' || m === null) {
      throw new DoraInputError(record, 'team', 'the record must be an object');
    }
    if (typeof m.team !== 'string' || m.team === '') {
      throw new DoraInputError(record, 'team', 'is required (a non-empty string)');
    }
    if (typeof m.member !== 'string' || m.member === '') {
      throw new DoraInputError(record, 'member', 'is required (a non-empty string)');
    }
    const weight = m.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new DoraInputError(record, 'weight', 'must be a finite number >= 0');
    }
    const entry: NMembership = {
      team: m.team,
      joinedAt: requireInstant(m.joinedAt, record, 'joinedAt'),
      leftAt: optionalInstant(m.leftAt, record, 'leftAt') ?? Number.POSITIVE_INFINITY,
      weight,
    };
    const list = byMember.get(m.member);
    if (list === undefined) byMember.set(m.member, [entry]);
    else list.push(entry);
  });
  return byMember;
}

interface TeamAccumulator {
  changes: number;
  leadTimes: number[];
  merged: Float64Array;
  cycleWeighted: Float64Array;
  cycleWeight: Float64Array;
}

function accumulator(bucketCount: number): TeamAccumulator {
  return {
    changes: 0,
    leadTimes: [],
    merged: new Float64Array(bucketCount),
    cycleWeighted: new Float64Array(bucketCount),
    cycleWeight: new Float64Array(bucketCount),
  };
}

/** The bucket holding `t`: the last whose start is `<= t`. */
function bucketIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/**
 * Per-team view of the changes merged in the window. A change belongs to every team its author
 * is a member of at `mergedAt` (`joinedAt <= mergedAt < leftAt`), counted with that
 * membership's weight (each matching membership counts). Lead time samples are unweighted,
 * `s(c).finishedAt − firstCommitAt` of the team's changes that shipped (negatives left out).
 * Teams come sorted by name, every team named in `memberships` included, then
 * `'(unassigned)'` when it has changes.
 */
export function teamMetrics(
  data: DoraData,
  memberships: TeamMembership[],
  options: TeamMetricsOptions,
): TeamMetricsResult[] {
  const a = analyse(data, options, false);
  const byMember = normaliseMemberships(memberships);
  const { range } = a.options;
  const ranges = buckets(range, a.options.bucket);
  const starts = ranges.map((r) => r.from);
  const teams = new Map<string, TeamAccumulator>();
  for (const list of byMember.values()) {
    for (const m of list) if (!teams.has(m.team)) teams.set(m.team, accumulator(ranges.length));
  }
  const { changes } = a.data;
  const { ship } = a.links;
  const { t } = a.production;
  const add = (team: string, c: number, mergedAt: number, weight: number, seen: Set<string>) => {
    let acc = teams.get(team);
    if (acc === undefined) {
      acc = accumulator(ranges.length);
      teams.set(team, acc);
    }
    acc.changes += weight;
    const b = bucketIndex(starts, mergedAt);
    acc.merged[b] = (acc.merged[b] as number) + weight;
    const firstCommitAt = changes.firstCommitAt[c] as number;
    const cycle = (mergedAt - firstCommitAt) / 1000;
    if (cycle >= 0) {
      acc.cycleWeighted[b] = (acc.cycleWeighted[b] as number) + weight * cycle;
      acc.cycleWeight[b] = (acc.cycleWeight[b] as number) + weight;
    }
    const p = ship[c] as number;
    const shippedAt = p < 0 ? Number.NaN : (t[p] as number);
    if (!seen.has(team) && shippedAt >= firstCommitAt) {
      acc.leadTimes.push((shippedAt - firstCommitAt) / 1000);
    }
    seen.add(team);
  };
  const mergedColumn = changes.mergedAt;
  for (let c = 0; c < changes.length; c++) {
    // An absent mergedAt is NaN: never in the window.
    const mergedAt = mergedColumn[c] as number;
    if (!(mergedAt >= range.from && mergedAt < range.to)) continue;
    const seen = new Set<string>();
    const author = changeText(changes, c, 'author');
    const list = author === undefined ? undefined : byMember.get(author);
    for (const m of list ?? []) {
      if (m.joinedAt <= mergedAt && mergedAt < m.leftAt) add(m.team, c, mergedAt, m.weight, seen);
    }
    if (seen.size === 0) add(UNASSIGNED_TEAM, c, mergedAt, 1, seen);
  }
  const names = [...teams.keys()].filter((t) => t !== UNASSIGNED_TEAM).sort();
  if (teams.has(UNASSIGNED_TEAM)) names.push(UNASSIGNED_TEAM);
  return names.map((team) => {
    const acc = teams.get(team) as TeamAccumulator;
    return {
      team,
      changes: acc.changes,
      leadTime: distribution(acc.leadTimes),
      velocity: ranges.map((r, i) => ({
        start: toIso(r.from),
        merged: acc.merged[i] as number,
        avgCycleTimeSeconds:
          (acc.cycleWeight[i] as number) > 0
            ? (acc.cycleWeighted[i] as number) / (acc.cycleWeight[i] as number)
            : null,
      })),
    };
  });
}
