/**
 * `pnpm test:reliability`: runs the fault matrix (test/reliability) under vitest, then prints one
 * line per row of reliability.md section 7 and the totals the tests counted. Exit code 0 only when
 * all 34 rows pass and no event was lost or double-counted and no secret leaked.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEDGER_DIR_VARIABLE, type LedgerFile } from '../test/reliability/ledger.js';
import { reliabilityReport, type VitestJson } from '../test/reliability/report-lines.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function vitestBin(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('vitest/package.json'), '..', 'vitest.mjs');
}

/** Runs the matrix; vitest's own output goes to stderr so stdout holds only the report. */
function runMatrix(jsonPath: string, ledgerDir: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [
      vitestBin(),
      'run',
      'test/reliability',
      '--reporter=dot',
      '--reporter=json',
      `--outputFile.json=${jsonPath}`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, [LEDGER_DIR_VARIABLE]: ledgerDir },
      stdio: ['ignore', process.stderr, process.stderr],
    },
  );
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
}

async function readLedgers(dir: string): Promise<LedgerFile[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  return Promise.all(
    names
      .sort()
      .map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as LedgerFile),
  );
}

async function main(): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), 'dora-reliability-report-'));
  try {
    const jsonPath = join(work, 'vitest.json');
    const ledgerDir = join(work, 'ledgers');
    const started = performance.now();
    const code = await runMatrix(jsonPath, ledgerDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    let json: VitestJson;
    try {
      json = JSON.parse(await readFile(jsonPath, 'utf8')) as VitestJson;
    } catch {
      process.stderr.write(`vitest wrote no JSON report (exit code ${String(code)})\n`);
      return 1;
    }
    const report = reliabilityReport(json, await readLedgers(ledgerDir));
    process.stderr.write(`\nmatrix ran in ${seconds} s\n`);
    process.stdout.write(`${report.lines.join('\n')}\n`);
    return report.ok && code === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
