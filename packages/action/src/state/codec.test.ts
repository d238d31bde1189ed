import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './codec.js';
import { sampleState } from './test-state.js';

describe('encodeState / decodeState', () => {
  it('round-trips a state', () => {
    const state = sampleState();
    expect(decodeState(encodeState(state), 'scope-a')).toEqual({ state });
  });

  it('writes the same text for the same state whatever the key order', () => {
    const state = sampleState();
    const reordered = {
      collector: state.collector,
      data: state.data,
      savedAt: state.savedAt,
      scope: state.scope,
      schemaVersion: 1,
    };
    expect(encodeState(reordered)).toBe(encodeState(state));
  });

  it('refuses an edited payload by its checksum', () => {
    const text = encodeState(sampleState()).replace('acme/shop#1"]', 'acme/shop#9"]');
    expect(decodeState(text, 'scope-a')).toEqual({
      problem: 'the saved state failed its checksum (truncated or edited)',
    });
  });

  it('refuses a truncated file', () => {
    const text = encodeState(sampleState());
    expect(decodeState(text.slice(0, text.length / 2), 'scope-a')).toHaveProperty('problem');
  });

  it('refuses prototype keys anywhere', () => {
    const text = encodeState(sampleState()).replace(
      '"pendingDeployments"',
      '"__proto__":{"polluted":1},"pendingDeployments"',
    );
    expect(decodeState(text, 'scope-a')).toEqual({
      problem: 'the saved state is not valid JSON (forbidden key "__proto__")',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a newer schema, another scope and malformed events', () => {
    const newer = encodeState({ ...sampleState(), schemaVersion: 2 });
    expect(decodeState(newer, 'scope-a')).toEqual({
      problem: 'the saved state was written by a newer version (schema 2, this one reads 1)',
    });
    expect(decodeState(encodeState(sampleState('scope-b')), 'scope-a')).toEqual({
      problem:
        'the saved state belongs to other settings (repositories, deployment source, environment, workflows or incident sources changed)',
    });
    const bad = sampleState();
    (bad.data.deployments[1] as { status: string }).status = 'maybe';
    expect(decodeState(encodeState(bad), 'scope-a')).toEqual({
      problem: 'the saved state is malformed: data.deployments[1] is not a valid record',
    });
    const duplicate = sampleState();
    duplicate.data.changes.push({ id: 'acme/shop#1', firstCommitAt: '2026-10-30T08:00:00.000Z' });
    expect(decodeState(encodeState(duplicate), 'scope-a')).toEqual({
      problem: 'the saved state is malformed: data.changes holds duplicate ids',
    });
  });

  it('refuses files that are not state at all', () => {
    expect(decodeState('[]', 'scope-a')).toEqual({
      problem: 'the saved state is not a dora-action state file',
    });
    expect(decodeState('', 'scope-a')).toHaveProperty('problem');
  });
});
