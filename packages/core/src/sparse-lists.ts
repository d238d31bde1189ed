/**
 * A list per row where most rows have none (failure reasons, reverts): one slot number per row
 * and lists only for the rows that have one, instead of a million empty arrays.
 */
export class SparseLists<T> {
  /** Per row: 0 for none, else 1 + the index of its list; allocated with the first list. */
  #slot: number[] | undefined;
  readonly #rows: number;
  readonly #lists: T[][] = [];

  constructor(rows: number) {
    this.#rows = rows;
  }

  add(row: number, item: T): void {
    this.#slot ??= new Array<number>(this.#rows).fill(0);
    const s = this.#slot[row] as number;
    if (s === 0) {
      this.#lists.push([item]);
      this.#slot[row] = this.#lists.length;
    } else (this.#lists[s - 1] as T[]).push(item);
  }

  /** The row's list (shared empty list when none); the caller must not keep it across `add`. */
  get(row: number): readonly T[] {
    const s = this.#slot === undefined ? 0 : (this.#slot[row] as number);
    return s === 0 ? NONE : (this.#lists[s - 1] as T[]);
  }

  /** Whether no row has a list. */
  isEmpty(): boolean {
    return this.#lists.length === 0;
  }

  has(row: number): boolean {
    return this.#slot !== undefined && this.#slot[row] !== 0;
  }

  /** Replaces every list by `fn(list)` (which must not be empty). */
  update(fn: (list: T[]) => T[]): void {
    const lists = this.#lists;
    for (let i = 0; i < lists.length; i++) lists[i] = fn(lists[i] as T[]);
  }
}

const NONE: readonly never[] = Object.freeze([]);
