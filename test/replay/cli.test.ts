import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  // Only the process group this test started.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
});

function firstLine(c: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    c.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    c.once('exit', (code) => reject(new Error(`replay exited with ${code}`)));
  });
}

describe('pnpm --silent replay', () => {
  it('prints the URLs as its first line, serves, counts, and stops on SIGTERM', async () => {
    child = spawn('pnpm', ['--silent', 'replay', '--scenario', 'test/scenarios/sample.json'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const urls = JSON.parse(await firstLine(child)) as Record<string, string>;
    expect(Object.keys(urls)).toEqual([
      'githubApiUrl',
      'githubGraphqlUrl',
      'pagerdutyApiUrl',
      'statsUrl',
    ]);
    expect(urls.githubApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/github$/);
    const stats = async () => (await fetch(urls.statsUrl as string)).json();
    expect(await stats()).toEqual({ requests: 0, notModified: 0, byRoute: {} });
    const repo = await fetch(`${urls.githubApiUrl}/repos/acme/shop`);
    expect(((await repo.json()) as { full_name: string }).full_name).toBe('acme/shop');
    const incidents = await fetch(`${urls.pagerdutyApiUrl}/incidents`, {
      headers: { authorization: 'Token token=x' },
    });
    expect(incidents.status).toBe(200);
    expect(await stats()).toEqual({
      requests: 2,
      notModified: 0,
      byRoute: { 'GET /repos/{owner}/{repo}': 1, 'GET /incidents': 1 },
    });
    process.kill(-(child.pid as number), 'SIGTERM');
    await once(child, 'exit');
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(urls.statsUrl as string)).rejects.toThrow();
  }, 90_000);

  it('says which key of a bad scenario is wrong', async () => {
    child = spawn('pnpm', ['--silent', 'replay', '--scenario', 'test/replay/bad-scenario.json'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toContain(
      'scenario: github.repos[0].commits[0].sha: must be 40 lowercase hex characters',
    );
  }, 90_000);
});
