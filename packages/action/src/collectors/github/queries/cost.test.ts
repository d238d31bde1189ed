import { describe, expect, it } from 'vitest';
import { queryCost, queryNodes } from './cost.js';
import { FIRST_PAGES_SHAPE } from './first-pages.js';
import { HISTORY_SHAPE } from './history.js';
import { MERGED_PULL_REQUESTS_SHAPE } from './pull-requests.js';

describe('queryCost', () => {
  it('follows the worked example of GitHub documentation', () => {
    // repositories(first: 100) { issues(first: 50) { labels(first: 60) } }: 1 + 100 + 5,000 = 5,101
    // requests -> 51 points.
    expect(queryCost([{ first: 100, nested: [{ first: 50, nested: [{ first: 60 }] }] }])).toBe(51);
    // 1 + 100 + 100*100 nested one level deeper = 10,101 requests -> 101 points.
    expect(queryCost([{ first: 100, nested: [{ first: 100, nested: [{ first: 10 }] }] }])).toBe(
      101,
    );
  });

  it('is at least one point', () => {
    expect(queryCost([{ first: 1 }])).toBe(1);
  });

  it('prices the merged pull request page at 3 points and its history page at 2', () => {
    expect(queryCost(MERGED_PULL_REQUESTS_SHAPE)).toBe(3);
    expect(queryNodes(MERGED_PULL_REQUESTS_SHAPE)).toBe(100 + 100 * 20 + 100 * 20 + 100 * 100);
    expect(queryCost(HISTORY_SHAPE)).toBe(2);
    expect(queryNodes(HISTORY_SHAPE)).toBe(100 + 100 * 3 + 100 * 5);
    // The combined first pages cost what the two queries cost apart.
    expect(queryCost(FIRST_PAGES_SHAPE)).toBe(3 + 2);
  });
});
