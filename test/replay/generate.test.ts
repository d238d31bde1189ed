import { readFileSync } from 'node:fs';
import type { Deployment } from '@dora/core';
import { describe, expect, it } from 'vitest';
import { type Scenario, type ScenarioRepo, validateScenario } from '../fakes/scenario.js';
import { type GeneratedScenario, generateScenario } from '../scenarios/generate.js';

const sample = generateScenario({ preset: 'sample', seed: 1 });
const busy = generateScenario({ preset: 'busy', seed: 7 });
const multi = generateScenario({ preset: 'multi-repo', seed: 3 });
const quiet = generateScenario({ preset: 'quiet', seed: 1 });

function ancestorsOf(repo: ScenarioRepo) {
  const parents = new Map(repo.commits.map((c) => [c.sha, c.parents]));
  const memo = new Map<string, Set<string>>();
  return (sha: string): Set<string> => {
    const hit = memo.get(sha);
    if (hit) return hit;
    const out = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (out.has(s)) continue;
      out.add(s);
      stack.push(...(parents.get(s) ?? []));
    }
    memo.set(sha, out);
    return out;
  };
}

const repoOf = (scenario: Scenario, full: string) =>
  scenario.github.repos.find((r) => `${r.owner}/${r.name}` === full) as ScenarioRepo;

const byFinish = (a: Deployment, b: Deployment) =>
  Date.parse(String(a.finishedAt)) - Date.parse(String(b.finishedAt));

/**
 * The linking invariants, checked with an independent walk: a successful deployment ships exactly
 * the merged PRs whose merge commit it reaches and no earlier-finished successful deployment of
 * the same source reached; failed ones ship nothing; nothing is shipped twice.
 */
function checkLinks(g: GeneratedScenario): number {
  let checked = 0;
  for (const [source, data] of Object.entries(g.truth.bySource)) {
    for (const repo of g.scenario.github.repos) {
      const full = `${repo.owner}/${repo.name}`;
      const parents = new Map(repo.commits.map((c) => [c.sha, c.parents]));
      const byMerge = new Map<string, string>();
      for (const p of repo.pullRequests ?? []) {
        if (p.state === 'merged') {
          expect(p.baseRef).toBe('main');
          byMerge.set(p.mergeCommitSha as string, `${full}#${p.number}`);
        }
      }
      const reachedBefore = new Set<string>();
      const shipped = new Set<string>();
      const mine = (data?.deployments ?? []).filter((d) => d.repository === full).sort(byFinish);
      for (const d of mine) {
        if (d.status === 'failure') {
          expect(d.changeIds, `${source} ${d.id}`).toBeUndefined();
          continue;
        }
        const expected: string[] = [];
        const stack = [d.sha as string];
        while (stack.length > 0) {
          const s = stack.pop() as string;
          if (reachedBefore.has(s)) continue;
          reachedBefore.add(s);
          const pr = byMerge.get(s);
          if (pr !== undefined) expected.push(pr);
          stack.push(...(parents.get(s) ?? []));
        }
        const actual = d.changeIds ?? [];
        expect([...actual].sort(), `${source} ${d.id}`).toEqual(expected.sort());
        for (const id of actual) {
          expect(shipped.has(id), `${id} shipped twice`).toBe(false);
          shipped.add(id);
        }
        checked += actual.length;
      }
    }
  }
  return checked;
}

