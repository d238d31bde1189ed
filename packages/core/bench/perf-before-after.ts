/**
 * computeDora before and after the performance work, alternating in one process so that load
 * from other jobs hits both alike. The "before" sources are extracted (untracked) with:
 * mkdir -p packages/core/.perf/before &&
 * git archive <commit> packages/core/src | tar -x -C packages/core/.perf/before --strip-components=3
 * (`.perf/` is ignored by git; `date-fns` resolves from packages/core/node_modules). Not under
 * node_modules: tsx compiles .ts files there as CommonJS, every import a property read, and
 * identical sources then measured 0.77-0.86 of their own time.
 */
import { computeDora } from '@dora/core';
import { generate } from './generate.js';
import { collect, timedCall } from './measure.js';
import { median } from './results.js';

type Compute = typeof computeDora;
// PERF_BEFORE=.perf/head compares with another extracted copy.
const beforeDir = process.env.PERF_BEFORE ?? '.perf/before';
const beforePath = new URL(`../${beforeDir}/index.ts`, import.meta.url).href;
const before = ((await import(beforePath)) as { computeDora: Compute }).computeDora;
const size = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const warm = generate({ size: 10_000, seed: 7 });
before(warm.data, { window: warm.window });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });
const MB = 1024 * 1024;
const rows: Record<string, string[]> = { before: [], after: [] };
const walls: Record<string, number[]> = { before: [], after: [] };
const engines = [
  ['before', before],
  ['after', computeDora],
] as const;
// The order alternates: the second call of a pair is often faster.
for (let r = 0; r < reps; r++) {
  for (const [name, fn] of r % 2 === 0 ? engines : [...engines].reverse()) {
    collect();
    const m = timedCall(() => fn(g.data, { window: g.window }));
    walls[name]?.push(m.wallMs);
    rows[name]?.push(
      `wall ${Math.round(m.wallMs)} cpu ${Math.round(m.cpuMs)} heap+ ${Math.round(m.heapAboveBytes / MB)} MB (lt median ${m.result.leadTime.median})`,
    );
  }
}
for (const [name, list] of Object.entries(rows))
  console.log(`${size} ${name}: ${list.join(' | ')}`);
const [b, a] = [median(walls.before ?? []), median(walls.after ?? [])];
console.log(
  `wall medians: before ${Math.round(b)} ms, after ${Math.round(a)} ms; after/before ${(a / b).toFixed(2)}`,
);
