import { describe, expect, it } from 'vitest';
import { parseRevertRefs, type RevertIndex, resolveRevert } from './revert.js';

const repo = 'acme/shop';
const at = (iso: string) => Date.parse(iso);

describe('parseRevertRefs', () => {
  it('unwraps one level of a revert title', () => {
    expect(parseRevertRefs('Revert "Add cart"', '', repo)).toEqual({
      title: 'Add cart',
      shas: [],
      numbers: [],
    });
    expect(parseRevertRefs('Revert "Revert "Add cart""', '', repo).title).toBe('Revert "Add cart"');
  });

  it('ignores titles that only mention a revert', () => {
    expect(parseRevertRefs('Revert the cart', '', repo).title).toBeUndefined();
    expect(parseRevertRefs('Fix Revert "x" handling', '', repo).title).toBeUndefined();
  });

  it('reads commit shas, lower-cased and de-duplicated', () => {
    const body = 'This reverts commit ABCDEF1234567.\n\nThis reverts commit abcdef1234567.';
    expect(parseRevertRefs('x', body, repo).shas).toEqual(['abcdef1234567']);
  });

  it('reads pull request numbers in this repository only', () => {
    const body =
      'Reverts acme/shop#12\nThis reverts #13. Reverts other/repo#14, reverts ACME/Shop#15';
    expect(parseRevertRefs('x', body, repo).numbers).toEqual([12, 13, 15]);
  });
});

describe('resolveRevert', () => {
  const index: RevertIndex = {
    changes: [
      { id: 'acme/shop#1', title: 'Add cart', mergedAtMs: at('2026-01-01T00:00:00Z') },
      { id: 'acme/shop#5', title: 'Add cart', mergedAtMs: at('2026-01-05T00:00:00Z') },
      { id: 'acme/shop#9', title: 'Add cart', mergedAtMs: at('2026-01-09T00:00:00Z') },
      { id: 'acme/shop#7', title: 'Revert "Add cart"', mergedAtMs: at('2026-01-07T00:00:00Z') },
    ],
    bySha: new Map([
      ['1111111111111111111111111111111111111111', 'acme/shop#1'],
      ['2222222222222222222222222222222222222222', 'acme/shop#5'],
      ['2222222000000000000000000000000000000000', 'acme/shop#9'],
    ]),
  };
  const revert = {
    id: 'acme/shop#8',
    title: 'Revert "Add cart"',
    mergedAtMs: at('2026-01-08T00:00:00Z'),
  };

  it('takes the latest same-titled change merged before the revert', () => {
    expect(resolveRevert(revert, parseRevertRefs(revert.title, '', repo), repo, index)).toBe(
      'acme/shop#5',
    );
  });

  it('resolves a nested revert to the revert it reverts', () => {
    const again = {
      id: 'acme/shop#10',
      title: 'Revert "Revert "Add cart""',
      mergedAtMs: at('2026-01-10T00:00:00Z'),
    };
    expect(resolveRevert(again, parseRevertRefs(again.title, '', repo), repo, index)).toBe(
      'acme/shop#7',
    );
  });

  it('prefers the body sha over the title', () => {
    const refs = parseRevertRefs(
      revert.title,
      'This reverts commit 1111111111111111111111111111111111111111.',
      repo,
    );
    expect(resolveRevert(revert, refs, repo, index)).toBe('acme/shop#1');
  });

  it('matches an abbreviated sha only when the prefix is unique', () => {
    const unique = parseRevertRefs('x', 'This reverts commit 1111111.', repo);
    expect(resolveRevert(revert, unique, repo, index)).toBe('acme/shop#1');
    const ambiguous = parseRevertRefs('x', 'This reverts commit 2222222.', repo);
    expect(resolveRevert(revert, ambiguous, repo, index)).toBeUndefined();
  });

  it('takes a pull request number as the id, known or not', () => {
    const refs = parseRevertRefs('x', 'Reverts acme/shop#3', repo);
    expect(resolveRevert(revert, refs, repo, index)).toBe('acme/shop#3');
  });

  it('finds nothing for an unknown title', () => {
    const refs = parseRevertRefs('Revert "Remove cart"', '', repo);
    expect(resolveRevert(revert, refs, repo, index)).toBeUndefined();
  });
});
