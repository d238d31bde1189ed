import { computeDora, type DoraReport } from '@dora/core';
import { type Loader, runDuckDb } from './duckdb.js';
import { figuresOf } from './figures.js';
import { generate } from './generate.js';
import { collect, RssSampler, withPeakHeap } from './measure.js';
import { type EngineResult, median, type Run } from './results.js';

/** Reads every audit list of the report (each is built on its first read). */
function readAudit(report: DoraReport): void {
  for (const audit of [report.audit, report.previous?.audit]) {
    if (audit === undefined) continue;
    void audit.leadTimes;
    void audit.failures;
  }
}

async function dora(size: number, reps: number): Promise<EngineResult[]> {
  // Warm the JIT on other data first, so the timed runs measure steady-state code.
  const warm = generate({ size: 10_000, seed: 7 });
  computeDora(warm.data, { window: warm.window });
  collect();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const g = generate({ size });
  const generateMs = performance.now() - t;
  collect();
  const input = process.memoryUsage();
  const runs: Run[] = [];
  let report: DoraReport | undefined;
  for (let r = 0; r < reps; r++) {
    collect();
    const base = process.memoryUsage();
    const sampler = new RssSampler();
    await sampler.start();
    const t0 = performance.now();
    const measured = withPeakHeap(() => computeDora(g.data, { window: g.window }));
    const ms = performance.now() - t0;
    const peakRss = await sampler.finish();
    // Not part of the figures DuckDB computes: timed on its own, outside the call.
    const a0 = performance.now();
    readAudit(measured.result);
    const auditReadMs = performance.now() - a0;
    report ??= measured.result;
    runs.push({
      loadMs: 0,
      queryMs: ms,
      totalMs: ms,
      heapAboveInput: measured.peakHeap - base.heapUsed,
      rssAboveInput: peakRss - base.rss,
      auditReadMs,
    });
  }
  if (!report) throw new Error('no run');
  return [
    {
      engine: 'computeDora',
      size,
      generateMs,
      inputHeap: input.heapUsed - before,
      runs,
      medianTotalMs: median(runs.map((x) => x.totalMs)),
      figures: figuresOf(report),
    },
  ];
}

async function duckdb(size: number, reps: number): Promise<EngineResult[]> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const g = generate({ size });
  const generateMs = performance.now() - t;
  collect();
  const inputHeap = process.memoryUsage().heapUsed - before;
  const results: EngineResult[] = [];
  for (const loader of ['appender', 'csv'] as Loader[]) {
    const runs: Run[] = [];
    let figures: EngineResult['figures'] | undefined;
    for (let r = 0; r < reps; r++) {
      collect();
      const base = process.memoryUsage();
      const sampler = new RssSampler();
      await sampler.start();
      const run = await runDuckDb(g.data, g.window, loader);
      const peakRss = await sampler.finish();
      figures ??= run.figures;
      runs.push({
        loadMs: run.loadMs,
        queryMs: run.queryMs,
        totalMs: run.loadMs + run.queryMs,
        heapAboveInput: null,
        rssAboveInput: peakRss - base.rss,
      });
    }
    if (!figures) throw new Error('no run');
    results.push({
      engine: `DuckDB (${loader})`,
      size,
      generateMs,
      inputHeap,
      runs,
      medianTotalMs: median(runs.map((x) => x.totalMs)),
      figures,
    });
  }
  return results;
}

const [engine, sizeArg, repsArg] = process.argv.slice(2);
const size = Number(sizeArg);
const reps = Number(repsArg);
const results = engine === 'dora' ? await dora(size, reps) : await duckdb(size, reps);
process.send?.(results);
