import type { Figures } from './duckdb.js';

export interface Run {
  loadMs: number;
  queryMs: number;
  totalMs: number;
  /** Peak V8 heap during the call above the heap holding the input; null where not meaningful. */
  heapAboveInput: number | null;
  /** Peak resident set during the call above the resident set holding the input. */
  rssAboveInput: number;
  /** computeDora only: reading the report's audit lists afterwards, which builds them. */
  auditReadMs?: number;
}

export interface EngineResult {
  engine: string;
  size: number;
  generateMs: number;
  /** V8 heap taken by the generated input itself. */
  inputHeap: number;
  runs: Run[];
  medianTotalMs: number;
  figures: Figures;
}

/** The median of a small list (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return 0;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
