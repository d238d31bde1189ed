import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectorError } from '../../packages/action/src/collectors/errors.js';
import type { ScenarioFault } from '../fakes/scenario.js';
import { bundleInputs, logLines, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, runTexts, runWorldPipeline, tempDir } from './pipeline-world.js';
import {
  cleanRun,
  collectWorld,
  compareIds,
  countLeaks,
  dataIds,
  errorText,
  quietWorld,
  startReplay,
  truthIds,
} from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

const RUNS = '^/repos/[^/]+/[^/]+/actions/workflows/[^/]+/runs$';
const RUNS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const DAY = 86_400_000;

/** The seconds of every "waiting N s" line. */
function waits(logs: readonly string[]): number[] {
  return logs.flatMap((line) => {
    const m = /: waiting (\d+) s$/.exec(line);
    return m ? [Number(m[1])] : [];
  });
}

describe('primary rate limits', () => {
  it('row 01: 403 with x-ratelimit-remaining 0, reset in 30 s: waits past the reset, retries once, logs no token', async () => {
    const base = await cleanRun();
    const fault: ScenarioFault = {
      method: 'GET',
      path: RUNS,
      times: 1,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+30' },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    };
    const run = await collectWorld([fault]);
    const seconds = waits(run.logs);
    expect(seconds).toHaveLength(1);
    // reset - now + 1 s, and now may have crossed a second boundary since the fault was built.
    expect(seconds[0]).toBeGreaterThanOrEqual(30);
    expect(seconds[0]).toBeLessThanOrEqual(32);
    expect(run.logs[0]).toMatch(
      /^GitHub primary rate limit on GET \/github\/repos\/acme\/shop\/actions\/workflows\/\d+\/runs: waiting \d+ s$/,
    );
    expect(run.requests).toBe(base.requests + 1);
    expect(run.byRoute[RUNS_ROUTE]).toBe((base.byRoute[RUNS_ROUTE] ?? 0) + 1);
    expect(run.result.partial).toBeUndefined();
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    const leaked = countLeaks([...run.logs, JSON.stringify(run.result)]);
    expect(leaked).toBe(0);
    ledger.add(1, {
      requestsRetried: run.requests - base.requests,
      waitsHonoured: seconds.length,
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: leaked,
    });
  });

  it('row 02: reset 50 min away: no sleep; checkpoint, partial report and banner, state saved, no error; the next run loses nothing', async () => {
    const { scenario, truth } = quietWorld();
    const dir = await tempDir();
    const earlier = new Date(Date.parse(scenario.now) - 7 * DAY).toISOString();
    const first = await runWorldPipeline({ stateDir: dir, now: earlier });
    expect(first.result.info.partial).toBeUndefined();
    const firstState = JSON.parse(first.stateText ?? '{}') as {
      payload: { collector: { repos: Record<string, { deploymentsWatermark?: string }> } };
    };
    const firstWatermark = firstState.payload.collector.repos['acme/shop']?.deploymentsWatermark;
    expect(firstWatermark).toBe(new Date(earlier).toISOString());

    const limited = await runWorldPipeline({
      stateDir: dir,
      inputs: { 'max-wait': '5m' },
      faults: [
        {
          method: 'GET',
          path: RUNS,
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+3000' },
          body: { message: 'API rate limit exceeded for installation ID 1.' },
        },
      ],
    });
    // No wait at all: 50 minutes is beyond max-wait, so the run stops at once.
    expect(waits(limited.log)).toEqual([]);
    expect(limited.result.info.partial?.reason).toMatch(
      /^acme\/shop: GitHub rate limit reached on GET \/github\/repos\/acme\/shop\/actions\/workflows\/\d+\/runs; it resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(waited 0 s of the 300 s allowed\)$/,
    );
    expect(limited.log.some((line) => line.startsWith('warning: Partial report: acme/shop:'))).toBe(
      true,
    );
    expect(limited.summary).toContain('**Partial report.** The run stopped early: acme/shop');
    expect(limited.summary).toContain('it resets at');
    expect(limited.result.info.state).toEqual({ backend: 'file', restored: true, saved: true });
    // The checkpoint: the saved cursor is the last complete one, not advanced past what was read.
    const saved = JSON.parse(limited.stateText ?? '{}') as typeof firstState;
    expect(saved.payload.collector.repos['acme/shop']?.deploymentsWatermark).toBe(firstWatermark);
    // What it has: the first run's events, reported.
    expect(dataIds(limited.result.data).sort()).toEqual(dataIds(first.result.data).sort());

    const resumed = await runWorldPipeline({ stateDir: dir });
    expect(resumed.result.info.partial).toBeUndefined();
    const ids = compareIds(truthIds(truth), dataIds(resumed.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    const leaked = countLeaks([...runTexts(first), ...runTexts(limited), ...runTexts(resumed)]);
    expect(leaked).toBe(0);
    ledger.add(2, {
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: leaked,
    });
  });
  it('row 02: max-wait end to end (the bundled Action): a wait longer than what is left of the budget is not waited; partial, exit 0, state saved', async () => {
    const { scenario } = quietWorld();
    // 1 s is waited for real (1 s of the 2 s budget); the next limit asks 5 s, more than the 1 s left.
    const replay = await startReplay(scenario, [
      {
        method: 'GET',
        path: RUNS,
        times: 1,
        status: 403,
        headers: { 'retry-after': '1' },
        body: { message: SECONDARY },
      },
      {
        method: 'GET',
        path: '^/repos/[^/]+/[^/]+/issues$',
        status: 403,
        headers: { 'retry-after': '5' },
        body: { message: SECONDARY },
      },
    ]);
    try {
      const dir = await tempDir();
      const run = await runBundle(
        dir,
        'max-wait',
        bundleInputs(replay, dir, { 'max-wait': '2s' }),
        runnerEnv(dir),
      );
      expect(run.exitCode, run.stdout).toBe(0);
      const partial = run.stdout
        .split('\n')
        .find((l) => l.startsWith('::warning::Partial report:'));
      expect(partial).toMatch(
        /rate limit reached on GET .*\/issues.*\(waited 1 s of the 2 s allowed\)/,
      );
      expect(run.summary).toContain('**Partial report.**');
      expect(run.summary).toContain('State** (file): not restored, saved');
      expect(existsSync(join(dir, 'state', 'state.json'))).toBe(true);
      expect(run.durationMs).toBeLessThan(30_000);
      const leaked = countLeaks([...logLines(run.stdout), run.stderr, run.summary]);
      expect(leaked).toBe(0);
      ledger.add(2, { requestsRetried: 1, waitsHonoured: 1, secretsLeaked: leaked });
    } finally {
      await replay.close();
    }
  });
});

describe('secondary rate limits', () => {
  it.each([403, 429])(
    'row 03: %i secondary limit with retry-after 7: waits 7 s and retries; bounded tries, then a partial "secondary rate limit"',
    async (status) => {
      const base = await cleanRun();
      const fault: ScenarioFault = {
        method: 'GET',
        path: RUNS,
        status,
        headers: { 'retry-after': '7' },
        body: { message: SECONDARY },
      };
      const once = await collectWorld([{ ...fault, times: 1 }]);
      expect(once.logs).toEqual([
        expect.stringMatching(/^GitHub secondary rate limit on GET .*\/runs: waiting 7 s$/),
      ]);
      expect(once.requests).toBe(base.requests + 1);
      const ids = compareIds(truthIds(quietWorld().truth), dataIds(once.result.data));
      expect(ids).toEqual({ lost: 0, doubled: 0 });

      const always = await collectWorld([fault]);
      // Four waits of 7 s (the client's cap on rate-limit retries of one request), then it stops.
      expect(waits(always.logs)).toEqual([7, 7, 7, 7]);
      expect(always.byRoute[RUNS_ROUTE]).toBe(5);
      expect(always.result.partial?.reason).toMatch(
        /^acme\/shop: GitHub secondary rate limit reached on GET .*\/runs; /,
      );
      const leaked = countLeaks([...once.logs, ...always.logs, JSON.stringify(always.result)]);
      expect(leaked).toBe(0);
      ledger.add(3, {
        requestsRetried: once.requests - base.requests + 4,
        waitsHonoured: 1 + 4,
        eventsLost: ids.lost,
        eventsDoubleCounted: ids.doubled,
        secretsLeaked: leaked,
      });
    },
  );

  it('row 04: secondary limit without retry-after: waits the 60 s fallback, doubling on repeats; max-wait bounds the total', async () => {
    const base = await cleanRun();
    const fault: ScenarioFault = {
      method: 'GET',
      path: RUNS,
      status: 403,
      body: { message: SECONDARY },
    };
    const once = await collectWorld([{ ...fault, times: 1 }]);
    expect(waits(once.logs)).toEqual([60]);
    expect(once.requests).toBe(base.requests + 1);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(once.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });

    // 200 s allowed: 60 s, then 120 s fit (180 s); the next, 240 s, would not.
    const bounded = await collectWorld([fault], { maxWaitMs: 200_000 });
    expect(waits(bounded.logs)).toEqual([60, 120]);
    expect(bounded.byRoute[RUNS_ROUTE]).toBe(3);
    expect(bounded.result.partial?.reason).toContain('(waited 180 s of the 200 s allowed)');
    ledger.add(4, {
      requestsRetried: 1 + 2,
      waitsHonoured: 1 + 2,
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: countLeaks([...once.logs, ...bounded.logs]),
    });
  });
});

describe('GraphQL errors', () => {
  it('row 05: GraphQL 200 with errors[].type RATE_LIMITED is a rate limit (waited, retried), never data', async () => {
    const base = await cleanRun();
    const fault: ScenarioFault = {
      method: 'POST',
      path: '^/graphql$',
      times: 1,
      status: 200,
      graphqlErrors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '+5' },
    };
    const run = await collectWorld([fault]);
    const seconds = waits(run.logs);
    expect(seconds).toHaveLength(1);
    expect(seconds[0]).toBeGreaterThanOrEqual(5);
    expect(seconds[0]).toBeLessThanOrEqual(7);
    expect(run.logs[0]).toMatch(/^GitHub rate limit on POST \/github\/graphql: waiting \d s$/);
    expect(run.requests).toBe(base.requests + 1);
    expect(run.result.data.changes).toEqual((await cleanRun()).result.data.changes);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(5, {
      requestsRetried: run.requests - base.requests,
      waitsHonoured: seconds.length,
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: countLeaks(run.logs),
    });
  });

  it('row 06: GraphQL partial data with a resource-limit error: the run fails clearly and saves no watermark; the next run loses nothing', async () => {
    const { truth } = quietWorld();
    const dir = await tempDir();
    const fault: ScenarioFault = {
      method: 'POST',
      path: '^/graphql$',
      times: 1,
      data: 'execute',
      graphqlErrors: [
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message:
            'By the time this query traverses to the commits connection, it is requesting up to 1,000,000 possible nodes which exceeds the maximum limit of 500,000.',
        },
      ],
    };
    const error = await runWorldPipeline({ stateDir: dir, faults: [fault] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toBe(
      'GitHub answered POST /github/graphql with errors (its data is incomplete): MAX_NODE_LIMIT_EXCEEDED: By the time this query traverses to the commits connection, it is requesting up to 1,000,000 possible nodes which exceeds the maximum limit of 500,000.',
    );
    // Nothing saved: no watermark can claim the incomplete window.
    const next = await runWorldPipeline({ stateDir: dir });
    expect(next.result.info.state.restored).toBe(false);
    const ids = compareIds(truthIds(truth), dataIds(next.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    const leaked = countLeaks([errorText(error), ...runTexts(next)]);
    expect(leaked).toBe(0);
    ledger.add(6, {
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: leaked,
    });
  });
});
