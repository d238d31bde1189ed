import { describe, expect, it } from 'vitest';
import { GroupIndex } from './group-index.js';
import { normaliseData } from './normalize.js';
import { data, deploy, jan } from './test-builders.js';

const isProduction = (environment: string) => environment === 'production';

describe('GroupIndex', () => {
  it('keeps apart repositories that share a length and last characters', () => {
    // 'x/shop' and 'y/shop' fall in one slot of the name cache: the names themselves decide.
    const n = normaliseData(
      data({
        deployments: [
          deploy('1', jan(2), { repository: 'x/shop' }),
          deploy('2', jan(3), { repository: 'y/shop' }),
          deploy('3', jan(4), { repository: 'x/shop' }),
          deploy('4', jan(5), { repository: 'y/shop' }),
          deploy('5', jan(6)),
        ],
      }),
      isProduction,
    );
    const all = [0, 1, 2, 3, 4];
    const index = new GroupIndex(n.deployments, all);
    const at = Date.parse(jan(7));
    expect(index.lastAtOrBefore(at, 'x/shop', undefined)).toBe(2);
    expect(index.lastAtOrBefore(at, 'y/shop', undefined)).toBe(3);
    expect(index.lastAtOrBefore(at, 'acme/shop', undefined)).toBe(4);
    // A repository no deployment names matches only deployments that name none.
    expect(index.lastAtOrBefore(at, 'z/shop', undefined)).toBe(-1);
    expect(index.firstAtOrAfter(Date.parse(jan(3)), 'x/shop', undefined)).toBe(2);
    expect(index.firstAfterPos(0, 'y/shop', undefined)).toBe(1);
  });

  it('matches any repository when the event names none', () => {
    const n = normaliseData(
      data({
        deployments: [
          deploy('1', jan(2), { repository: 'x/shop' }),
          deploy('2', jan(3), { repository: 'y/shop' }),
        ],
      }),
      isProduction,
    );
    const index = new GroupIndex(n.deployments, [0, 1]);
    expect(index.lastAtOrBefore(Date.parse(jan(2, 12)), undefined, undefined)).toBe(0);
    expect(index.lastAtOrBefore(Date.parse(jan(4)), undefined, undefined)).toBe(1);
  });
});
