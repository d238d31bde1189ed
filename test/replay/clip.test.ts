import { describe, expect, it } from 'vitest';
import { clipScenario } from '../fakes/clip.js';
import { startReplayServer } from '../fakes/replay-server.js';
import { loadScenario, type Scenario, ScenarioError, validateScenario } from '../fakes/scenario.js';
import { deriveTruth } from '../scenarios/truth.js';
import { sha, tinyScenario } from './fixtures.js';

function withRerun(now: string) {
  const s = tinyScenario();
  const repo = s.github.repos[0];
  const first = repo?.workflowRuns?.[0];
  if (repo === undefined || first === undefined) throw new Error('fixture changed');
  repo.workflowRuns?.push({
    ...first,
    runAttempt: 2,
    conclusion: 'success',
    runStartedAt: '2026-08-01T01:00:00Z',
    updatedAt: '2026-08-01T01:10:00Z',
  });
  return { ...s, now };
}

describe('the data clock', () => {
  it('hides what happens after now and reopens what finishes later', () => {
    const clipped = clipScenario({ ...tinyScenario(), now: '2026-11-04T23:00:00Z' });
    const repo = clipped.github.repos[0];
    expect(repo?.commits.map((c) => c.sha)).toEqual([
      sha('a'),
      sha('b'),
      sha('c'),
      sha('d'),
      sha('e'),
    ]);
    const pr3 = repo?.pullRequests?.find((p) => p.number === 3);
    expect(pr3).toMatchObject({ state: 'open' });
    expect(pr3?.mergeCommitSha).toBeUndefined();
    expect(repo?.pullRequests?.map((p) => p.number)).toEqual([2, 3]);
    expect(repo?.workflowRuns).toHaveLength(2304);
    const last = repo?.workflowRuns?.find((r) => r.id === 2304);
    expect(last).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(repo?.deployments?.map((d) => d.id)).toEqual([7001]);
    expect(repo?.deployments?.[0]?.statuses?.map((s) => s.state)).toEqual([
      'in_progress',
      'success',
    ]);
    expect(clipped.pagerduty?.incidents.map((i) => i.id)).toEqual(['Q0OLD']);
    expect(repo?.releases?.map((r) => r.id)).toEqual([9001]);
  });

  it('serves the latest started attempt of a re-run', () => {
    const attempt = (now: string) =>
      clipScenario(withRerun(now)).github.repos[0]?.workflowRuns?.find((r) => r.id === 1);
    expect(attempt('2026-08-01T00:30:00Z')).toMatchObject({ runAttempt: 1, conclusion: 'failure' });
    expect(attempt('2026-08-01T01:05:00Z')).toMatchObject({ runAttempt: 2, status: 'in_progress' });
    expect(attempt('2026-08-01T02:00:00Z')).toMatchObject({ runAttempt: 2, conclusion: 'success' });
  });

  it('ground truth follows the clock: a re-run replaces the failed attempt', () => {
    const truth = (now: string) =>
      deriveTruth(withRerun(now), { PSVC001: ['acme/shop'] }).bySource[
        'workflow-runs'
      ]?.deployments.find((d) => d.id === 'acme/shop:run:1');
    expect(truth('2026-08-01T00:30:00Z')).toMatchObject({
      status: 'failure',
      finishedAt: '2026-08-01T00:10:00.000Z',
    });
    expect(truth('2026-08-01T01:05:00Z')).toBeUndefined();
    expect(truth('2026-08-01T02:00:00Z')).toMatchObject({
      status: 'success',
      finishedAt: '2026-08-01T01:10:00Z',
    });
  });

  it('the server answers at the clock', async () => {
    const h = await startReplayServer({
      scenario: { ...tinyScenario(), now: '2026-11-04T23:00:00Z' },
    });
    try {
      const pulls = (await (
        await fetch(`${h.githubApiUrl}/repos/acme/shop/pulls?state=all`)
      ).json()) as Array<{ number: number; state: string; merged_at: string | null }>;
      expect(pulls.map((p) => [p.number, p.state, p.merged_at])).toEqual([
        [3, 'open', null],
        [2, 'closed', '2026-11-03T00:00:00Z'],
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('loading scenarios', () => {
  it('names the wrong key', async () => {
    const bad = (mutate: (s: Scenario) => void) => {
      const s = tinyScenario();
      mutate(s);
      try {
        validateScenario(JSON.parse(JSON.stringify(s)));
        return 'valid';
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
    };
    expect(bad(() => {})).toBe('valid');
    expect(
      bad((s) => {
        s.now = '2026-11-20';
      }),
    ).toBe('scenario: now: must be an ISO-8601 instant with a zone, got "2026-11-20"');
    expect(
      bad((s) => {
        const pr = s.github.repos[0]?.pullRequests?.[1];
        if (pr) pr.state = 'done' as never;
      }),
    ).toBe(
      'scenario: github.repos[0].pullRequests[1].state: must be one of open, closed, merged, got "done"',
    );
    expect(
      bad((s) => {
        const incident = s.pagerduty?.incidents[1];
        if (incident) incident.serviceId = 'PNONE';
      }),
    ).toBe('scenario: pagerduty.incidents[1].serviceId: unknown service PNONE');
    expect(
      bad((s) => {
        s.faults = [{ path: '(' }];
      }),
    ).toMatch(/^scenario: faults\[0\]\.path: not a valid regular expression/);
    await expect(loadScenario('/nonexistent/scenario.json')).rejects.toThrow(/ENOENT/);
  });
});
