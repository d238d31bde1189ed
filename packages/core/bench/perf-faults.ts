/**
 * Page faults and system time of computeDora at one size: fresh memory is paid for on first
 * touch, once per page. Usage: node --expose-gc --import tsx --conditions=@dora/source \
 *   packages/core/bench/perf-faults.ts [size] [reps]
 */
import { computeDora } from '@dora/core';
import { generate } from './generate.js';
import { collect } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });
for (let r = 0; r < reps; r++) {
  collect();
  const u0 = process.resourceUsage();
  const w = performance.now();
  computeDora(g.data, { window: g.window });
  const wall = performance.now() - w;
  const u1 = process.resourceUsage();
  console.log(
    `${size}: wall ${Math.round(wall)} ms, user ${Math.round((u1.userCPUTime - u0.userCPUTime) / 1000)} ms, system ${Math.round((u1.systemCPUTime - u0.systemCPUTime) / 1000)} ms, minor faults ${u1.minorPageFault - u0.minorPageFault}`,
  );
}
