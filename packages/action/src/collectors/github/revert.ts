/** What a pull request's title and body say it reverts. */
export interface RevertRefs {
  /** The reverted change's title, from `Revert "<title>"` (one level unwrapped). */
  title?: string;
  /** Commit shas from `This reverts commit <sha>.` (7 to 40 hex digits, lower case). */
  shas: string[];
  /** Pull request numbers in this repository from `This reverts #12` / `Reverts owner/repo#12`. */
  numbers: number[];
}

/** A change as revert resolution needs it. */
export interface RevertSubject {
  id: string;
  title: string;
  mergedAtMs: number;
}

/** Where a change can be found by what a revert names. */
export interface RevertIndex {
  /** Every known change with its title and merge time (earlier runs included). */
  changes: readonly RevertSubject[];
  /** Commit sha (merge commit or one of its commits) -> change id. */
  bySha: ReadonlyMap<string, string>;
}

const TITLE = /^Revert "(.*)"$/s;
const SHA = /\bThis reverts commit ([0-9a-f]{7,40})\b/gi;
// `This reverts #12`, `Reverts #12`, `Reverts acme/shop#12` (GitHub's own revert button writes the last form).
const NUMBER = /\breverts\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/gi;

/**
 * Reads the revert references of a pull request.
 *
 * @example
 * parseRevertRefs('Revert "Add cart"', 'This reverts commit abc1234.', 'acme/shop')
 * //=> { title: 'Add cart', shas: ['abc1234'], numbers: [] }
 */
export function parseRevertRefs(title: string, body: string, repo: string): RevertRefs {
  const refs: RevertRefs = { shas: [], numbers: [] };
  const inner = TITLE.exec(title.trim())?.[1];
  if (inner !== undefined && inner !== '') refs.title = inner;
  for (const m of body.matchAll(SHA)) {
    const sha = m[1]?.toLowerCase();
    if (sha !== undefined && !refs.shas.includes(sha)) refs.shas.push(sha);
  }
  for (const m of body.matchAll(NUMBER)) {
    const named = m[1];
    if (named !== undefined && named.toLowerCase() !== repo.toLowerCase()) continue;
    const n = Number(m[2]);
    if (Number.isSafeInteger(n) && n > 0 && !refs.numbers.includes(n)) refs.numbers.push(n);
  }
  return refs;
}

/**
 * The id of the change a revert reverts, or undefined. The body's explicit references win over the title,
 * because titles repeat; among same-titled changes the latest merged before the revert is taken.
 */
export function resolveRevert(
  revert: RevertSubject,
  refs: RevertRefs,
  repo: string,
  index: RevertIndex,
): string | undefined {
  for (const n of refs.numbers) {
    const id = `${repo}#${n}`;
    if (id !== revert.id) return id;
  }
  for (const sha of refs.shas) {
    const id = findBySha(index.bySha, sha);
    if (id !== undefined && id !== revert.id) return id;
  }
  if (refs.title === undefined) return undefined;
  let best: RevertSubject | undefined;
  for (const c of index.changes) {
    if (c.id === revert.id || c.title !== refs.title || c.mergedAtMs > revert.mergedAtMs) continue;
    if (best === undefined || c.mergedAtMs > best.mergedAtMs) best = c;
  }
  return best?.id;
}

function findBySha(bySha: ReadonlyMap<string, string>, sha: string): string | undefined {
  const exact = bySha.get(sha);
  if (exact !== undefined || sha.length === 40) return exact;
  // An abbreviated sha: only a unique prefix match counts.
  let found: string | undefined;
  for (const [full, id] of bySha) {
    if (!full.startsWith(sha)) continue;
    if (found !== undefined && found !== id) return undefined;
    found = id;
  }
  return found;
}
