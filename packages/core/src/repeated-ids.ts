/**
 * The rows whose id occurs more than once, grouped by id: each group lists its rows in input
 * order, and the groups come in the order of their first row. Empty when every id is distinct.
 * `hashes` are the ids' hashes from `hashAll`.
 *
 * Ids that are only checked for repeats (deployments, incidents) need no table of a million
 * strings: each hash sets one bit of a bit set sixteen times larger than the rows (2 MB at a
 * million, within the processor's cache), and only the rows whose bit is set more than once
 * (about 6%) are then compared as strings.
 */
export function repeatedIds(ids: readonly string[], hashes: readonly number[]): number[][] {
  const n = ids.length;
  let size = 1024;
  while (size < n * 16) size *= 2;
  const mask = size - 1;
  const seen = new Int32Array(size >>> 5);
  const again = new Int32Array(size >>> 5);
  let clash = false;
  for (let i = 0; i < n; i++) {
    const b = (hashes[i] as number) & mask;
    const w = b >>> 5;
    const bit = 1 << (b & 31);
    if (((seen[w] as number) & bit) === 0) seen[w] = (seen[w] as number) | bit;
    else {
      again[w] = (again[w] as number) | bit;
      clash = true;
    }
  }
  if (!clash) return [];
  const byId = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const b = (hashes[i] as number) & mask;
    if (((again[b >>> 5] as number) & (1 << (b & 31))) === 0) continue;
    const id = ids[i] as string;
    const rows = byId.get(id);
    if (rows === undefined) byId.set(id, [i]);
    else rows.push(i);
  }
  const groups: number[][] = [];
  for (const rows of byId.values()) if (rows.length > 1) groups.push(rows);
  return groups;
}

/**
 * Whether a hash may be among a set's: a bit per hash in a set sixteen times larger than it
 * (so a stranger passes about once in sixteen). For scanning a million ids against a few.
 */
export class HashFilter {
  readonly #bits: Int32Array;
  readonly #mask: number;

  constructor(hashes: readonly number[]) {
    let size = 1024;
    while (size < hashes.length * 16) size *= 2;
    this.#mask = size - 1;
    this.#bits = new Int32Array(size >>> 5);
    for (let i = 0; i < hashes.length; i++) {
      const b = (hashes[i] as number) & this.#mask;
      this.#bits[b >>> 5] = (this.#bits[b >>> 5] as number) | (1 << (b & 31));
    }
  }

  mayHold(hash: number): boolean {
    const b = hash & this.#mask;
    return ((this.#bits[b >>> 5] as number) & (1 << (b & 31))) !== 0;
  }
}

/**
 * One row per id, given the groups of `repeatedIds` over `n` rows: the rows kept, in the order
 * of each id's first occurrence, a group's place taken by the row `later` prefers (`later(a, b)`:
 * row `a` replaces row `b`, asked in input order). Undefined when nothing repeats.
 */
export function keptRows(
  n: number,
  groups: readonly (readonly number[])[],
  later: (a: number, b: number) => boolean,
): number[] | undefined {
  if (groups.length === 0) return undefined;
  const dropped = new Uint8Array(n);
  const winners = new Map<number, number>();
  for (const rows of groups) {
    let winner = rows[0] as number;
    for (let k = 1; k < rows.length; k++) {
      const row = rows[k] as number;
      if (later(row, winner)) winner = row;
      dropped[row] = 1;
    }
    winners.set(rows[0] as number, winner);
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (dropped[i] === 0) kept.push(winners.get(i) ?? i);
  return kept;
}
