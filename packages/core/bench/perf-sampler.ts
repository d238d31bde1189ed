/**
 * Whether the bench's own measuring slows computeDora down: runs alternate with and without
 * the RSS sampler (a worker thread) and the peak-heap GC profiler.
 * node --expose-gc --max-old-space-size=8192 --import tsx --conditions=@dora/source \
 *   packages/core/bench/perf-sampler.ts [size] [reps]
 */
import { computeDora } from '@dora/core';
import { generate } from './generate.js';
import { collect, RssSampler, withPeakHeap } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });
const rows: Record<string, number[]> = { bare: [], measured: [] };
for (let r = 0; r < reps; r++) {
  for (const measured of [false, true]) {
    collect();
    const sampler = new RssSampler();
    if (measured) await sampler.start();
    const t0 = performance.now();
    if (measured) withPeakHeap(() => computeDora(g.data, { window: g.window }));
    else computeDora(g.data, { window: g.window });
    const ms = performance.now() - t0;
    if (measured) await sampler.finish();
    rows[measured ? 'measured' : 'bare']?.push(Math.round(ms));
  }
}
for (const [name, list] of Object.entries(rows))
  console.log(`${size} ${name}: ${list.join(' / ')} ms`);
