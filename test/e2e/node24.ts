import { execFileSync } from 'node:child_process';

/**
 * The path of a Node 24 binary: this one when it is Node 24, else the `node@24` package from the
 * npm registry (downloaded into npm's cache on first use). Only the path comes from `npm exec`:
 * the binary is then spawned directly, because npm exec's /bin/sh drops hyphenated variables.
 */
export function findNode24(): string {
  if (process.versions.node.startsWith('24.')) return process.execPath;
  const path = execFileSync(
    'npm',
    ['exec', '--yes', '--package=node@24', '--', 'node', '-p', 'process.execPath'],
    { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`${path} is ${version}, not Node 24`);
  return path;
}
