/**
 * `pnpm bench`: computeDora against DuckDB on the same seeded events at 10k, 100k and 1M
 * deployments (as many changes, a tenth as many incidents), each engine in its own process.
 * Options: --sizes=10000,100000 --reps=3. Exits 1 when the engines' figures disagree.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type EngineResult, median } from './results.js';
import { checkFigures, checkTargets, peakAboveInput, type TargetCheck } from './targets.js';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const sizes = (arg('sizes') ?? '10000,100000,1000000').split(',').map(Number);
const reps = Number(arg('reps') ?? 3);
const child = fileURLToPath(new URL('./child.ts', import.meta.url));

function runChild(engine: 'dora' | 'duckdb', size: number): Promise<EngineResult[]> {
  return new Promise((resolve, reject) => {
    const proc = fork(child, [engine, String(size), String(reps)], {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'],
    });
    let results: EngineResult[] | undefined;
    proc.on('message', (m) => {
      results = m as EngineResult[];
    });
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0 && results
        ? resolve(results)
        : reject(new Error(`${engine} ${size}: exit ${code}`)),
    );
  });
}

const MB = 1024 * 1024;
const pad = (s: string, n: number): string => s.padStart(n);
const fmtMs = (x: number): string => `${Math.round(x).toLocaleString('en-US')}`;
const fmtMb = (x: number | null): string => (x === null ? '-' : `${Math.round(x / MB)}`);

function printRow(r: EngineResult): void {
  const load = median(r.runs.map((x) => x.loadMs));
  const query = median(r.runs.map((x) => x.queryMs));
  const heap = r.runs.every((x) => x.heapAboveInput === null)
    ? null
    : Math.max(...r.runs.map((x) => x.heapAboveInput ?? 0));
  const rss = Math.max(...r.runs.map((x) => x.rssAboveInput));
  console.log(
    [
      pad(r.size.toLocaleString('en-US'), 10),
      r.engine.padEnd(18),
      pad(r.engine === 'computeDora' ? '-' : fmtMs(load), 9),
      pad(fmtMs(query), 9),
      pad(fmtMs(r.medianTotalMs), 9),
      pad(r.runs.map((x) => fmtMs(x.totalMs)).join('/'), 22),
      pad(fmtMb(heap), 9),
      pad(fmtMb(rss), 8),
      pad(fmtMb(r.inputHeap), 8),
    ].join(' '),
  );
}

function printChecks(title: string, checks: TargetCheck[]): void {
  console.log(`\n${title}`);
  for (const c of checks) console.log(`  ${c.status.padEnd(4)}  ${c.name}: ${c.detail}`);
}

const all: EngineResult[] = [];
console.log(
  `node ${process.version}, ${reps} timed runs each (median shown), deployments = changes = size, incidents = size/10, 365-day window`,
);
console.log(
  [
    pad('size', 10),
    'engine'.padEnd(18),
    pad('load ms', 9),
    pad('query ms', 9),
    pad('total ms', 9),
    pad('runs ms', 22),
    pad('heap MB', 9),
    pad('RSS MB', 8),
    pad('input MB', 8),
  ].join(' '),
);
for (const size of sizes) {
  for (const engine of ['dora', 'duckdb'] as const) {
    const results = await runChild(engine, size);
    for (const r of results) printRow(r);
    all.push(...results);
  }
}
console.log(
  '\nheap MB / RSS MB: peak above the memory already holding the input (heap: V8 only; RSS: whole process).',
);
// The report's audit lists (a lead time per shipped change, a reason list per failure) are
// built on their first read; DuckDB's query computes the figures only. Shown apart, not hidden.
for (const r of all) {
  const reads = r.runs.flatMap((x) => (x.auditReadMs === undefined ? [] : [x.auditReadMs]));
  if (reads.length === 0) continue;
  console.log(
    `computeDora at ${r.size.toLocaleString('en-US')}: reading the audit lists afterwards builds them, ${fmtMs(median(reads))} ms more (median; runs ${reads.map(fmtMs).join('/')})`,
  );
}
const fig = checkFigures(all);
printChecks('Figures (computeDora vs DuckDB; asserted: deployments, lead-time median)', fig);
const first = all.find((r) => r.engine === 'computeDora' && r.size === sizes.at(-1));
if (first)
  console.log(`  at ${first.size.toLocaleString('en-US')}: ${JSON.stringify(first.figures)}`);
printChecks('Targets', checkTargets(all));
if (first) console.log(`  (peak above input at largest size: ${fmtMb(peakAboveInput(first))} MB)`);
if (fig.some((c) => c.status === 'FAIL')) process.exit(1);
