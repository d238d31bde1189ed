import type { BandRow, Edge, RatedLevel } from './profile.js';

/** Lower is better: qualifies when the value is strictly below `value`. */
export const below = (value: number): Edge => ({ value, inclusive: false });
/** Lower is better: qualifies when the value is at most `value`. */
export const atMost = (value: number): Edge => ({ value, inclusive: true });
/** Higher is better: qualifies when the value is at least `value`. */
export const atLeast = (value: number): Edge => ({ value, inclusive: true });
/** Higher is better: qualifies when the value is strictly above `value`. */
export const above = (value: number): Edge => ({ value, inclusive: false });

export function row(
  level: RatedLevel,
  reported: string,
  edge: Edge | undefined,
  source: string,
  verified = true,
): BandRow {
  return edge === undefined
    ? { level, reported, source, verified }
    : { level, reported, edge, source, verified };
}
