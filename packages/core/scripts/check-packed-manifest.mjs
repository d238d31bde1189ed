// Checks the packed package.json and file list: what npm users get must not depend on the
// workspace (no `@dora/source` condition, no src/, no tests) and must pull in only the allowed
// runtime dependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ALLOWED_DEPENDENCIES = new Set(['date-fns', '@date-fns/utc']);
const root = process.argv[2];
if (!root) throw new Error('usage: check-packed-manifest.mjs <extracted package dir>');

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

const raw = JSON.stringify(manifest.exports ?? {});
if (raw.includes('@dora/source')) problems.push('exports still carry the @dora/source condition');
const dot = manifest.exports?.['.'];
if (!dot || Object.keys(dot)[0] !== 'types') problems.push('exports["."] must list "types" first');
if (manifest.type !== 'module') problems.push('"type" must be "module"');
if (manifest.sideEffects !== false) problems.push('"sideEffects" must be false');
if (manifest.publishConfig?.exports) problems.push('publishConfig was not applied by pack');
for (const dep of Object.keys(manifest.dependencies ?? {})) {
  if (!ALLOWED_DEPENDENCIES.has(dep)) problems.push(`unexpected runtime dependency ${dep}`);
}
for (const dep of Object.values(manifest.dependencies ?? {})) {
  if (String(dep).startsWith('workspace:')) problems.push(`unresolved ${dep}`);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(root, path)];
  });
}
const list = files(root);
for (const file of list) {
  if (/\.test\.|(^|\/)test-[^/]*$|^src\/|^bench\/|^scripts\//.test(file)) {
    problems.push(`should not be published: ${file}`);
  }
}
for (const needed of ['dist/index.js', 'dist/index.d.ts', 'README.md', 'package.json']) {
  if (!list.includes(needed)) problems.push(`missing from the tarball: ${needed}`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `  ${list.length} files, dependencies: ${Object.keys(manifest.dependencies ?? {}).join(', ') || 'none'}`,
);
