import { createHash } from 'node:crypto';
import type { Scenario, ScenarioCommit, ScenarioPullRequest } from '../fakes/scenario.js';

/** A readable name -> a stable 40-hex sha. */
export const sha = (name: string): string => createHash('sha1').update(name).digest('hex');

const at = (day: number, hour = 0, second = 0) =>
  new Date(Date.UTC(2026, 2, day, hour, 0, second)).toISOString().replace('.000Z', 'Z');

function commit(
  name: string,
  parents: string[],
  branch: string,
  committed: string,
  authored = committed,
): ScenarioCommit {
  return {
    sha: sha(name),
    parents: parents.map(sha),
    branch,
    authoredAt: authored,
    committedAt: committed,
    author: 'alice',
    message: name,
  };
}

function pull(
  number: number,
  title: string,
  method: 'merge' | 'squash' | 'rebase',
  mergeCommit: string,
  commits: string[],
  createdAt: string,
  mergedAt: string,
  extra: Partial<ScenarioPullRequest> = {},
): ScenarioPullRequest {
  return {
    number,
    title,
    author: 'bob',
    baseRef: 'main',
    headRef: `feature/${number}`,
    createdAt,
    mergedAt,
    closedAt: mergedAt,
    state: 'merged',
    mergeMethod: method,
    mergeCommitSha: sha(mergeCommit),
    commits: commits.map(sha),
    ...extra,
  };
}

/**
 * acme/shop in March 2026. main: c1 - m1 (merges f1, f2: PR 1) - s2 (squash of g1: PR 2) - r1 - r2 (rebased
 * copies of h1, h2: PR 3) - s4 (squash of k1: PR 4) - s5 (PR 5) - s6 (squash of x1 on hotfix/x: PR 6)
 * - s7 (PR 7 reverts PR 4 by sha) - s8 (PR 8 reverts PR 7 by title) - s9 (PR 9 reverts PR 5 by number).
 */
export function handWorld(now = at(20)): Scenario {
  const commits = [
    commit('c1', [], 'main', at(1)),
    commit('f1', ['c1'], 'feature/1', at(1, 1)),
    commit('f2', ['f1'], 'feature/1', at(1, 2)),
    commit('m1', ['c1', 'f2'], 'main', at(2)),
    commit('g1', ['c1'], 'feature/2', at(1, 3)),
    commit('s2', ['m1'], 'main', at(3)),
    // Out of order: h2 was authored before h1.
    commit('h1', ['c1'], 'feature/3', at(1, 5), at(1, 5)),
    commit('h2', ['h1'], 'feature/3', at(1, 6), at(1, 4)),
    commit('r1', ['s2'], 'main', at(4), at(1, 5)),
    commit('r2', ['r1'], 'main', at(4, 0, 1), at(1, 4)),
    commit('k1', ['r2'], 'feature/4', at(4, 6)),
    commit('s4', ['r2'], 'main', at(5)),
    commit('l1', ['s4'], 'feature/5', at(5, 6)),
    commit('x1', ['s4'], 'hotfix/x', at(5, 12)),
    commit('s5', ['s4'], 'main', at(6)),
    commit('s6', ['s5'], 'main', at(7)),
    commit('v1', ['s6'], 'feature/7', at(8, 1)),
    commit('s7', ['s6'], 'main', at(8, 2)),
    commit('w1', ['s7'], 'feature/8', at(8, 3)),
    commit('s8', ['s7'], 'main', at(8, 4)),
    commit('y1', ['s8'], 'feature/9', at(8, 5)),
    commit('s9', ['s8'], 'main', at(8, 6)),
  ];
  const pullRequests = [
    pull(1, 'Add cart', 'merge', 'm1', ['f1', 'f2'], at(1, 1), at(2), { labels: ['feature'] }),
    pull(2, 'Add checkout', 'squash', 's2', ['g1'], at(1, 3), at(3), { firstReviewAt: at(2, 12) }),
    pull(3, 'Speed up search', 'rebase', 'r2', ['h1', 'h2'], at(1, 6), at(4)),
    pull(4, 'Add search', 'squash', 's4', ['k1'], at(4, 6), at(5), { firstReviewAt: at(4, 9) }),
    pull(5, 'Tune cache', 'squash', 's5', ['l1'], at(5, 6), at(6)),
    pull(6, 'Fix checkout crash', 'squash', 's6', ['x1'], at(5, 12), at(7), {
      labels: ['hotfix'],
      headRef: 'hotfix/x',
    }),
    pull(7, 'Revert "Add search"', 'squash', 's7', ['v1'], at(8, 1), at(8, 2), {
      body: `This reverts commit ${sha('s4')}.`,
    }),
    pull(8, 'Revert "Revert "Add search""', 'squash', 's8', ['w1'], at(8, 3), at(8, 4)),
    pull(9, 'Undo cache tuning', 'squash', 's9', ['y1'], at(8, 5), at(8, 6), {
      body: 'Reverts acme/shop#5',
    }),
    {
      number: 10,
      title: 'Abandoned',
      author: 'bob',
      baseRef: 'main',
      headRef: 'feature/10',
      createdAt: at(6),
      closedAt: at(7),
      state: 'closed',
      commits: [sha('l1')],
    } satisfies ScenarioPullRequest,
  ];
  return {
    now,
    github: {
      repos: [{ owner: 'acme', name: 'shop', defaultBranch: 'main', commits, pullRequests }],
    },
  };
}

export { at };

/** One pull request of `size` commits merged into main; the last commit was authored first. */
export function longPullWorld(size: number): Scenario {
  const commits = [commit('root', [], 'main', at(1))];
  const names: string[] = [];
  for (let i = 1; i <= size; i++) {
    const name = `p${i}`;
    const authored = i === size ? at(1, 0, 30) : at(2, 0, i);
    commits.push(
      commit(name, [i === 1 ? 'root' : `p${i - 1}`], 'feature/long', at(2, 1, i), authored),
    );
    names.push(name);
  }
  commits.push(commit('merge', ['root', `p${size}`], 'main', at(3)));
  return {
    now: at(20),
    github: {
      repos: [
        {
          owner: 'acme',
          name: 'shop',
          defaultBranch: 'main',
          commits,
          pullRequests: [pull(1, 'Big change', 'merge', 'merge', names, at(2), at(3))],
        },
      ],
    },
  };
}
