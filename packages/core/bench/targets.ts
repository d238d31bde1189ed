import { differences } from './figures.js';
import type { EngineResult } from './results.js';

export type Status = 'PASS' | 'FAIL' | 'SKIP';
export interface TargetCheck {
  name: string;
  status: Status;
  detail: string;
}

export const TARGET_SIZE = 1_000_000;
export const TIME_LIMIT_MS = 3000;
export const DUCKDB_SHARE = 0.5;
export const MEMORY_LIMIT_BYTES = 500 * 1024 * 1024;
/** Growth exponent allowed between the two largest sizes: n log n gives about 1.08 from 100k to 1M. */
export const MAX_GROWTH_EXPONENT = 1.2;
/** Figures that must be equal between computeDora and every DuckDB loader. */
export const ASSERTED_FIGURES = ['deployments', 'leadTimeMedian'] as const;

const MB = 1024 * 1024;
const ms = (x: number): string => `${Math.round(x)} ms`;

export function peakAboveInput(result: EngineResult): number {
  return Math.max(...result.runs.map((r) => Math.max(r.heapAboveInput ?? 0, r.rssAboveInput)));
}

/** The performance targets, judged at 1,000,000 events (SKIP when that size was not run). */
export function checkTargets(results: readonly EngineResult[]): TargetCheck[] {
  const dora = results.filter((r) => r.engine === 'computeDora').sort((a, b) => a.size - b.size);
  const atTarget = dora.find((r) => r.size === TARGET_SIZE);
  const duck = results.filter((r) => r.engine !== 'computeDora' && r.size === TARGET_SIZE);
  const checks: TargetCheck[] = [];
  const skip = (name: string): TargetCheck => ({
    name,
    status: 'SKIP',
    detail: `not run at ${TARGET_SIZE.toLocaleString('en-US')}`,
  });

  const timeName = `computeDora under ${TIME_LIMIT_MS / 1000} s at 1M`;
  checks.push(
    atTarget
      ? {
          name: timeName,
          status: atTarget.medianTotalMs < TIME_LIMIT_MS ? 'PASS' : 'FAIL',
          detail: `median ${ms(atTarget.medianTotalMs)}`,
        }
      : skip(timeName),
  );

  const shareName = 'computeDora at most half of DuckDB (load + query) at 1M';
  const fastestDuck = duck.length ? Math.min(...duck.map((r) => r.medianTotalMs)) : undefined;
  checks.push(
    atTarget && fastestDuck !== undefined
      ? {
          name: shareName,
          status: atTarget.medianTotalMs <= DUCKDB_SHARE * fastestDuck ? 'PASS' : 'FAIL',
          detail: `${ms(atTarget.medianTotalMs)} vs fastest DuckDB ${ms(fastestDuck)} (${(atTarget.medianTotalMs / fastestDuck).toFixed(2)}x)`,
        }
      : skip(shareName),
  );

  const memName = 'computeDora memory above input under 500 MB at 1M';
  if (atTarget) {
    const peak = peakAboveInput(atTarget);
    checks.push({
      name: memName,
      status: peak < MEMORY_LIMIT_BYTES ? 'PASS' : 'FAIL',
      detail: `peak ${Math.round(peak / MB)} MB (larger of heap and RSS above input)`,
    });
  } else checks.push(skip(memName));

  const growthName = `roughly linear growth (exponent <= ${MAX_GROWTH_EXPONENT})`;
  const big = dora.at(-1);
  const prev = dora.at(-2);
  if (big && prev && big.size > prev.size) {
    const exponent =
      Math.log(big.medianTotalMs / prev.medianTotalMs) / Math.log(big.size / prev.size);
    checks.push({
      name: growthName,
      status: exponent <= MAX_GROWTH_EXPONENT ? 'PASS' : 'FAIL',
      detail: `${prev.size.toLocaleString('en-US')} -> ${big.size.toLocaleString('en-US')}: x${(big.medianTotalMs / prev.medianTotalMs).toFixed(1)} time, exponent ${exponent.toFixed(2)}`,
    });
  } else checks.push({ name: growthName, status: 'SKIP', detail: 'needs two sizes' });
  return checks;
}

/** computeDora's figures against every DuckDB loader's, per size. FAIL on any asserted figure. */
export function checkFigures(results: readonly EngineResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const ours of results.filter((r) => r.engine === 'computeDora')) {
    for (const theirs of results.filter(
      (r) => r.engine !== 'computeDora' && r.size === ours.size,
    )) {
      const diff = differences(ours.figures, theirs.figures);
      const asserted = diff.filter((d) => (ASSERTED_FIGURES as readonly string[]).includes(d));
      checks.push({
        name: `figures equal at ${ours.size.toLocaleString('en-US')}: computeDora = ${theirs.engine}`,
        status: asserted.length ? 'FAIL' : 'PASS',
        detail: diff.length ? `differ: ${diff.join(', ')}` : 'all 9 figures equal',
      });
    }
  }
  return checks;
}
