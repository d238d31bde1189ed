import { describe, expect, it } from 'vitest';
import {
  benchmarkProfiles,
  DEFAULT_BENCHMARK,
  type MetricBands,
  resolveBenchmark,
  type ScoreMetric,
} from './index.js';

function edgesInOrder(m: MetricBands | ScoreMetric, edges: readonly number[]): boolean {
  return edges.every((e, i) => {
    const prev = edges[i - 1];
    if (prev === undefined) return true;
    return m.better === 'lower' ? e >= prev : e <= prev;
  });
}

describe('benchmark registry', () => {
  it('defaults to dora-2023, the newest profile whose thresholds are all sourced', () => {
    expect(DEFAULT_BENCHMARK).toBe('dora-2023');
    expect(resolveBenchmark()).toEqual({ id: 'dora-2023', kind: 'levels' });
    expect(resolveBenchmark('  ')).toEqual({ id: 'dora-2023', kind: 'levels' });
  });

  it('resolves ids and bare years, case-insensitively', () => {
    expect(resolveBenchmark('2025')).toEqual({ id: 'dora-2025', kind: 'score' });
    expect(resolveBenchmark('DORA-2021')).toEqual({ id: 'dora-2021', kind: 'levels' });
    expect(resolveBenchmark('dora-2024')).toEqual({ id: 'dora-2024', kind: 'levels' });
  });

  it('lists five profiles, oldest first', () => {
    expect(benchmarkProfiles.map((p) => p.id)).toEqual([
      'dora-2021',
      'dora-2022',
      'dora-2023',
      'dora-2024',
      'dora-2025',
    ]);
  });

  it('keeps every levels profile well formed: sourced rows, ordered edges, edgeless last row', () => {
    for (const profile of benchmarkProfiles) {
      if (profile.kind !== 'levels') continue;
      let allVerified = true;
      for (const m of Object.values(profile.metrics)) {
        const last = m.rows.at(-1);
        expect(last?.edge, `${profile.id} ${m.metric}`).toBeUndefined();
        expect(last?.level).toBe('low');
        const edges = m.rows.flatMap((r) => (r.edge ? [r.edge.value] : []));
        expect(edges).toHaveLength(m.rows.length - 1);
        expect(edgesInOrder(m, edges), `${profile.id} ${m.metric}`).toBe(true);
        for (const r of m.rows) {
          expect(r.source.length).toBeGreaterThan(20);
          allVerified &&= r.verified;
        }
      }
      expect(profile.verified, profile.id).toBe(allVerified);
    }
  });

  it('keeps the 2025 score profile well formed, its level source verified', () => {
    const p = benchmarkProfiles.find((x) => x.id === 'dora-2025');
    if (p?.kind !== 'score') throw new Error('dora-2025 must be a score profile');
    const levels = benchmarkProfiles.find((x) => x.id === p.levelsFrom);
    expect(levels?.kind === 'levels' && levels.verified).toBe(true);
    for (const m of Object.values(p.metrics)) {
      if (m.scale.kind !== 'answers') continue;
      expect(m.scale.answers.map((a) => a.answer)).toEqual([6, 5, 4, 3, 2, 1]);
      const edges = m.scale.answers.flatMap((a) => (a.edge ? [a.edge.value] : []));
      expect(edges).toHaveLength(5);
      expect(edgesInOrder(m, edges)).toBe(true);
    }
    expect(p.metrics.changeFailureRate.references.map((r) => r.mean)).toEqual([8.1, 8.3]);
  });
});
