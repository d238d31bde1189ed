/** Heap retained by the analysed input (what computeDora holds while it reads windows), at one size. */
import { analyse } from '../src/analysis.js';
import { generate } from './generate.js';
import { collect } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const g = generate({ size });
collect();
const base = process.memoryUsage().heapUsed;
const a = analyse(g.data, { window: g.window });
collect();
const MB = 1024 * 1024;
console.log(
  `analysis retains ${Math.round((process.memoryUsage().heapUsed - base) / MB)} MB (${a.production.length} production deployments, ${a.data.changes.length} changes)`,
);
