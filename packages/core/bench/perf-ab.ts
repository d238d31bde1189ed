/** A/B of id indexing on the generated changes: Map (set-only) vs IdIndex, alternating. */
import { IdIndex } from '../src/id-index.js';
import { generate } from './generate.js';
import { collect } from './measure.js';

const g = generate({ size: 1_000_000 });
const items = g.data.changes.map((c) => ({ id: c.id, t: 0 }));
const cpu = (fn: () => unknown): number => {
  collect();
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return Math.round((u.user + u.system) / 1000);
};
const later = (): boolean => false;
const ids = items.map((item) => item.id);
const a: number[] = [];
const b: number[] = [];
const la: number[] = [];
const lb: number[] = [];
let hits = 0;
for (let r = 0; r < 5; r++) {
  let m = new Map<string, { id: string }>();
  a.push(
    cpu(() => {
      m = new Map();
      for (let i = 0; i < items.length; i++)
        m.set((items[i] as { id: string }).id, items[i] as { id: string });
    }),
  );
  let x = IdIndex.build(ids, later).index;
  b.push(
    cpu(() => {
      x = IdIndex.build(ids, later).index;
    }),
  );
  hits = 0;
  la.push(
    cpu(() => {
      for (const d of g.data.deployments) for (const id of d.changeIds ?? []) if (m.get(id)) hits++;
    }),
  );
  lb.push(
    cpu(() => {
      for (const d of g.data.deployments)
        for (const id of d.changeIds ?? []) if (x.get(id) >= 0) hits++;
    }),
  );
}
console.log('Map set', a.join('/'), 'IdIndex build', b.join('/'));
console.log(`hits ${hits}`);
console.log('Map get', la.join('/'), 'IdIndex get', lb.join('/'));
