import {
  type Changes,
  changeLabels,
  changeMergedAt,
  changeText,
  type NormalData,
} from './normalize.js';
import { SparseLists } from './sparse-lists.js';

const REVERT_TITLE = /^Revert "(.+)"$/s;
const REVERT_PREFIX = 'Revert "';

/** Bits of `ChangeClasses.flags`. */
export const HOTFIX = 1;
export const REVERT = 2;

export interface HotfixRule {
  labels: ReadonlySet<string>;
  branchPrefixes: readonly string[];
}

export interface ChangeClasses {
  /** Per change row: `HOTFIX` and `REVERT` bits. */
  flags: Uint8Array;
  /** Per change row: the rows of the changes that revert it. */
  revertedBy: SparseLists<number>;
  /** Whether any change is a hotfix (most histories carry none). */
  anyHotfix: boolean;
}

/** A hotfix carries a hotfix label or a hotfix branch prefix (both compared case-insensitively). */
export function isHotfix(changes: Changes, row: number, rule: HotfixRule): boolean {
  const labels = changeLabels(changes, row);
  if (labels !== undefined) {
    for (const label of labels) if (rule.labels.has(label.toLowerCase())) return true;
  }
  const headBranch = changeText(changes, row, 'branch');
  if (headBranch !== undefined) {
    const branch = headBranch.toLowerCase();
    for (const prefix of rule.branchPrefixes) if (branch.startsWith(prefix)) return true;
  }
  return false;
}

/**
 * Marks hotfixes and reverts, and links each revert to the change it reverts: by `reverts`
 * when it names a change in the input, else by a title `Revert "<title>"`, choosing among the
 * changes with exactly that title (same repository when both name one) the one merged last
 * at or before the revert (merge time, else first commit; ties by id).
 */
export function classifyChanges(data: NormalData, rule: HotfixRule): ChangeClasses {
  const { changes } = data;
  const flags = new Uint8Array(changes.length);
  const revertedBy = new SparseLists<number>(changes.length);
  let byTitle: Map<string, number[]> | undefined;
  let anyHotfix = false;
  for (let i = 0; i < changes.length; i++) {
    const hotfix = isHotfix(changes, i, rule);
    if (hotfix) anyHotfix = true;
    const title = changeText(changes, i, 'title');
    const reverts = changeText(changes, i, 'reverts');
    // The prefix test first: a million titles through the expression cost more than the rest.
    const titleMatch =
      title === undefined || !title.startsWith(REVERT_PREFIX) ? null : REVERT_TITLE.exec(title);
    const revert = (reverts !== undefined && reverts !== '') || titleMatch !== null;
    flags[i] = (hotfix ? HOTFIX : 0) | (revert ? REVERT : 0);
    if (!revert) continue;
    let target = reverts === undefined ? -1 : data.changeById.get(reverts);
    if ((target < 0 || target === i) && titleMatch?.[1] !== undefined) {
      byTitle ??= indexByTitle(changes);
      target = titleTarget(changes, i, byTitle.get(titleMatch[1]));
    }
    if (target >= 0 && target !== i) revertedBy.add(target, i);
  }
  return { flags, revertedBy, anyHotfix };
}

function indexByTitle(changes: Changes): Map<string, number[]> {
  const byTitle = new Map<string, number[]>();
  for (let i = 0; i < changes.length; i++) {
    const title = changeText(changes, i, 'title');
    if (title === undefined) continue;
    const list = byTitle.get(title);
    if (list === undefined) byTitle.set(title, [i]);
    else list.push(i);
  }
  return byTitle;
}

function titleTarget(changes: Changes, revert: number, candidates: number[] | undefined): number {
  if (candidates === undefined) return -1;
  const when = (row: number): number => {
    const m = changeMergedAt(changes, row);
    return Number.isNaN(m) ? (changes.firstCommitAt[row] as number) : m;
  };
  const limit = when(revert);
  const repository = changes.repository[revert];
  let best = -1;
  for (const c of candidates) {
    if (c === revert || when(c) > limit) continue;
    const other = changes.repository[c];
    if (repository !== undefined && other !== undefined && repository !== other) continue;
    if (
      best < 0 ||
      when(c) > when(best) ||
      (when(c) === when(best) && (changes.id[c] as string) > (changes.id[best] as string))
    ) {
      best = c;
    }
  }
  return best;
}
