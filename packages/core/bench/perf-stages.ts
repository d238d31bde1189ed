/** CPU per stage of analyse + the report, at one size (internal imports; for the perf work). */
import { analyse } from '../src/analysis.js';
import { computeDora } from '../src/compute-dora.js';
import { normaliseData } from '../src/normalize.js';
import { normaliseOptions } from '../src/options.js';
import { generate } from './generate.js';
import { collect } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const g = generate({ size });
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const opts = normaliseOptions({ window: g.window });
const best = new Map<string, number>();
const time = (name: string, fn: () => unknown): void => {
  collect();
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  const ms = Math.round((u.user + u.system) / 1000);
  best.set(name, Math.min(best.get(name) ?? ms, ms));
};
for (let r = 0; r < Number(process.argv[3] ?? 3); r++) {
  time('normalise', () => normaliseData(g.data, opts.isProduction));
  time('analyse', () => analyse(g.data, { window: g.window }));
  time('computeDora', () => computeDora(g.data, { window: g.window }));
}
console.log([...best].map(([k, v]) => `${k} ${v} ms`).join(', '), '(best CPU)');
