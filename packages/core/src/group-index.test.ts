import { describe, expect, it } from 'vitest';
import { GroupIndex } from './group-index.js';
import { normaliseData } from './normalize.js';
import { data, deploy, jan } from './test-builders.js';
import type { Deployment } from './types.js';

const isProduction = (environment: string) => environment === 'production';

/** An index over every production deployment of `deployments`, as normalised. */
function indexOf(deployments: Deployment[]): GroupIndex {
  const n = normaliseData(data({ deployments }), isProduction);
  return new GroupIndex(
    n.deployments,
    Array.from({ length: n.deployments.length }, (_, p) => p),
  );
}

describe('GroupIndex', () => {
  it('keeps apart repositories that share a length and last characters', () => {
    // 'x/shop' and 'y/shop' fall in one slot of the name cache: the names themselves decide.
    const index = indexOf([
      deploy('1', jan(2), { repository: 'x/shop' }),
      deploy('2', jan(3), { repository: 'y/shop' }),
      deploy('3', jan(4), { repository: 'x/shop' }),
      deploy('4', jan(5), { repository: 'y/shop' }),
      deploy('5', jan(6)),
    ]);
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
    const index = indexOf([
      deploy('1', jan(2), { repository: 'x/shop' }),
      deploy('2', jan(3), { repository: 'y/shop' }),
    ]);
    expect(index.lastAtOrBefore(Date.parse(jan(2, 12)), undefined, undefined)).toBe(0);
    expect(index.lastAtOrBefore(Date.parse(jan(4)), undefined, undefined)).toBe(1);
  });
});
