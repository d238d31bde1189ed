/**
 * Where computeDora spends its time: a CPU profile of one call (after a warm-up), self time per
 * function, top 25. Usage: tsx --conditions=@dora/source packages/core/bench/profile.ts [size]
 */
import { Session } from 'node:inspector/promises';
import { computeDora } from '@dora/core';
import { generate } from './generate.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const size = Number(process.argv[2] ?? 1_000_000);
const warm = generate({ size: 10_000, seed: 7 });
computeDora(warm.data, { window: warm.window });
const g = generate({ size });

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const t0 = performance.now();
computeDora(g.data, { window: g.window });
const ms = performance.now() - t0;
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
session.disconnect();

const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
// Samples under the inspector's own call (Profiler.stop serialising the profile) are not ours.
const inInspector = (id: number): boolean => {
  for (let p: number | undefined = id; p !== undefined; p = parentOf.get(p)) {
    if (byNode.get(p)?.callFrame.url === 'node:inspector') return true;
  }
  return false;
};
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byNode.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  if (!node || inInspector(id)) return;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  total += us;
});
console.log(`computeDora at ${size.toLocaleString('en-US')}: ${Math.round(ms)} ms wall`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(
    `${((100 * us) / total).toFixed(1).padStart(5)}%  ${Math.round(us / 1000)
      .toString()
      .padStart(6)} ms  ${key}`,
  );
}
