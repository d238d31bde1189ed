/** A list of `n` numbers, all `value`. */
export function filled(n: number, value: number): number[] {
  if (value === (value | 0)) return new Array<number>(n).fill(value);
  // `new Array(n)` starts as a list of small integers, and filling it with a double (NaN) converts
  // it to a list of doubles, a second pass over fresh memory: three times slower at a million.
  // A list that starts from a double is created as doubles.
  const out = [value];
  out.length = n;
  return out.fill(value);
}
