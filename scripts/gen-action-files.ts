// Writes action.yml and the inputs/outputs tables of packages/action/README.md from
// packages/action/src/action-spec.ts, the one place they are defined.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderActionYml, renderSpecTables } from '../packages/action/src/action-spec.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- action-spec:start (generated: pnpm --filter @dora/action gen) -->';
const END = '<!-- action-spec:end -->';

writeFileSync(`${root}action.yml`, renderActionYml());
const readmePath = `${root}packages/action/README.md`;
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`${readmePath} lacks the ${START} / ${END} markers`);
writeFileSync(
  readmePath,
  `${readme.slice(0, start + START.length)}\n${renderSpecTables()}\n${readme.slice(end)}`,
);

// Biome formats YAML and Markdown too: leave the files as the formatter would.
execFileSync(
  'pnpm',
  ['exec', 'biome', 'format', '--write', 'action.yml', 'packages/action/README.md'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
