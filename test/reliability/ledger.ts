import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every row of the matrix counts; the reliability report sums them over all rows. */
export interface RowCounters {
  requestsRetried: number;
  waitsHonoured: number;
  eventsLost: number;
  eventsDoubleCounted: number;
  secretsLeaked: number;
}

export const COUNTER_NAMES: ReadonlyArray<keyof RowCounters> = [
  'requestsRetried',
  'waitsHonoured',
  'eventsLost',
  'eventsDoubleCounted',
  'secretsLeaked',
];

/** The file one test file writes: its rows' counters, keyed by two-digit row number. */
export interface LedgerFile {
  file: string;
  rows: Record<string, RowCounters>;
}

/** The directory the reliability report passes to the matrix; unset under a plain `vitest run`. */
export const LEDGER_DIR_VARIABLE = 'DORA_RELIABILITY_DIR';

export function rowKey(row: number): string {
  return String(row).padStart(2, '0');
}

function zero(): RowCounters {
  return {
    requestsRetried: 0,
    waitsHonoured: 0,
    eventsLost: 0,
    eventsDoubleCounted: 0,
    secretsLeaked: 0,
  };
}

/**
 * Counters of one test file. Tests add what they measured (after asserting it), and `flush` writes
 * the file for the report when the report asked for it.
 */
export class Ledger {
  private readonly rows: Record<string, RowCounters> = {};

  constructor(private readonly name: string) {}

  add(row: number, counts: Partial<RowCounters>): void {
    const key = rowKey(row);
    const current = this.rows[key] ?? zero();
    for (const name of COUNTER_NAMES) current[name] += counts[name] ?? 0;
    this.rows[key] = current;
  }

  snapshot(): LedgerFile {
    return { file: this.name, rows: structuredClone(this.rows) };
  }

  flush(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
    const dir = env[LEDGER_DIR_VARIABLE];
    if (!dir) return undefined;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${this.name}.json`);
    writeFileSync(path, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
    return path;
  }
}

/** A ledger named after the test file that creates it (`rate-limits.test.ts` -> `rate-limits`). */
export function ledgerFor(moduleUrl: string): Ledger {
  return new Ledger(basename(fileURLToPath(moduleUrl)).replace(/\.test\.ts$/, ''));
}

/** Adds up the counters of many ledger files. */
export function sumLedgers(files: readonly LedgerFile[]): RowCounters {
  const total = zero();
  for (const file of files) {
    for (const counts of Object.values(file.rows)) {
      for (const name of COUNTER_NAMES) total[name] += counts[name] ?? 0;
    }
  }
  return total;
}
