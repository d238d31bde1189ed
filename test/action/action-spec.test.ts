import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../packages/action/src/action-spec.js';
import { AGREED_INPUTS, AGREED_OUTPUTS } from '../workflows/dora-interface.js';

const root = new URL('../../', import.meta.url);

interface ActionYml {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string }>;
}

/** The cells of every table row of a Markdown text, trimmed. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
}

describe('action.yml and the README agree with action-spec.ts (pnpm --filter @dora/action gen)', () => {
  const yml = parse(readFileSync(new URL('action.yml', root), 'utf8')) as ActionYml;

  it('action.yml runs the bundle on node24 and declares exactly the spec', () => {
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(yml.branding).toEqual({ icon: 'activity', color: 'blue' });
    expect(yml.inputs).toEqual(
      Object.fromEntries(
        INPUTS.map((i) => [
          i.name,
          { description: i.description, required: false, default: i.default },
        ]),
      ),
    );
    expect(yml.outputs).toEqual(
      Object.fromEntries(OUTPUTS.map((o) => [o.name, { description: o.description }])),
    );
  });

  it('the README tables list every input with its default, and every output', () => {
    const rows = tableRows(readFileSync(new URL('packages/action/README.md', root), 'utf8'));
    for (const input of INPUTS) {
      const shown = input.default === '' ? '' : `\`${input.default}\``;
      expect(rows).toContainEqual([`\`${input.name}\``, shown, input.description]);
    }
    for (const output of OUTPUTS) {
      expect(rows).toContainEqual([`\`${output.name}\``, output.description]);
    }
  });

  it('names every input and output the Action promises', () => {
    // The interface issue 4 names (shared with the workflow checks), plus the API URLs for GHES.
    expect(INPUTS.map((i) => i.name)).toEqual([
      ...AGREED_INPUTS,
      'github-api-url',
      'github-graphql-url',
    ]);
    expect(OUTPUTS.map((o) => o.name)).toEqual([...AGREED_OUTPUTS]);
  });
});
