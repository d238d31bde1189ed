import { computeDora, type DoraData } from '@dora/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeById } from '../../packages/action/src/collectors/merge.js';
import type { CollectorState } from '../../packages/action/src/collectors/types.js';
import { generateScenario } from '../scenarios/generate.js';
import { ledgerFor } from './ledger.js';
import { cleanRun, collectWorld, compareIds, dataIds, quietWorld, truthIds } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(() => {
  ledger.flush();
});

const DAY = 86_400_000;
type Previous = { data: DoraData; state: CollectorState };

function cfr(data: DoraData, now: string) {
  const to = new Date(now);
  const report = computeDora(data, {
    window: { from: new Date(to.getTime() - 30 * DAY), to },
    now: to,
    environment: 'production',
  });
  return report.changeFailureRate;
}

describe('incremental collection', () => {
  it('row 18: a workflow run re-run (same id, attempt 2, new conclusion) replaces attempt 1; the failure rate is recomputed', async () => {
    // Seed 1 of the quiet preset re-runs run 10000000005: attempt 1 failed, attempt 2 (17:22) succeeded.
    const { scenario, truth } = generateScenario({ preset: 'quiet', seed: 1 });
    const id = 'acme/shop:run:10000000005';
    const between = '2026-11-03T17:10:00Z';
    const first = await collectWorld([], { scenario, truth, now: between });
    expect(first.result.data.deployments.filter((d) => d.id === id)).toMatchObject([
      { status: 'failure' },
    ]);
    const second = await collectWorld([], {
      scenario,
      truth,
      previous: { data: first.result.data, state: first.result.state },
    });
    const copies = second.result.data.deployments.filter((d) => d.id === id);
    expect(copies).toHaveLength(1);
    expect(copies[0]?.status).toBe('success');
    const expected = truth.bySource['workflow-runs'] as DoraData;
    expect(second.result.data.deployments).toEqual(expected.deployments);
    expect(cfr(second.result.data, scenario.now)).toEqual(cfr(expected, scenario.now));
    const ids = compareIds(truthIds(truth), dataIds(second.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(18, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 19: the same events delivered again through overlapping windows are not counted twice', async () => {
    const { truth } = quietWorld();
    const full = await cleanRun();
    let previous: Previous = { data: full.result.data, state: full.result.state };
    // A lookback of 30 days re-reads everything the previous run already had, twice over.
    for (let i = 0; i < 2; i++) {
      const again = await collectWorld([], {
        previous,
        collect: { lookbackMs: 30 * DAY },
      });
      expect(again.result.data).toEqual(full.result.data);
      previous = { data: again.result.data, state: again.result.state };
    }
    const ids = compareIds(truthIds(truth), dataIds(previous.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(19, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
  });

  it('row 19: merging by id is idempotent, and the ids of a merge do not depend on the order', () => {
    const record = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), v: fc.integer() });
    fc.assert(
      fc.property(fc.array(record), fc.array(record), fc.array(record), (s, b1, b2) => {
        const once = mergeById(s, b1);
        expect(mergeById(once, b1)).toEqual(once);
        const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();
        expect(ids(mergeById(mergeById(s, b1), b2))).toEqual(ids(mergeById(mergeById(s, b2), b1)));
        const merged = mergeById(mergeById(s, b1), b2);
        expect(new Set(ids(merged)).size).toBe(merged.length);
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('row 20: incremental equals full for random splits of the history into runs', async () => {
    const { scenario, truth } = quietWorld();
    const full = await cleanRun();
    const end = Date.parse(scenario.now);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }),
        async (daysBack) => {
          let previous: Previous | undefined;
          for (const days of [...daysBack].sort((a, b) => b - a)) {
            const at = new Date(end - days * DAY + (days % 7) * 3_600_000).toISOString();
            const run = await collectWorld([], { now: at, ...(previous ? { previous } : {}) });
            previous = { data: run.result.data, state: run.result.state };
          }
          const last = await collectWorld([], previous ? { previous } : {});
          expect(last.result.data).toEqual(full.result.data);
          const ids = compareIds(truthIds(truth), dataIds(last.result.data));
          ledger.add(20, { eventsLost: ids.lost, eventsDoubleCounted: ids.doubled });
          expect(ids).toEqual({ lost: 0, doubled: 0 });
          checked += 1;
        },
      ),
      { numRuns: 4, seed: 2026 },
    );
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
