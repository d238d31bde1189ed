import { describe, expect, it } from 'vitest';
import { extendChain, type HistoryCommit, introducers } from './history.js';

const commit = (oid: string, day: number, parents: string[]): HistoryCommit => ({
  oid,
  committedAt: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z`,
  parents,
  pullRequests: [],
});

// main: A - B - M - C, where M merges the side branch S1 - S2 forked from A. Git-log order, newest first.
const all = [
  commit('C', 9, ['M']),
  commit('M', 8, ['B', 'S2']),
  commit('S2', 7, ['S1']),
  commit('B', 6, ['A']),
  commit('S1', 5, ['A']),
  commit('A', 1, []),
];
const map = (list: HistoryCommit[]) => new Map(list.map((c) => [c.oid, c]));

describe('extendChain', () => {
  it('follows first parents only and ends at the root', () => {
    const chain: string[] = [];
    expect(extendChain(chain, map(all), { stopBeforeMs: 0 })).toEqual({
      done: true,
      reachedKnownHead: false,
    });
    expect(chain).toEqual(['C', 'M', 'B', 'A']);
  });

  it('waits for the next page when a first parent was not read yet, then goes on', () => {
    const chain: string[] = [];
    expect(extendChain(chain, map(all.slice(0, 3)), { stopBeforeMs: 0 }).done).toBe(false);
    expect(chain).toEqual(['C', 'M']);
    extendChain(chain, map(all), { stopBeforeMs: 0 });
    expect(chain).toEqual(['C', 'M', 'B', 'A']);
  });

  it('stops at the known head of a warm run, without it', () => {
    const chain: string[] = [];
    expect(extendChain(chain, map(all), { stopBeforeMs: 0, knownHead: 'B' })).toEqual({
      done: true,
      reachedKnownHead: true,
    });
    expect(chain).toEqual(['C', 'M']);
  });

  it('stops at the first line commit older than the bound', () => {
    const chain: string[] = [];
    const bound = Date.parse('2026-01-07T00:00:00Z');
    expect(extendChain(chain, map(all), { stopBeforeMs: bound }).done).toBe(true);
    expect(chain).toEqual(['C', 'M', 'B']);
  });
});

describe('introducers', () => {
  it('gives side commits to the merge that brought them and line commits to themselves', () => {
    const by = introducers(['C', 'M', 'B', 'A'], map(all));
    expect(Object.fromEntries(by)).toEqual({ C: 'C', M: 'M', S2: 'M', S1: 'M', B: 'B', A: 'A' });
  });

  it('gives a side commit reachable from two merges to the earlier one', () => {
    // N merges S2 again after M did: S2 and S1 stay M's.
    const more = [commit('N', 10, ['C', 'S2']), ...all];
    const by = introducers(['N', 'C', 'M', 'B', 'A'], map(more));
    expect(by.get('S2')).toBe('M');
    expect(by.get('N')).toBe('N');
  });

  it('leaves commits an earlier run placed out of a warm walk', () => {
    // A warm walk of C, M only: A was placed before, so the side walk from M stops there.
    const by = introducers(['C', 'M'], map(all), (oid) => oid === 'A' || oid === 'B');
    expect(Object.fromEntries(by)).toEqual({ C: 'C', M: 'M', S2: 'M', S1: 'M' });
  });
});
