/**
 * Defines `key` on `target` as an enumerable property whose value is built on its first read
 * and kept; a write replaces it. It reads like a data property (`JSON.stringify`, spread,
 * `structuredClone` and `Object.keys` all see it), but nothing is built unless it is read.
 * `build` is dropped once run, with whatever it holds.
 */
export function lazyProperty<T extends object, K extends keyof T>(
  target: T,
  key: K,
  build: () => T[K],
): void {
  let pending: (() => T[K]) | undefined = build;
  let value: T[K];
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      if (pending !== undefined) {
        value = pending();
        pending = undefined;
      }
      return value;
    },
    set(next: T[K]): void {
      value = next;
      pending = undefined;
    },
  });
}
