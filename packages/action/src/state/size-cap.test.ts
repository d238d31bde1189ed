import { describe, expect, it } from 'vitest';
import { capStateSize } from './size-cap.js';
import { sampleState } from './test-state.js';

describe('capStateSize', () => {
  it('keeps a state under the cap untouched', () => {
    const state = sampleState();
    expect(capStateSize(state, 1000, 2000, new Date('2026-11-01T00:00:00Z'))).toEqual({
      state,
      dropped: 0,
    });
  });

  it('drops the oldest events before keepAfter first, never open incidents or newer events', () => {
    const state = sampleState();
    // 1 byte over: only the oldest candidate goes (the incident resolved 2026-09-01).
    const once = capStateSize(state, 2001, 2000, new Date('2026-11-05T00:00:00Z'));
    expect(once.dropped).toBe(1);
    expect(once.state.data.incidents.map((i) => i.id)).toEqual(['pagerduty:Q1']);
    expect(once.state.data.changes).toHaveLength(1);

    // Far over: everything before keepAfter goes; the failure of 11-10 and the open incident stay.
    const all = capStateSize(state, 10_000_000, 2000, new Date('2026-11-05T00:00:00Z'));
    expect(all.dropped).toBe(3);
    expect(all.state.data.deployments.map((d) => d.id)).toEqual(['acme/shop:run:2']);
    expect(all.state.data.changes).toEqual([]);
    expect(all.state.data.incidents.map((i) => i.id)).toEqual(['pagerduty:Q1']);
  });
});
