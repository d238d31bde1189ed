/**
 * One stage of the analysis, old sources against new, alternating in one process (for stages too
 * small for the whole call's noise). Old sources as for perf-before-after (PERF_BEFORE dir).
 * node --expose-gc --max-old-space-size=8192 --import tsx --conditions=@dora/source \
 *   packages/core/bench/perf-ab-stage.ts link|normalise [size] [reps]
 */
import * as newLink from '../src/link-changes.js';
import * as newNormal from '../src/normalize.js';
import { normaliseOptions } from '../src/options.js';
import { generate } from './generate.js';
import { collect } from './measure.js';
import { median } from './results.js';

type LinkModule = typeof newLink;
type NormalModule = typeof newNormal;
const dir = process.env.PERF_BEFORE ?? '.perf/before';
const base = new URL(`../${dir}/`, import.meta.url).href;
const oldLink = (await import(`${base}link-changes.ts`)) as LinkModule;
const oldNormal = (await import(`${base}normalize.ts`)) as NormalModule;
const stage = process.argv[2] ?? 'link';
const size = Number(process.argv[3] ?? 1_000_000);
const reps = Number(process.argv[4] ?? 5);
const g = generate({ size });
const opts = normaliseOptions({ window: g.window });

function run(link: LinkModule, normal: NormalModule): number {
  collect();
  if (stage === 'normalise') {
    const t = performance.now();
    normal.normaliseData(g.data, opts.isProduction);
    return performance.now() - t;
  }
  const n = normal.normaliseData(g.data, opts.isProduction);
  const successes: number[] = [];
  for (let p = 0; p < n.deployments.length; p++)
    if (n.deployments.success[p] === 1) successes.push(p);
  collect();
  const t = performance.now();
  link.linkChanges(n, successes);
  return performance.now() - t;
}
const times: Record<'old' | 'new', number[]> = { old: [], new: [] };
// The order alternates: the second run of a pair is often faster (identical sources measured
// 0.86 at a million when old always went first).
for (let r = 0; r < reps; r++) {
  if (r % 2 === 0) times.old.push(run(oldLink, oldNormal));
  times.new.push(run(newLink, newNormal));
  if (r % 2 === 1) times.old.push(run(oldLink, oldNormal));
}
const fmt = (xs: number[]): string => xs.map((x) => Math.round(x)).join('/');
console.log(
  `${stage} at ${size}: old ${fmt(times.old)} new ${fmt(times.new)}; new/old medians ${(median(times.new) / median(times.old)).toFixed(2)}`,
);
