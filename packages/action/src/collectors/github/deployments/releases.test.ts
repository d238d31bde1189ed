import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../client.js';
import type { SourceContext } from './common.js';
import { collectReleases } from './releases.js';

const SHA1 = '1'.repeat(40);
const SHA2 = '2'.repeat(40);

/** A GitHub answering the releases list and a tag lookup, recording the paths asked. */
function fakeGitHub() {
  const asked: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    asked.push(decodeURIComponent(url.pathname));
    const body = url.pathname.endsWith('/releases')
      ? [
          {
            id: 3,
            tag_name: 'v3',
            target_commitish: 'main',
            draft: false,
            created_at: '2026-11-03T00:00:00Z',
            published_at: '2026-11-03T00:00:00Z',
          },
          {
            id: 2,
            tag_name: 'v2-draft',
            target_commitish: SHA1,
            draft: true,
            created_at: '2026-11-02T00:00:00Z',
            published_at: null,
          },
          {
            id: 1,
            tag_name: 'v1',
            target_commitish: SHA1,
            draft: false,
            created_at: '2026-11-01T00:00:00Z',
            published_at: '2026-11-01T00:00:00Z',
          },
        ]
      : { sha: SHA2 };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const client = createGitHubClient({
    token: 't',
    apiUrl: 'http://gh.test',
    graphqlUrl: 'http://gh.test/graphql',
    fetch: fetchFn,
  });
  return { client, asked };
}

describe('collectReleases', () => {
  it('published releases only; a branch-name target is resolved through the tag', async () => {
    const { client, asked } = fakeGitHub();
    const ctx: SourceContext = {
      client,
      repo: 'acme/shop',
      owner: 'acme',
      name: 'shop',
      environment: 'production',
      branch: 'main',
      since: new Date('2026-10-01T00:00:00Z'),
      until: new Date('2026-11-20T00:00:00Z'),
      readFrom: new Date('2026-10-01T00:00:00Z'),
      pending: [],
      etags: {},
      newEtags: {},
      log: () => {},
    };
    const out = await collectReleases(ctx);
    expect(out.deployments).toEqual([
      {
        id: 'acme/shop:release:3',
        environment: 'production',
        status: 'success',
        finishedAt: '2026-11-03T00:00:00Z',
        sha: SHA2,
        repository: 'acme/shop',
      },
      {
        id: 'acme/shop:release:1',
        environment: 'production',
        status: 'success',
        finishedAt: '2026-11-01T00:00:00Z',
        sha: SHA1,
        repository: 'acme/shop',
      },
    ]);
    expect(asked).toEqual(['/repos/acme/shop/releases', '/repos/acme/shop/commits/refs/tags/v3']);
  });
});
