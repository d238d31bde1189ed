import { describe, expect, it } from 'vitest';
import { assignChanges, type LocatedChange, type Placed } from './link.js';

const prod = (
  id: string,
  finishedAtMs: number,
  pos: number | null,
  extras: string[] = [],
): Placed => ({
  id,
  environment: 'production',
  finishedAtMs,
  pos,
  extras,
});
const change = (id: string, pos: number, mergedAtMs = 100): LocatedChange => ({
  id,
  pos,
  mergedAtMs,
});
const asObject = (m: Map<string, string[]>) => Object.fromEntries(m);

describe('assignChanges', () => {
  const changes = [change('#1', 1), change('#2', 2), change('#3', 3), change('#4', 4)];

  it('gives each change to the first deployment, by finishing time, at or above its position', () => {
    const { shipped, firsts } = assignChanges([prod('d2', 20, 3), prod('d1', 10, 2)], changes, 0);
    expect(asObject(shipped)).toEqual({ d1: ['#1', '#2'], d2: ['#3'] });
    expect(asObject(new Map([...firsts].map(([k, v]) => [k, [v]])))).toEqual({
      production: ['d1'],
    });
  });

  it('ships nothing on a rollback and resumes after it', () => {
    const deployments = [
      prod('d1', 10, 2),
      prod('d2', 20, 3),
      prod('d3', 30, 1),
      prod('d4', 40, 4),
    ];
    expect(asObject(assignChanges(deployments, changes, 0).shipped)).toEqual({
      d1: ['#1', '#2'],
      d2: ['#3'],
      d3: [],
      d4: ['#4'],
    });
  });

  it('keeps changes merged before the range away from the first deployment and from later ones', () => {
    const old = [change('#0', 0, 50), ...changes];
    const { shipped } = assignChanges([prod('d1', 10, 2), prod('d2', 20, 4)], old, 100);
    expect(asObject(shipped)).toEqual({ d1: ['#1', '#2'], d2: ['#3', '#4'] });
  });

  it('ships what compare found off the line once, and not again from the line', () => {
    const deployments = [
      prod('d1', 10, 1),
      prod('hotfix', 20, null, ['#3', '#9']),
      prod('d2', 30, 4),
    ];
    expect(asObject(assignChanges(deployments, changes, 0).shipped)).toEqual({
      d1: ['#1'],
      hotfix: ['#3'],
      d2: ['#2', '#4'],
    });
  });

  it('links each environment on its own', () => {
    const staging = { ...prod('s1', 5, 4), environment: 'staging' };
    const { shipped, firsts } = assignChanges([prod('d1', 10, 2), staging], changes, 0);
    expect(asObject(shipped)).toEqual({ d1: ['#1', '#2'], s1: ['#1', '#2', '#3', '#4'] });
    expect([...firsts]).toEqual([
      ['production', 'd1'],
      ['staging', 's1'],
    ]);
  });

  it('orders deployments finishing at the same instant by id', () => {
    const { shipped } = assignChanges([prod('b', 10, 4), prod('a', 10, 2)], changes, 0);
    expect(asObject(shipped)).toEqual({ a: ['#1', '#2'], b: ['#3', '#4'] });
  });
});
