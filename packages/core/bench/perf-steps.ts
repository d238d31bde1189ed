/**
 * Wall and CPU time per step of computeDora at one size, each step run as `analyse` and the report run it
 * (internal imports; for the perf work). Best of N, after a collection before every repetition:
 * node --expose-gc --import tsx packages/core/bench/perf-steps.ts [size] [reps]
 */
import { analyse } from '../src/analysis.js';
import { attributeIncidents } from '../src/attribute-incidents.js';
import { classifyChanges } from '../src/classify-changes.js';
import { computeDora } from '../src/compute-dora.js';
import { markFailures } from '../src/failure-reasons.js';
import { leadTimeAudit, leadTimeSamples } from '../src/lead-time.js';
import { linkChanges } from '../src/link-changes.js';
import { normaliseData } from '../src/normalize.js';
import { normaliseOptions } from '../src/options.js';
import { SparseLists } from '../src/sparse-lists.js';
import type { FailureReason } from '../src/types.js';
import { generate } from './generate.js';
import { collect } from './measure.js';

const size = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const g = generate({ size });
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const opts = normaliseOptions({ window: g.window });
const best = new Map<string, { wall: number; cpu: number }>();
function time<T>(name: string, fn: () => T): T {
  const c = process.cpuUsage();
  const w = performance.now();
  const result = fn();
  const wall = Math.round(performance.now() - w);
  const u = process.cpuUsage(c);
  const cpu = Math.round((u.user + u.system) / 1000);
  const prev = best.get(name);
  best.set(name, {
    wall: Math.min(prev?.wall ?? wall, wall),
    cpu: Math.min(prev?.cpu ?? cpu, cpu),
  });
  return result;
}
for (let r = 0; r < reps; r++) {
  collect();
  const normal = time('normalise', () => normaliseData(g.data, opts.isProduction));
  const d = normal.deployments;
  const successes = time('successes', () => {
    const out: number[] = [];
    for (let p = 0; p < d.length; p++) if (d.success[p] === 1) out.push(p);
    return out;
  });
  const links = time('linkChanges', () => linkChanges(normal, successes));
  const classes = time('classifyChanges', () =>
    classifyChanges(normal, {
      labels: opts.hotfixLabels,
      branchPrefixes: opts.hotfixBranchPrefixes,
    }),
  );
  const reasons = new SparseLists<FailureReason>(d.length);
  time('attributeIncidents', () =>
    attributeIncidents(normal, successes, opts.attributionMs, reasons),
  );
  time('markFailures', () => markFailures(normal, successes, links, classes, reasons));
  collect();
  const a = time('analyse (all)', () => analyse(g.data, { window: g.window }));
  time('leadTimeAudit', () => leadTimeAudit(a, opts.range)());
  time('leadTimeSamples', () => leadTimeSamples(a, opts.range));
  collect();
  time('computeDora', () => computeDora(g.data, { window: g.window }));
}
console.log(
  [...best].map(([k, v]) => `${k} ${v.wall}/${v.cpu}`).join(', '),
  '(ms, best wall/best CPU: CPU counts the GC threads too)',
);
