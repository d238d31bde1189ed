import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../packages/action/src/collectors/collect.js';
import { CollectorError } from '../../packages/action/src/collectors/errors.js';
import { isUserFacing } from '../../packages/action/src/errors.js';
import type { ScenarioFault } from '../fakes/scenario.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, runWorldPipeline, tempDir } from './pipeline-world.js';
import {
  cleanRun,
  clientsFor,
  collectWorld,
  compareIds,
  countLeaks,
  dataIds,
  errorText,
  quietWorld,
  startReplay,
  truthIds,
  worldOptions,
} from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

const RUNS = '^/repos/[^/]+/[^/]+/actions/workflows/[^/]+/runs$';
const RUNS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';

describe('row 07: 5xx, connection reset and socket timeout', () => {
  it.each([500, 502, 504])(
    'row 07: %i twice on the runs list: retried with backoff, nothing lost',
    async (status) => {
      const base = await cleanRun();
      const run = await collectWorld([{ method: 'GET', path: RUNS, times: 2, status }]);
      expect(run.byRoute[RUNS_ROUTE]).toBe((base.byRoute[RUNS_ROUTE] ?? 0) + 2);
      expect(run.requests).toBe(base.requests + 2);
      expect(run.result.partial).toBeUndefined();
      const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
      expect(ids).toEqual({ lost: 0, doubled: 0 });
      ledger.add(7, {
        requestsRetried: run.requests - base.requests,
        eventsLost: ids.lost,
        eventsDoubleCounted: ids.doubled,
      });
    },
  );

  it('row 07: a connection reset and a response slower than the request timeout are retried', async () => {
    const base = await cleanRun();
    const faults: ScenarioFault[] = [
      { method: 'GET', path: RUNS, times: 1, reset: true },
      { method: 'GET', path: '^/repos/[^/]+/[^/]+/issues$', times: 1, delayMs: 3_000 },
    ];
    const run = await collectWorld(faults, { github: { requestTimeoutMs: 1_000 } });
    // Counted by the client: the replay answers the slow request only after the client gave up on it.
    expect(run.result.api.github).toBe(base.result.api.github + 2);
    expect(run.byRoute[RUNS_ROUTE]).toBe((base.byRoute[RUNS_ROUTE] ?? 0) + 1);
    const ids = compareIds(truthIds(quietWorld().truth), dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    ledger.add(7, {
      requestsRetried: run.result.api.github - base.result.api.github,
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
    });
  });

  it('row 07: a 502 that persists fails after 3 retries, naming the endpoint and never the token', async () => {
    const error = await collectWorld([{ method: 'GET', path: RUNS, status: 502 }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toMatch(
      /^GitHub request GET \/github\/repos\/acme\/shop\/actions\/workflows\/\d+\/runs failed \(502\): /,
    );
    expect(isUserFacing(error)).toBe(true);
    const leaked = countLeaks([errorText(error)]);
    expect(leaked).toBe(0);
    ledger.add(7, { requestsRetried: 3, secretsLeaked: leaked });
  });

  it('row 07: a PagerDuty outage fails that source only: GitHub events are still reported, with a warning', async () => {
    const { truth } = quietWorld();
    const run = await collectWorld([{ method: 'GET', path: '^/incidents$', status: 503 }]);
    expect(run.result.warnings).toEqual([
      'PagerDuty incidents not updated: PagerDuty request GET /incidents failed (503): Server Error',
    ]);
    // The GitHub part is complete; PagerDuty's incidents are the expected casualty of its outage.
    const expected = truthIds(truth).filter((id) => !id.startsWith('pagerduty:'));
    const ids = compareIds(expected, dataIds(run.result.data));
    expect(ids).toEqual({ lost: 0, doubled: 0 });
    // pdjs's first try and 2 retries (3 attempts).
    expect(run.byRoute['GET /incidents']).toBe(3);
    ledger.add(7, {
      requestsRetried: 2,
      eventsLost: ids.lost,
      eventsDoubleCounted: ids.doubled,
      secretsLeaked: countLeaks([...run.logs, JSON.stringify(run.result)]),
    });
  });
});

describe('row 08: a bad token', () => {
  it('row 08: 401 fails fast: one request, no retry, a message naming the github-token input', async () => {
    const dir = await tempDir();
    const fault: ScenarioFault = {
      path: '^/(repos|graphql)',
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
    };
    const started = Date.now();
    const error = await runWorldPipeline({ stateDir: dir, faults: [fault] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toBe(
      'GitHub rejected the token (401) on GET /github/repos/acme/shop: check the `github-token` input',
    );
    expect(isUserFacing(error)).toBe(true);
    // One request only: nothing retried (the retry plugin's first backoff alone would be 1 s).
    expect(Date.now() - started).toBeLessThan(5_000);
    const leaked = countLeaks([errorText(error)]);
    expect(leaked).toBe(0);
    ledger.add(8, { secretsLeaked: leaked });
  });

  it('row 08: the 401 is answered once: the replay counts a single GitHub request', async () => {
    const fault: ScenarioFault = { path: '^/(repos|graphql)', status: 401 };
    const { scenario, truth } = quietWorld();
    const options = worldOptions(truth);
    delete options.pagerduty;
    const replay = await startReplay(scenario, [fault]);
    let requests: number;
    try {
      const clients = clientsFor(replay);
      const error = await collect(options, undefined, {
        github: clients.github,
        now: new Date(scenario.now),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CollectorError);
      requests = replay.stats().requests;
    } finally {
      await replay.close();
    }
    expect(requests).toBe(1);
  });
});
