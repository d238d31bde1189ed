import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { INPUTS } from '../../packages/action/src/action-spec.js';
import { parseInputs } from '../../packages/action/src/inputs.js';
import { bundleInputs, logLines, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, tempDir } from './pipeline-world.js';
import { collectWorld, countLeaks, errorText, quietWorld, startReplay } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

const BASE: Record<string, string> = { 'github-token': 't', repositories: 'acme/shop' };
const errorsFor = (values: Record<string, string>): string[] => {
  const parsed = parseInputs((name) => values[name] ?? BASE[name] ?? '');
  return 'errors' in parsed ? parsed.errors : [];
};

describe('row 29: bad inputs are refused before any request, all at once', () => {
  it.each([
    ['github-token', '', 'Input "github-token": required; pass a token'],
    ['repositories', 'acme', 'Input "repositories": expected owner/name'],
    [
      'window',
      '2024-13-01..2024-14-01',
      'Input "window": expected FROM..TO where each end is a date',
    ],
    ['window', '2024-02-01..2024-01-01', 'Input "window": TO must be after FROM (TO is exclusive)'],
    ['window', '30x', 'Input "window": expected a preset'],
    ['window', '0d', 'Input "window": expected a preset'],
    ['window', '-7d', 'Input "window": expected a preset'],
    [
      'window',
      'last-2-fortnights',
      'Input "window": unknown preset "last-2-fortnights"; valid presets: last-1-day',
    ],
    [
      'benchmark',
      'elite2',
      'Input "benchmark": unknown profile "elite2"; expected one of dora-2021',
    ],
    ['badges-path', '../../etc', 'Input "badges-path": must not leave the workspace'],
    ['pagerduty-services', 'PX', 'Input "pagerduty-token": required when pagerduty-services'],
    ['max-wait', 'soon', 'Input "max-wait": expected a positive duration'],
    ['lookback', '-1h', 'Input "lookback": expected a positive duration'],
    [
      'deployment-source',
      'jenkins',
      'Input "deployment-source": expected one of auto, deployments',
    ],
    ['summary', 'maybe', 'Input "summary": expected true or false; got "maybe".'],
    [
      'github-api-url',
      'ftp://x',
      'Input "github-api-url": expected an http(s) URL; got "ftp://x".',
    ],
    ['bucket', 'fortnight', 'Input "bucket": expected one of day, week, month, quarter'],
  ])(
    'row 29: %s = %j is refused, naming the input and the accepted form',
    (name, value, message) => {
      const errors = errorsFor({ [name]: value });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(message);
    },
  );

  it('row 29: the bundled Action: one error listing every problem, exit code 1, no request sent, no token printed', async () => {
    const { scenario } = quietWorld();
    const replay = await startReplay(scenario);
    try {
      const dir = await tempDir();
      const run = await runBundle(
        dir,
        'invalid',
        bundleInputs(replay, dir, {
          window: '2024-13-01..2024-14-01',
          'deployment-source': 'jenkins',
          repositories: 'acme',
          'max-wait': 'soon',
        }),
        runnerEnv(dir),
      );
      expect(run.exitCode).toBe(1);
      expect(replay.stats().requests).toBe(0);
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      expect(errors).toHaveLength(1);
      const error = errors[0] ?? '';
      expect(error).toContain('4 inputs are invalid');
      for (const name of ['window', 'deployment-source', 'repositories', 'max-wait']) {
        expect(error).toContain(`Input "${name}"`);
      }
      expect(run.stdout).not.toMatch(/\n\s+at /);
      const leaked = countLeaks([...logLines(run.stdout), run.stderr, run.summary]);
      expect(leaked).toBe(0);
      ledger.add(29, { secretsLeaked: leaked });
    } finally {
      await replay.close();
    }
  });
});

describe('row 30: no input reaches a regular expression; the input parser is total', () => {
  it('row 30: any text in any input gives inputs or errors, never an exception', () => {
    const names = INPUTS.map((input) => input.name);
    expect(names).toContain('deploy-workflows');
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(
          fc.string(),
          fc.constant('(a+)+$'),
          fc.constant('(prod'),
          fc.string({ unit: 'binary' }),
        ),
        (name, value) => {
          const parsed = parseInputs((n) => (n === name ? value : (BASE[n] ?? '')));
          expect('inputs' in parsed || ('errors' in parsed && parsed.errors.length > 0)).toBe(true);
        },
      ),
      { numRuns: 1_500, seed: 30 },
    );
  });

  it('row 30: a ReDoS pattern or a malformed regex as deploy workflow is a name, not a pattern: a clear error, at once', async () => {
    const inputs = parseInputs((n) => ({ ...BASE, 'deploy-workflows': '(a+)+$,(prod' })[n] ?? '');
    expect('inputs' in inputs && inputs.inputs.deployWorkflows).toEqual(['(a+)+$', '(prod']);
    const started = Date.now();
    const error = await collectWorld([], { collect: { deployWorkflows: ['(a+)+$'] } }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('(a+)+$');
    expect((error as Error).message).toContain('deploy.yml');
    ledger.add(30, { secretsLeaked: countLeaks([errorText(error)]) });
  });
});
