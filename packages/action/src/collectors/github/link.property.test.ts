import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendChain, type HistoryCommit, introducers } from './history.js';
import { assignChanges, type LocatedChange, type Placed } from './link.js';

/**
 * A random main branch: each step lands one change, as a squash commit or as a merge of a side branch
 * forked from an earlier main commit. Deployments then ship random main commits (rollbacks included),
 * some failing. Linking through the rebuilt first-parent line must match plain reachability.
 */
interface Step {
  merge: boolean;
  forkBack: number;
  sideLength: number;
}

const stepArb = fc.record({
  merge: fc.boolean(),
  forkBack: fc.nat({ max: 5 }),
  sideLength: fc.integer({ min: 1, max: 3 }),
});
const deployArb = fc.record({ at: fc.nat({ max: 40 }), success: fc.boolean() });

function build(steps: Step[]) {
  const commits: HistoryCommit[] = [];
  const line: string[] = ['L0'];
  const time = new Map<string, number>([['L0', 0]]);
  const add = (oid: string, t: number, parents: string[], pullRequests: number[] = []) => {
    commits.push({ oid, committedAt: new Date(t * 60_000).toISOString(), parents, pullRequests });
    time.set(oid, t);
  };
  add('L0', 0, []);
  steps.forEach((s, i) => {
    const n = i + 1;
    const head = line.at(-1) as string;
    const t = n * 100;
    if (!s.merge) {
      add(`L${n}`, t, [head]);
    } else {
      const fork = line[Math.max(0, line.length - 1 - s.forkBack)] as string;
      let parent = fork;
      for (let k = 0; k < s.sideLength; k++) {
        // Side commits are older than their merge, some older than main commits after the fork.
        const oid = `S${n}.${k}`;
        add(oid, (time.get(fork) ?? 0) + 1 + k, [parent], [n]);
        parent = oid;
      }
      add(`L${n}`, t, [head, parent]);
    }
    line.push(`L${n}`);
  });
  // GitHub's git-log order: newest committer time first.
  commits.sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
  return { commits, line };
}

function ancestors(commits: Map<string, HistoryCommit>, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const oid = stack.pop() as string;
    if (seen.has(oid)) continue;
    seen.add(oid);
    stack.push(...(commits.get(oid)?.parents ?? []));
  }
  return seen;
}

describe('linking over random histories', () => {
  it('matches reachability: each change goes to the first successful deployment that contains it', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 25 }),
        fc.array(deployArb, { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        (steps, deploys, byAssociation) => {
          const { commits, line } = build(steps);
          const map = new Map(commits.map((c) => [c.oid, c]));
          // Pages of 7 commits, as the walk would see them.
          const chain: string[] = [];
          const seen = new Map<string, HistoryCommit>();
          for (let i = 0; i < commits.length; i += 7) {
            for (const c of commits.slice(i, i + 7)) seen.set(c.oid, c);
            if (extendChain(chain, seen, { stopBeforeMs: -1 }).done) break;
          }
          expect(chain).toEqual([...line].reverse());
          const pos = new Map(chain.map((oid, i) => [oid, chain.length - 1 - i]));
          const by = introducers(chain, map);
          // A change is placed by its merge commit, or (merges only) by its side commits' association.
          const changes: LocatedChange[] = steps.map((s, i) => {
            const n = i + 1;
            const oid = s.merge && byAssociation ? `S${n}.0` : `L${n}`;
            return { id: `#${n}`, pos: pos.get(by.get(oid) as string) as number, mergedAtMs: n };
          });
          const placed: Placed[] = [];
          const sorted = deploys.map((d, i) => ({ ...d, i })).sort((a, b) => a.i - b.i);
          for (const d of sorted) {
            if (!d.success) continue;
            const sha = line[d.at % line.length] as string;
            placed.push({
              id: `d${d.i}`,
              environment: 'production',
              finishedAtMs: d.i,
              pos: pos.get(sha) ?? null,
              extras: [],
            });
          }
          const { shipped } = assignChanges(placed, changes, 0);

          const done = new Set<number>();
          for (const d of sorted) {
            if (!d.success) continue;
            const reach = ancestors(map, line[d.at % line.length] as string);
            const expected: string[] = [];
            steps.forEach((_, i) => {
              const n = i + 1;
              if (!done.has(n) && reach.has(`L${n}`)) {
                done.add(n);
                expected.push(`#${n}`);
              }
            });
            expect(shipped.get(`d${d.i}`)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
