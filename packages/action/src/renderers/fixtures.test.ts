import { computeDora, type DoraReport } from '@dora/core';
import { describe, expect, it } from 'vitest';
import { emptyResult, fullResult } from './test-fixtures.js';

// Floating-point noise (311400.0000000001) is not a disagreement.
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

function normalised(report: DoraReport): unknown {
  const leadTimes = [...report.audit.leadTimes].sort((a, b) => (a.changeId < b.changeId ? -1 : 1));
  const failures = [...report.audit.failures].sort((a, b) =>
    a.deploymentId < b.deploymentId ? -1 : 1,
  );
  return rounded({ ...report, audit: { failures, leadTimes } });
}

describe('the hand-made fixtures', () => {
  it('agree with computeDora on the same events (minSample 3, profile dora-2023)', () => {
    const { data, report } = fullResult();
    const computed = computeDora(data, {
      window: { from: report.window.from, to: report.window.to },
      benchmark: 'dora-2023',
      minSample: 3,
    });
    expect(normalised(computed)).toEqual(normalised(report));
  });

  it('agree with computeDora on empty input', () => {
    const { data, report } = emptyResult();
    const computed = computeDora(data, {
      window: { from: report.window.from, to: report.window.to },
      benchmark: 'dora-2023',
    });
    expect(normalised(computed)).toEqual(normalised(report));
  });
});
