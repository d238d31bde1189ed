import { describe, expect, it } from 'vitest';
import { outcomeOf } from './github-deployments.js';

const s = (id: number, state: string, at: string) => ({
  id,
  state,
  created_at: `2026-11-01T${at}Z`,
});

describe('outcomeOf', () => {
  it('success, then GitHub auto-inactivates it: still a success at the success time', () => {
    expect(
      outcomeOf([
        s(3, 'inactive', '12:00:00'),
        s(2, 'success', '10:05:00'),
        s(1, 'in_progress', '10:00:00'),
      ]),
    ).toEqual({
      final: true,
      status: 'success',
      at: '2026-11-01T10:05:00Z',
    });
  });

  it('failure and error are failures', () => {
    expect(outcomeOf([s(1, 'failure', '10:00:00')])).toEqual({
      final: true,
      status: 'failure',
      at: '2026-11-01T10:00:00Z',
    });
    expect(outcomeOf([s(1, 'error', '10:00:00')])).toEqual({
      final: true,
      status: 'failure',
      at: '2026-11-01T10:00:00Z',
    });
  });

  it('the latest terminal status decides, ties by id', () => {
    expect(outcomeOf([s(1, 'failure', '10:00:00'), s(2, 'success', '11:00:00')])).toMatchObject({
      status: 'success',
    });
    expect(outcomeOf([s(2, 'failure', '10:00:00'), s(1, 'success', '10:00:00')])).toMatchObject({
      status: 'failure',
    });
  });

  it('queued, pending or in progress without a result: not final', () => {
    expect(outcomeOf([s(1, 'queued', '10:00:00')])).toEqual({ final: false });
    expect(outcomeOf([s(1, 'pending', '10:00:00'), s(2, 'in_progress', '10:01:00')])).toEqual({
      final: false,
    });
    expect(outcomeOf([])).toEqual({ final: false });
  });

  it('only inactive: never deployed', () => {
    expect(outcomeOf([s(1, 'inactive', '10:00:00')])).toEqual({ final: true, status: null });
  });
});
