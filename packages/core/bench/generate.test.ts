import { describe, expect, it } from 'vitest';
import { BENCH_WINDOW_FROM, generate, iso } from './generate.js';

describe('generate', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = JSON.stringify(generate({ size: 300, seed: 1 }).data);
    expect(JSON.stringify(generate({ size: 300, seed: 1 }).data)).toBe(a);
    expect(JSON.stringify(generate({ size: 300, seed: 2 }).data)).not.toBe(a);
  });

  it('makes size deployments and changes, size/10 incidents, over a 365-day window', () => {
    const g = generate({ size: 1000 });
    expect(g.data.deployments).toHaveLength(1000);
    expect(g.data.changes).toHaveLength(1000);
    expect(g.data.incidents).toHaveLength(100);
    expect(g.window).toEqual({ from: BENCH_WINDOW_FROM, to: '2026-01-01T00:00:00.000Z' });
  });

  it('delivers instants as ISO strings inside the window, deployments in order', () => {
    const g = generate({ size: 2000 });
    const from = Date.parse(g.window.from);
    const to = Date.parse(g.window.to);
    let last = -Infinity;
    for (const d of g.data.deployments) {
      expect(d.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const t = Date.parse(String(d.finishedAt));
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(to);
      expect(t).toBeGreaterThan(last);
      last = t;
    }
  });

  it('links every change once, to a successful production deployment of its repository', () => {
    const g = generate({ size: 2000 });
    const seen = new Map<string, number>();
    for (const d of g.data.deployments) {
      for (const id of d.changeIds ?? []) {
        expect(d.environment).toBe('production');
        expect(d.status).toBe('success');
        expect(id.startsWith(`${d.repository}#`)).toBe(true);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(2000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const batched = g.data.deployments.filter((d) => (d.changeIds?.length ?? 0) > 1);
    expect(batched.length).toBeGreaterThan(100);
  });

  it('uses the event id conventions', () => {
    const g = generate({ size: 20 });
    expect(g.data.deployments[0]?.id).toMatch(/^acme\/service-\d+:run:\d+$/);
    expect(g.data.changes[0]?.id).toMatch(/^acme\/service-\d+#1$/);
    expect(g.data.incidents[0]?.id).toBe('pagerduty:P100000');
  });

  it('formats instants exactly as Date#toISOString', () => {
    for (const ms of [0, 86_399_999, 1_735_689_600_000, 1_735_689_600_007, 1_767_225_599_999]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
