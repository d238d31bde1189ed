import { describe, expect, it } from 'vitest';
import type { ActionInterface } from './dora-interface.js';
import type { Pin } from './pinned-actions.js';
import { parseWorkflow } from './workflow-model.js';
import {
  checkoutCredentials,
  doraInterface,
  headerComment,
  jobTimeouts,
  leastPrivilege,
  noDangerousTriggers,
  noExpressionsInScripts,
  pinnedUses,
  scheduledConcurrency,
} from './workflow-rules.js';

const CHECKOUT_SHA = 'a'.repeat(40);
const PINS: Record<string, Pin> = { 'actions/checkout': { sha: CHECKOUT_SHA, version: 'v9.1.0' } };

function wf(text: string) {
  return parseWorkflow('fixture.yml', text);
}

/** A job body under `jobs.j:` whose steps are the given YAML lines (indented by the caller). */
function job(steps: string, extra = ''): string {
  return `on: push
permissions: {}
jobs:
  j:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: {}
${extra}    steps:
${steps}`;
}

describe('pinnedUses', () => {
  const rule = pinnedUses(PINS, ['org/dora-action@v1']);

  it('accepts a verified SHA with its release comment, local actions and the allowed tag', () => {
    const text = job(`      - uses: actions/checkout@${CHECKOUT_SHA} # v9.1.0
      - uses: ./
      - uses: org/dora-action@v1
`);
    expect(rule(wf(text))).toEqual([]);
  });

  it('refuses a tag, a short SHA, a missing comment, an unknown SHA and a wrong comment', () => {
    const text = job(`      - uses: actions/checkout@v9
      - uses: actions/checkout@abc1234
      - uses: actions/checkout@${CHECKOUT_SHA}
      - uses: actions/checkout@${'b'.repeat(40)} # v9.1.0
      - uses: actions/checkout@${CHECKOUT_SHA} # v9.0.0
      - uses: someone/else@${'c'.repeat(40)} # v1.0.0
      - uses: docker://alpine:3
`);
    expect(rule(wf(text))).toEqual([
      'actions/checkout@v9: not pinned to a full 40-hex commit SHA',
      'actions/checkout@abc1234: not pinned to a full 40-hex commit SHA',
      `actions/checkout@${CHECKOUT_SHA}: the pin needs a "# vX.Y.Z" comment naming its release`,
      `actions/checkout@${'b'.repeat(40)}: the verified v9.1.0 commit is ${CHECKOUT_SHA}`,
      `actions/checkout@${CHECKOUT_SHA}: the comment says v9.0.0, the pin is v9.1.0`,
      `someone/else@${'c'.repeat(40)}: someone/else is not in the verified pin table (pinned-actions.ts)`,
      'docker://alpine:3: pin the image by digest',
    ]);
  });

  it('refuses a uses: the line reader cannot see, and checks reusable workflows too', () => {
    const flow = job(`      - { uses: actions/checkout@v9 }
`);
    expect(rule(wf(flow))).toEqual([
      'some uses: are not written one per line as "uses: owner/repo@sha # vX.Y.Z"',
    ]);
    const reusable = `on: push
permissions: {}
jobs:
  call:
    permissions: {}
    uses: someone/workflows/.github/workflows/x.yml@main
`;
    expect(rule(wf(reusable))).toEqual([
      'someone/workflows/.github/workflows/x.yml@main: not pinned to a full 40-hex commit SHA',
    ]);
  });
});

describe('noDangerousTriggers', () => {
  it('refuses pull_request_target and workflow_run in each form of on:', () => {
    expect(noDangerousTriggers(wf('on: pull_request_target\njobs: {}\n'))).toHaveLength(1);
    expect(noDangerousTriggers(wf('on: [push, workflow_run]\njobs: {}\n'))).toEqual([
      'on: workflow_run runs privileged on fork-controlled input; use pull_request',
    ]);
    expect(
      noDangerousTriggers(wf('on:\n  pull_request_target:\n    types: [opened]\njobs: {}\n')),
    ).toHaveLength(1);
    expect(noDangerousTriggers(wf('on: [push, pull_request]\njobs: {}\n'))).toEqual([]);
  });
});

describe('leastPrivilege', () => {
  it('accepts {} at the top and the Action read scopes in the job', () => {
    const text = job('      - uses: org/dora-action@v1\n', '    env: {}\n').replace(
      '    permissions: {}\n',
      '    permissions:\n      actions: read\n      issues: read\n',
    );
    expect(leastPrivilege(wf(text))).toEqual([]);
  });

  it('refuses a missing or writable top level, a job without permissions, and broad scopes', () => {
    const text = `on: push
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    steps: [{ run: echo }]
  b:
    runs-on: ubuntu-latest
    permissions: read-all
    steps: [{ run: echo }]
  c:
    runs-on: ubuntu-latest
    permissions:
      packages: read
      issues: write
    steps: [{ run: echo }]
  d:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: org/dora-action@v1
`;
    expect(leastPrivilege(wf(text))).toEqual([
      'permissions: the top level must be {} or read-only',
      'jobs.a.permissions: missing; say what this job needs, or {}',
      'jobs.b.permissions: list scopes one by one, not read-all',
      'jobs.c.permissions.packages: no job here needs it',
      'jobs.c.permissions.issues: write is more than any job here needs',
      'jobs.d.permissions.contents: write in a job that runs the Action; publish from a separate job',
    ]);
    expect(leastPrivilege(wf('on: push\njobs: {}\n'))).toEqual([
      'permissions: missing at the top level',
    ]);
  });

  it('accepts contents: write in a job that only publishes', () => {
    const text = job('      - run: git push\n').replace(
      '    permissions: {}\n',
      '    permissions:\n      contents: write\n',
    );
    expect(leastPrivilege(wf(text))).toEqual([]);
  });
});

