/**
 * One computeDora call between markers, for reading V8's GC trace of just that call:
 * node --expose-gc --trace-gc --trace-incremental-marking --max-old-space-size=8192 \
 *   --import tsx --conditions=@dora/source packages/core/bench/perf-gc.ts [size]
 * A full collection inside the call marks the whole input (most of a second at 1M); the trace
 * says what started it (e.g. "external memory pressure" from large typed arrays).
 */
import { computeDora } from '@dora/core';
import { generate } from './generate.js';
import { collect } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });
collect();
console.log('---- start');
const t0 = performance.now();
computeDora(g.data, { window: g.window });
console.log('---- end', Math.round(performance.now() - t0), 'ms');
