import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Change, computeDora, type Deployment, type DoraData } from '@dora/core';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBadges } from '../../packages/action/src/renderers/badges.js';
import { renderSummary, STEP_SUMMARY_LIMIT } from '../../packages/action/src/renderers/summary.js';
import {
  emptyResult,
  fullResult,
  partialResult,
} from '../../packages/action/src/renderers/test-fixtures.js';
import type { RunResult } from '../../packages/action/src/run-info.js';
import { bundleInputs, runBundle, runnerEnv } from './bundle.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, tempDir } from './pipeline-world.js';
import { quietWorld, startReplay } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

/** 6,000 deployments, one every 5 minutes over 3 weeks, each with a long-titled change, and 8,000 warnings. */
function hugeResult(): RunResult {
  const start = Date.parse('2026-10-30T00:00:00Z');
  const deployments: Deployment[] = [];
  const changes: Change[] = [];
  for (let i = 0; i < 6_000; i++) {
    const finished = start + i * 5 * 60_000;
    const id = `acme/shop#${i + 1}`;
    changes.push({
      id,
      firstCommitAt: new Date(finished - (i % 97) * 3_600_000 - 60_000).toISOString(),
      mergedAt: new Date(finished - 30_000).toISOString(),
      repository: 'acme/shop',
      title: `${'<b>|Long*title*|</b> '.repeat(12)}${i}`,
      author: `author-${i % 50}`,
    });
    deployments.push({
      id: `acme/shop:run:${i + 1}`,
      environment: 'production',
      status: i % 5 === 0 ? 'failure' : 'success',
      finishedAt: new Date(finished).toISOString(),
      repository: 'acme/shop',
      ...(i % 5 === 0 ? {} : { changeIds: [id] }),
    });
  }
  const data: DoraData = { deployments, changes, incidents: [] };
  const now = new Date('2026-11-20T00:00:00Z');
  const report = computeDora(data, {
    window: { from: new Date(now.getTime() - 21 * 86_400_000), to: now },
    now,
  });
  const base = fullResult();
  return {
    data,
    report,
    info: {
      ...base.info,
      events: { deployments: deployments.length, changes: changes.length, incidents: 0 },
      warnings: Array.from({ length: 8_000 }, (_, i) => `warning ${i}: ${'x'.repeat(200)}`),
    },
  };
}

describe('row 31: the job summary never exceeds GitHub 1 MiB limit', () => {
  it('row 31: a summary that would be far above 1 MiB is cut below it, headline kept', async () => {
    const result = hugeResult();
    const unbounded = renderSummary(result, { maxBytes: 64 * 1024 * 1024 });
    expect(Buffer.byteLength(unbounded)).toBeGreaterThan(STEP_SUMMARY_LIMIT);
    const summary = renderSummary(result);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(STEP_SUMMARY_LIMIT).toBe(1_048_576);

    // What is cut is the tail (warnings, long tables): the headline is always there.
    expect(summary.startsWith('## DORA metrics for acme/shop')).toBe(true);
  });
});

/** The shields.io endpoint schema, strict: exactly these keys, a non-empty message. */
const SHIELDS = {
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'label', 'message', 'color'],
  properties: {
    schemaVersion: { const: 1 },
    label: { type: 'string' },
    message: { type: 'string', minLength: 1 },
    color: { type: 'string', minLength: 1 },
  },
};

describe('row 32: badge JSON under every outcome', () => {
  it.each([
    ['ok', fullResult],
    ['partial', partialResult],
    ['no data', emptyResult],
  ] as const)('row 32: %s: every badge is schema-valid', (_outcome, result) => {
    const validate = new Ajv({ strict: true }).compile(SHIELDS);
    const badges = renderBadges(result().report);
    expect(Object.keys(badges)).toHaveLength(6);
    for (const [name, badge] of Object.entries(badges)) {
      expect(validate(badge), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('row 32: a failed run writes no badge at all (the last good ones stay), never an invalid file', async () => {
    const { scenario } = quietWorld();
    const replay = await startReplay(scenario, [{ path: '^/(repos|graphql)', status: 401 }]);
    try {
      const dir = await tempDir();
      const run = await runBundle(dir, 'failed', bundleInputs(replay, dir), runnerEnv(dir));
      expect(run.exitCode).toBe(1);
      expect(existsSync(join(dir, 'badges'))).toBe(false);
    } finally {
      await replay.close();
    }
  });
});
