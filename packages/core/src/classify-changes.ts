import { append, changeLabels, changeText, type NChange, type NormalData } from './normalize.js';

const REVERT_TITLE = /^Revert "(.+)"$/s;

export interface HotfixRule {
  labels: ReadonlySet<string>;
  branchPrefixes: readonly string[];
}

/** A hotfix carries a hotfix label or a hotfix branch prefix (both compared case-insensitively). */
export function isHotfix(c: NChange, rule: HotfixRule): boolean {
  const labels = changeLabels(c);
  if (labels !== undefined) {
    for (const label of labels) if (rule.labels.has(label.toLowerCase())) return true;
  }
  const headBranch = changeText(c, 'branch');
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
export function classifyChanges(data: NormalData, rule: HotfixRule): void {
  let byTitle: Map<string, NChange[]> | undefined;
  const { changes } = data;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as NChange;
    c.hotfix = isHotfix(c, rule);
    const title = changeText(c, 'title');
    const reverts = changeText(c, 'reverts');
    const titleMatch = title === undefined ? null : REVERT_TITLE.exec(title);
    c.revert = (reverts !== undefined && reverts !== '') || titleMatch !== null;
    if (!c.revert) continue;
    let target = reverts === undefined ? undefined : data.changeById.get(reverts);
    if ((target === undefined || target === c) && titleMatch?.[1] !== undefined) {
      byTitle ??= indexByTitle(data.changes);
      target = titleTarget(c, byTitle.get(titleMatch[1]));
    }
    if (target !== undefined && target !== c) target.revertedBy = append(target.revertedBy, c);
  }
}

function indexByTitle(changes: readonly NChange[]): Map<string, NChange[]> {
  const byTitle = new Map<string, NChange[]>();
  for (const c of changes) {
    const title = changeText(c, 'title');
    if (title === undefined) continue;
    const list = byTitle.get(title);
    if (list === undefined) byTitle.set(title, [c]);
    else list.push(c);
  }
  return byTitle;
}

function when(c: NChange): number {
  return c.mergedAt ?? c.firstCommitAt;
}

function titleTarget(revert: NChange, candidates: NChange[] | undefined): NChange | undefined {
  if (candidates === undefined) return undefined;
  const limit = when(revert);
  let best: NChange | undefined;
  for (const c of candidates) {
    if (c === revert || when(c) > limit) continue;
    if (
      revert.repository !== undefined &&
      c.repository !== undefined &&
      revert.repository !== c.repository
    ) {
      continue;
    }
    if (best === undefined || when(c) > when(best) || (when(c) === when(best) && c.id > best.id)) {
      best = c;
    }
  }
  return best;
}
