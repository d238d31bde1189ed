import type { Instant } from '@dora/core';

/** Previous events with this run's merged in by id: a newer copy replaces the older one. */
export function mergeById<T extends { id: string }>(
  previous: readonly T[],
  fresh: readonly T[],
): T[] {
  const byId = new Map<string, T>();
  for (const item of previous) byId.set(item.id, item);
  for (const item of fresh) byId.set(item.id, item);
  return [...byId.values()];
}

const ms = (t: Instant | undefined): number => (t === undefined ? 0 : new Date(t).getTime());

/** A stable order (by time, then id), so equal event sets serialise identically. */
export function byTimeThenId<T extends { id: string }>(time: (item: T) => Instant | undefined) {
  return (a: T, b: T): number =>
    ms(time(a)) - ms(time(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Runs `task` over `items` with at most `limit` at once, keeping the input order in the output. */
export async function mapLimit<I, O>(
  items: readonly I[],
  limit: number,
  task: (item: I) => Promise<O>,
): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await task(items[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
