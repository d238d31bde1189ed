/**
 * Quick harness for the core's performance work: wall, CPU, system time and page faults, GC
 * pause and peak heap above the input of computeDora at one size. Usage:
 * node --expose-gc --max-old-space-size=8192 --import tsx --conditions=@dora/source \
 *   packages/core/bench/perf-quick.ts [size] [reps]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { computeDora } from '@dora/core';
import { generate } from './generate.js';
import { collect, timedCall } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });
let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcCount++;
  }
}).observe({ entryTypes: ['gc'] });
const MB = 1024 * 1024;
for (let r = 0; r < reps; r++) {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 10));
  gcMs = 0;
  gcCount = 0;
  const base = process.memoryUsage().heapUsed;
  // Fresh memory is paid for on first touch, once per page: faults and system time show it.
  const u0 = process.resourceUsage();
  const m = timedCall(() => computeDora(g.data, { window: g.window }));
  const u1 = process.resourceUsage();
  const systemMs = (u1.systemCPUTime - u0.systemCPUTime) / 1000;
  const faults = u1.minorPageFault - u0.minorPageFault;
  await new Promise((resolve) => setTimeout(resolve, 10));
  console.log(
    `${size}: wall ${Math.round(m.wallMs)} ms, cpu ${Math.round(m.cpuMs)} ms, system ${Math.round(systemMs)} ms, ${faults} page faults, gc ${Math.round(gcMs)} ms (${gcCount}), heap above input ${Math.round(m.heapAboveBytes / MB)} MB, input ${Math.round(base / MB)} MB, lt median ${m.result.leadTime.median}, cfr ${m.result.changeFailureRate.rate}`,
  );
}
