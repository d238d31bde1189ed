/** Where computeDora allocates: a sampling heap profile of one call, bytes per function, top 20. */
import { Session } from 'node:inspector/promises';
import { computeDora } from '@dora/core';
import { generate } from './generate.js';

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
const size = Number(process.argv[2] ?? 1_000_000);
const g = generate({ size });
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
computeDora(g.data, { window: g.window });
const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
  profile: { head: Node };
};
const bytes = new Map<string, number>();
const walk = (n: Node): void => {
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
  bytes.set(key, (bytes.get(key) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c);
};
walk(profile.head);
for (const [k, v] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(
    `${Math.round(v / 1048576)
      .toString()
      .padStart(6)} MB  ${k}`,
  );
}
