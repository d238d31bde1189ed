import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { actionlint } from '../workflows/actionlint.js';
import { ALLOWED_UNPINNED, VERIFIED_PINS } from '../workflows/pinned-actions.js';
import { parseWorkflow, triggersOf } from '../workflows/workflow-model.js';
import {
  leastPrivilege,
  noDangerousTriggers,
  noExpressionsInScripts,
  pinnedUses,
} from '../workflows/workflow-rules.js';
import { ledgerFor } from './ledger.js';

const ledger = ledgerFor(import.meta.url);
afterAll(() => {
  ledger.flush();
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function workflowPaths(): string[] {
  return ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => `${dir}/${name}`),
  );
}

describe('row 34: the workflows of our repository and the examples', () => {
  // zizmor is a Python tool (PyPI only, not reachable here): it runs as a release-checklist step.
  it('row 34: actionlint clean, no pull_request_target or workflow_run, SHA-pinned uses, read-only scopes, no expressions in scripts', async () => {
    const paths = workflowPaths();
    expect(paths.length).toBeGreaterThanOrEqual(7);
    const pinned = pinnedUses(VERIFIED_PINS, ALLOWED_UNPINNED);
    for (const path of paths) {
      const workflow = parseWorkflow(path, readFileSync(join(ROOT, path), 'utf8'));
      expect(await actionlint(workflow.text, path), path).toEqual([]);
      expect(triggersOf(workflow), path).not.toContain('pull_request_target');
      expect(noDangerousTriggers(workflow), path).toEqual([]);
      expect(pinned(workflow), path).toEqual([]);
      expect(leastPrivilege(workflow), path).toEqual([]);
      expect(noExpressionsInScripts(workflow), path).toEqual([]);
    }
  });

  it('row 34: the checks can fail: a workflow with pull_request_target, an unpinned action and an injection is caught', async () => {
    const bad = [
      'name: bad',
      'on: pull_request_target',
      'permissions: write-all',
      'jobs:',
      '  x:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      `      - run: echo "\${{ github.event.pull_request.title }}"`,
      '',
    ].join('\n');
    const workflow = parseWorkflow('bad.yml', bad);
    expect(noDangerousTriggers(workflow)).not.toEqual([]);
    expect(pinnedUses(VERIFIED_PINS, ALLOWED_UNPINNED)(workflow)).not.toEqual([]);
    expect(leastPrivilege(workflow)).not.toEqual([]);
    expect(noExpressionsInScripts(workflow)).not.toEqual([]);
    expect((await actionlint(bad, 'bad.yml')).length).toBeGreaterThan(0);
  });
});
