/**
 * The performance work must not change a single byte of any result: this compares every public
 * function of the sources against a reference copy on generated data, varied with what the
 * generator leaves out (shas and rollbacks, hotfixes, reverts, services, duplicates, nulls,
 * shuffled order, no changeIds). The reference is extracted (untracked) with:
 * mkdir -p packages/core/.perf/before &&
 * git archive <commit> packages/core/src | tar -x -C packages/core/.perf/before --strip-components=3
 * Usage: node --import tsx packages/core/bench/perf-identical.ts [size] [seeds]
 */
import * as after from '../src/index.js';
import type { Change, Deployment, DoraData, DoraOptions, Incident } from '../src/types.js';
import { generate } from './generate.js';
import { seeded } from './random.js';

type Api = typeof after;
const beforePath = new URL('../.perf/before/index.ts', import.meta.url).href;
const before = (await import(beforePath)) as Api;
const size = Number(process.argv[2] ?? 3000);
const seeds = Number(process.argv[3] ?? 6);

function vary(data: DoraData, seed: number, linked: boolean): DoraData {
  const r = seeded(seed);
  const shas = ['a1', 'b2', 'c3', 'd4', 'e5'];
  const deployments: Deployment[] = data.deployments.map((d) => {
    const out: Deployment = { ...d };
    if (r.next() < 0.6) out.sha = shas[r.int(shas.length)] as string;
    if (r.next() < 0.3) out.service = `svc-${r.int(3)}`;
    if (r.next() < 0.05) (out as unknown as Record<string, unknown>).repository = null;
    if (r.next() < 0.02) out.environment = 'Production';
    if (!linked) delete out.changeIds;
    return out;
  });
  const changes: Change[] = data.changes.map((c, i) => {
    const out: Change = { ...c };
    const x = r.next();
    if (x < 0.03) out.labels = ['HotFix', 'x'];
    else if (x < 0.05) out.branch = 'hotfix/abc';
    else if (x < 0.07) out.title = `Revert "Change ${1 + r.int(i + 1)}"`;
    else if (x < 0.09) out.reverts = data.changes[r.int(data.changes.length)]?.id as string;
    else if (x < 0.1) delete out.mergedAt;
    if (r.next() < 0.05) delete out.repository;
    return out;
  });
  const incidents: Incident[] = data.incidents.map((i) => {
    const out: Incident = { ...i };
    if (r.next() < 0.2) out.service = `svc-${r.int(3)}`;
    if (r.next() < 0.1) delete out.repository;
    if (r.next() < 0.02) out.deploymentId = 'nope';
    return out;
  });
  // Duplicates (re-runs, re-collected changes and incidents) and shuffled order.
  for (let k = 0; k < 20; k++) {
    const d = deployments[r.int(deployments.length)];
    if (d) deployments.push({ ...d, status: r.next() < 0.5 ? 'failure' : 'success' });
    const c = changes[r.int(changes.length)];
    if (c) changes.push({ ...c, title: 'dup' });
    const i = incidents[r.int(incidents.length)];
    if (i) incidents.push({ ...i });
  }
  for (const list of [deployments, changes, incidents] as unknown[][]) {
    for (let k = list.length - 1; k > 0; k--) {
      if (r.next() < 0.2) {
        const j = r.int(k + 1);
        const t = list[k];
        list[k] = list[j];
        list[j] = t;
      }
    }
  }
  return { deployments, changes, incidents };
}

const variants: DoraOptions[] = [
  {},
  { bucket: 'day', compareToPrevious: false },
  { bucket: 'month', changeFailureRateMode: 'incidents-per-deployment' },
  { bucket: 'quarter', environment: /prod/i, attributionWindow: 3600, minSample: 50 },
  { environment: 'staging', hotfixLabels: ['x'], hotfixBranchPrefixes: [] },
] as unknown as DoraOptions[];

let checks = 0;
let failures = 0;
function same(label: string, run: (api: Api) => unknown): void {
  checks++;
  const a = JSON.stringify(run(before));
  const b = JSON.stringify(run(after));
  if (a !== b) {
    failures++;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    console.log(
      `DIFF ${label} at ${i}:\n  before ${a.slice(i - 80, i + 120)}\n  after  ${b.slice(i - 80, i + 120)}`,
    );
  }
}

for (let seed = 1; seed <= seeds; seed++) {
  const g = generate({ size, seed });
  const inputs: Array<[string, DoraData]> = [
    ['plain', g.data],
    ['varied', vary(g.data, seed, true)],
    ['unlinked', vary(g.data, seed + 100, false)],
  ];
  for (const [name, data] of inputs) {
    for (const [v, extra] of variants.entries()) {
      const options = { ...extra, window: g.window } as DoraOptions;
      const label = `seed ${seed} ${name} variant ${v}`;
      same(`${label} computeDora`, (api) => api.computeDora(data, options));
      same(`${label} flowMetrics`, (api) => api.flowMetrics(data, options));
      same(`${label} teamMetrics`, (api) =>
        api.teamMetrics(
          data,
          [
            { team: 'a', member: 'dev-1', joinedAt: g.window.from },
            { team: 'b', member: 'dev-2', joinedAt: g.window.from, weight: 0.5 },
            { team: 'a', member: 'dev-2', joinedAt: g.window.from, leftAt: g.window.to },
          ],
          options,
        ),
      );
      same(`${label} parts`, (api) => [
        api.leadTime(data, options),
        api.changeFailureRate(data, options),
        api.deploymentFrequency(data, options),
        api.recoveryTime(data, options),
        api.timeToRestore(data, options),
        api.reworkRate(data, options),
      ]);
    }
  }
}
// What the varied data exercises, so a pass means something.
{
  const g = generate({ size, seed: 1 });
  const r = after.computeDora(vary(g.data, 1, true), { window: g.window });
  const kinds = new Map<string, number>();
  for (const f of r.audit.failures) {
    for (const x of f.reasons) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
  }
  console.log('varied seed 1 reasons:', Object.fromEntries(kinds), 'rework', r.reworkRate.rework);
}
console.log(`${checks - failures}/${checks} identical at size ${size}, ${seeds} seeds`);
if (failures > 0) process.exit(1);