describe('noExpressionsInScripts', () => {
  it('allows runner.* and literal matrix values, and nothing else', () => {
    const text = job(
      `      - run: echo "\${{ runner.temp }} \${{ matrix.node }}"
      - run: echo "\${{ matrix.repo }}"
      - run: |
          echo "\${{ github.event.pull_request.title }}"
          echo "\${{steps.dora.outputs.level}}"
      - uses: actions/github-script@${'d'.repeat(40)} # v8.0.0
        with:
          script: console.log("\${{ inputs.name }}")
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`,
      `    strategy:
      matrix:
        node: [20, 24]
        repo: \${{ fromJSON(needs.list.outputs.repos) }}
`,
    );
    expect(noExpressionsInScripts(wf(text))).toEqual([
      `jobs.j.steps[1]: \${{ matrix.repo }} in a script; pass it through env:`,
      `jobs.j.steps[2]: \${{ github.event.pull_request.title }} in a script; pass it through env:`,
      `jobs.j.steps[2]: \${{ steps.dora.outputs.level }} in a script; pass it through env:`,
      `jobs.j.steps[3]: \${{ inputs.name }} in a script; pass it through env:`,
    ]);
  });

  it('treats a matrix key as untrusted when an include entry sets it from an expression', () => {
    const text = job(
      `      - run: echo "\${{ matrix.repo }}"\n`,
      `    strategy:
      matrix:
        repo: [api]
        include:
          - repo: \${{ github.head_ref }}
`,
    );
    expect(noExpressionsInScripts(wf(text))).toHaveLength(1);
  });
});

describe('checkoutCredentials', () => {
  it('wants false where nothing pushes, and an explicit true where the job writes contents', () => {
    const text = `on: push
permissions: {}
jobs:
  read:
    permissions: {}
    steps:
      - uses: actions/checkout@${CHECKOUT_SHA} # v9.1.0
      - uses: actions/checkout@${CHECKOUT_SHA} # v9.1.0
        with:
          persist-credentials: false
  push:
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@${CHECKOUT_SHA} # v9.1.0
`;
    expect(checkoutCredentials(wf(text))).toEqual([
      'jobs.read.steps[0]: set persist-credentials: false',
      'jobs.push.steps[0]: this job pushes; set persist-credentials: true',
    ]);
  });
});

describe('scheduledConcurrency and jobTimeouts', () => {
  it('wants a concurrency group on a scheduled workflow and a timeout on every job', () => {
    const text = `on:
  schedule:
    - cron: "0 1 * * *"
permissions: {}
jobs:
  j:
    permissions: {}
    steps: [{ run: echo }]
`;
    expect(scheduledConcurrency(wf(text))).toEqual([
      'concurrency: a scheduled workflow needs a concurrency group',
    ]);
    expect(
      scheduledConcurrency(wf(text.replace('jobs:', 'concurrency: { group: g }\njobs:'))),
    ).toEqual([]);
    expect(jobTimeouts(wf(text))).toEqual(['jobs.j: set timeout-minutes']);
  });
});

describe('doraInterface', () => {
  const face: ActionInterface = {
    source: 'action.yml',
    inputs: new Set(['window']),
    outputs: new Set(['level']),
  };

  it('refuses inputs and outputs the Action does not declare, for either way of naming it', () => {
    const text = job(`      - id: dora
        uses: org/dora-action@v1
        with:
          window: 90d
          windw: 30d
      - uses: ./
        with:
          token: x
      - env:
          LEVEL: \${{ steps.dora.outputs.level }}
          LEAD: \${{ steps.dora.outputs.lead-time }}
          OTHER: \${{ steps.other.outputs.anything }}
        run: echo "$LEVEL $LEAD $OTHER"
`);
    expect(doraInterface([face])(wf(text))).toEqual([
      'jobs.j.steps[0]: input windw is not in action.yml',
      'jobs.j.steps[1]: input token is not in action.yml',
      'steps.dora.outputs.lead-time: not an output in action.yml',
    ]);
  });
});

describe('headerComment', () => {
  it('wants two comment lines before the first key', () => {
    expect(headerComment(wf('# What.\n# Why.\nname: x\non: push\njobs: {}\n'))).toEqual([]);
    expect(headerComment(wf('# What.\nname: x\non: push\njobs: {}\n'))).toHaveLength(1);
    expect(headerComment(wf('name: x\non: push\njobs: {}\n'))).toHaveLength(1);
  });
});