describe('scenario generator', () => {
  it('is deterministic per seed, and sample.json is the sample preset with seed 1', () => {
    const again = generateScenario({ preset: 'sample', seed: 1 });
    expect(JSON.stringify(again.scenario)).toBe(JSON.stringify(sample.scenario));
    const other = generateScenario({ preset: 'sample', seed: 2 });
    expect(JSON.stringify(other.scenario)).not.toBe(JSON.stringify(sample.scenario));
    const committed = JSON.parse(
      readFileSync(new URL('../scenarios/sample.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(sample.scenario)));
    expect(readFileSync(new URL('../scenarios/sample.json', import.meta.url)).length).toBeLessThan(
      2_000_000,
    );
  });

  it('produces valid scenarios where nothing happens after now', () => {
    for (const g of [sample, busy, multi, quiet]) {
      const s = validateScenario(JSON.parse(JSON.stringify(g.scenario)));
      const now = Date.parse(s.now);
      const instants = JSON.stringify(s).match(/"\d{4}-\d{2}-\d{2}T[^"]+Z"/g) ?? [];
      expect(instants.length).toBeGreaterThan(10);
      for (const t of instants)
        expect(Date.parse(JSON.parse(t) as string)).toBeLessThanOrEqual(now);
    }
    expect(sample.scenario.now).toBe('2026-11-20T00:00:00Z');
    expect(sample.scenario.github.repos.map((r) => `${r.owner}/${r.name}`)).toEqual(['acme/shop']);
  });

  it('links every change to the first successful deployment that reaches it', () => {
    for (const g of [sample, multi, quiet, busy]) expect(checkLinks(g)).toBeGreaterThan(0);
  });

  it('builds merge, squash and rebase histories correctly', () => {
    const repo = sample.scenario.github.repos[0] as ScenarioRepo;
    const commits = new Map(repo.commits.map((c) => [c.sha, c]));
    const reach = ancestorsOf(repo);
    const methods = { merge: 0, squash: 0, rebase: 0 };
    for (const p of repo.pullRequests ?? []) {
      if (p.state !== 'merged') continue;
      const m = commits.get(p.mergeCommitSha as string);
      expect(m?.branch).toBe('main');
      methods[p.mergeMethod ?? 'merge'] += 1;
      if (p.mergeMethod === 'merge') {
        expect(m?.parents).toHaveLength(2);
        expect(m?.parents[1]).toBe(p.commits.at(-1));
        for (const c of p.commits) expect(reach(m?.sha as string).has(c)).toBe(true);
      } else if (p.mergeMethod === 'squash') {
        expect(m?.parents).toHaveLength(1);
        expect(p.commits).not.toContain(m?.sha);
        expect(m?.message).toBe(`${p.title} (#${p.number})`);
      } else {
        // Copies on main, newest last, keeping each original's author date and message.
        let sha: string | undefined = m?.sha;
        for (const original of [...p.commits].reverse()) {
          const copy = commits.get(sha as string);
          const source = commits.get(original);
          expect(copy?.authoredAt).toBe(source?.authoredAt);
          expect(copy?.message).toBe(source?.message);
          expect(copy?.sha).not.toBe(original);
          sha = copy?.parents[0];
        }
      }
    }
    expect(methods.merge).toBeGreaterThan(30);
    expect(methods.squash).toBeGreaterThan(100);
    expect(methods.rebase).toBeGreaterThan(20);
  });

  it('firstCommitAt is the earliest authored commit, some PRs out of order', () => {
    const repo = sample.scenario.github.repos[0] as ScenarioRepo;
    const authored = new Map(repo.commits.map((c) => [c.sha, Date.parse(c.authoredAt)]));
    let outOfOrder = 0;
    for (const change of sample.truth.changes) {
      const pr = repo.pullRequests?.find((p) => `acme/shop#${p.number}` === change.id);
      const times = (pr?.commits ?? []).map((s) => authored.get(s) as number);
      expect(Date.parse(String(change.firstCommitAt))).toBe(Math.min(...times));
      if (Math.min(...times) !== times[0]) outOfOrder += 1;
    }
    expect(outOfOrder).toBeGreaterThan(3);
  });

  it('has reverts, hotfixes, rollbacks, re-runs and ~10% failed deploys', () => {
    const changes = busy.truth.changes;
    const byId = new Map(changes.map((c) => [c.id, c]));
    const reverts = changes.filter((c) => c.reverts !== undefined);
    expect(reverts.length).toBeGreaterThan(20);
    for (const r of reverts) {
      const target = byId.get(r.reverts as string);
      expect(r.title).toBe(`Revert "${target?.title}"`);
    }
    const hotfixes = changes.filter((c) => c.labels?.includes('hotfix'));
    expect(hotfixes.length).toBeGreaterThan(20);
    for (const h of hotfixes) expect(h.branch?.startsWith('hotfix/')).toBe(true);

    const runs = busy.truth.bySource['workflow-runs']?.deployments ?? [];
    const failed = runs.filter((d) => d.status === 'failure').length / runs.length;
    expect(failed).toBeGreaterThan(0.06);
    expect(failed).toBeLessThan(0.13);
    const successes = runs.filter((d) => d.status === 'success').sort(byFinish);
    let rollbacks = 0;
    successes.forEach((d, i) => {
      const previous = successes[i - 1];
      if (
        previous &&
        d.sha !== previous.sha &&
        successes.slice(0, i - 1).some((e) => e.sha === d.sha)
      ) {
        rollbacks += 1;
        expect(d.changeIds).toEqual([]);
      }
    });
    expect(rollbacks).toBeGreaterThan(10);

    const repo = busy.scenario.github.repos[0] as ScenarioRepo;
    const retried = (repo.workflowRuns ?? []).filter((r) => r.runAttempt === 2);
    expect(retried.length).toBeGreaterThan(50);
    for (const retry of retried.slice(0, 50)) {
      const first = repo.workflowRuns?.find((r) => r.id === retry.id && r.runAttempt === 1);
      expect(first?.conclusion).toBe('failure');
      const truth = runs.filter((d) => d.id === `acme/shop:run:${retry.id}`);
      expect(truth).toHaveLength(1);
      expect(truth[0]?.finishedAt).toBe(retry.updatedAt);
    }
  });

  it('GitHub Deployments: staging left out, later `inactive` does not undo a success', () => {
    const repo = sample.scenario.github.repos[0] as ScenarioRepo;
    const truth = new Map(
      (sample.truth.bySource.deployments?.deployments ?? []).map((d) => [d.id, d]),
    );
    const inactive = (repo.deployments ?? []).filter((d) =>
      d.statuses?.some((s) => s.state === 'inactive'),
    );
    expect(inactive.length).toBeGreaterThan(100);
    for (const d of inactive)
      expect(truth.get(`acme/shop:deployment:${d.id}`)?.status).toBe('success');
    const staging = (repo.deployments ?? []).filter((d) => d.environment === 'staging');
    expect(staging.length).toBeGreaterThan(20);
    for (const d of staging) expect(truth.has(`acme/shop:deployment:${d.id}`)).toBe(false);
    const running = (repo.deployments ?? []).filter(
      (d) => !d.statuses?.some((s) => ['success', 'failure', 'error'].includes(s.state)),
    );
    expect(running.length).toBeGreaterThan(0);
    for (const d of running) expect(truth.has(`acme/shop:deployment:${d.id}`)).toBe(false);
  });

  it('incidents: open ones, ones across window edges, and the service map', () => {
    const pd = sample.truth.incidents.pagerduty;
    expect(pd.length).toBeGreaterThan(10);
    const edge = Date.parse('2026-10-21T00:00:00Z');
    expect(
      pd.some(
        (i) => Date.parse(String(i.createdAt)) < edge && Date.parse(String(i.resolvedAt)) > edge,
      ),
    ).toBe(true);
    expect(sample.truth.incidents.issues.some((i) => i.resolvedAt === undefined)).toBe(true);
    for (const i of pd) expect(i).toMatchObject({ service: 'PSHOP01', repository: 'acme/shop' });
    const shared = multi.truth.incidents.pagerduty.filter((i) => i.service === 'PSHARED');
    expect(shared.length).toBeGreaterThan(0);
    for (const i of shared) expect(i.repository).toBeUndefined();
    for (const i of multi.truth.incidents.pagerduty.filter((x) => x.service === 'PWEB001')) {
      expect(i.repository).toBe('acme/web');
    }
    expect(multi.truth.serviceRepositories.PSHARED).toEqual(['acme/api', 'acme/worker']);
  });

  it('sample has hostile titles; busy has the advertised scale', () => {
    const titles = (sample.scenario.github.repos[0]?.pullRequests ?? []).map((p) => p.title);
    expect(titles).toContain('<script>alert(1)</script> | pipes *stars* [link](javascript:x)');
    const repo = busy.scenario.github.repos[0] as ScenarioRepo;
    const deployRuns = (repo.workflowRuns ?? []).filter(
      (r) => r.workflowId === repo.workflows?.[0]?.id,
    );
    const scale = {
      commits: repo.commits.length,
      pulls: repo.pullRequests?.length ?? 0,
      deployRuns: deployRuns.length,
      incidents: busy.scenario.pagerduty?.incidents.length ?? 0,
    };
    console.log('busy preset scale', scale);
    expect(scale.commits).toBeGreaterThan(18_000);
    expect(scale.commits).toBeLessThan(26_000);
    expect(scale.pulls).toBeGreaterThan(7_500);
    expect(scale.pulls).toBeLessThan(9_000);
    expect(scale.deployRuns).toBeGreaterThan(5_800);
    expect(scale.deployRuns).toBeLessThan(7_500);
    expect(scale.incidents).toBeGreaterThan(200);
    expect(scale.incidents).toBeLessThan(400);
    expect(repoOf(multi.scenario, 'acme/worker').commits.length).toBeGreaterThan(50);
  });
});
