import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

function run(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@dora/source', 'report.ts', file],
    { cwd: here, encoding: 'utf8' },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('examples/core-script report.ts', () => {
  const out = run('events.json');

  it('exits 0 on the committed events', () => {
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });

  // Hand-computed from events.json: 8 successful production deployments on 7 dates in 28 days;
  // 11 lead-time samples, median #15 at 31 h, p90 257400 s; 3 of 9 production deployments failed
  // (run:104 status, run:107 incident + hotfix follow-up, run:109 reverted by #21); recoveries
  // 2 h, 4.5 h, 76.5 h (3 < 5 samples); incidents resolved in window 2.5 h, 3 h, 120 h.
  it('prints the hand-computed figures and levels', () => {
    const lines = out.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toContain('DORA report 2025-06-02 to 2025-06-30 (28 days), benchmark dora-2023');
    expect(lines).toContain(
      'Deployment frequency 8 deployments, 2.00 per week, 7 deployment days high',
    );
    expect(lines).toContain(
      'Lead time for changes median 31.0 h, p90 3.0 d (11 changes, 0 excluded) high',
    );
    expect(lines).toContain('Change failure rate 33.3% (3 of 9 deployments) low');
    expect(lines).toContain('Recovery time median 4.5 h (3 recovered, 0 open) insufficient data');
    expect(lines).toContain('Time to restore median 3.0 h (3 incidents resolved)');
    expect(lines).toContain('Rework rate 12.5% (1 of 8 deployments)');
    expect(lines).toContain('Overall low');
  });

  it('lists every failed deployment with its reasons', () => {
    const lines = out.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toContain('acme/shop:run:104 deployment-failed');
    expect(lines).toContain(
      'acme/shop:run:107 incident pagerduty:Q1CHK01, hotfix-followup acme/shop:run:108',
    );
    expect(lines).toContain('acme/shop:run:109 reverted acme/shop#21');
  });

  const dir = mkdtempSync(join(tmpdir(), 'core-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a bad record by index and field, exit 1', () => {
    const events = JSON.parse(readFileSync(join(here, 'events.json'), 'utf8'));
    events.deployments[2].finishedAt = 'last Tuesday';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(events));
    const bad = run(file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('deployments[2].finishedAt');
  });
});
