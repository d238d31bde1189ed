import { describe, expect, it } from 'vitest';
import { cacheAvailable, mayPersist, runContextFrom } from './trust.js';

const pushPayload = { repository: { default_branch: 'main' } };

describe('mayPersist', () => {
  it('allows push and workflow_dispatch on the default branch, and schedule', () => {
    for (const event of ['push', 'workflow_dispatch']) {
      expect(
        mayPersist(
          runContextFrom({ GITHUB_EVENT_NAME: event, GITHUB_REF: 'refs/heads/main' }, pushPayload),
        ),
      ).toEqual({ allowed: true });
    }
    expect(mayPersist({ eventName: 'schedule', ref: 'refs/heads/main' })).toEqual({
      allowed: true,
    });
  });

  it('refuses pull requests, other branches, forks and an unknown default branch', () => {
    expect(mayPersist({ eventName: 'pull_request', ref: 'refs/pull/3/merge' })).toEqual({
      allowed: false,
      reason: 'state is never saved from pull_request runs',
    });
    expect(
      mayPersist({
        eventName: 'pull_request_target',
        defaultBranch: 'main',
        ref: 'refs/heads/main',
      }),
    ).toEqual({
      allowed: false,
      reason: 'state is never saved from pull_request_target runs',
    });
    expect(
      mayPersist(
        runContextFrom(
          { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/feature' },
          pushPayload,
        ),
      ),
    ).toEqual({
      allowed: false,
      reason: 'state is only saved from the default branch (main)',
    });
    expect(mayPersist({ eventName: 'push', ref: 'refs/heads/main' })).toEqual({
      allowed: false,
      reason: 'the default branch is unknown, so state is not saved',
    });
    expect(
      mayPersist(
        runContextFrom(
          { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
          {
            ...pushPayload,
            pull_request: { head: { repo: { fork: true } } },
          },
        ),
      ),
    ).toEqual({ allowed: false, reason: 'state is never saved from a fork' });
  });

  it('allows runs outside Actions', () => {
    expect(mayPersist(runContextFrom({}, undefined))).toEqual({ allowed: true });
  });
});

describe('cacheAvailable', () => {
  it('needs the runtime token and a cache URL', () => {
    expect(cacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r/' })).toBe(
      true,
    );
    expect(cacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't' })).toBe(false);
    expect(cacheAvailable({ ACTIONS_CACHE_URL: 'https://c/' })).toBe(false);
  });
});
