import { afterAll, describe, expect, it } from 'vitest';
import { CollectorError, PermissionError } from '../../packages/action/src/collectors/errors.js';
import { isUserFacing } from '../../packages/action/src/errors.js';
import { ledgerFor } from './ledger.js';
import { removeTempDirs, runWorldPipeline, tempDir } from './pipeline-world.js';
import { countLeaks, errorText } from './world.js';

const ledger = ledgerFor(import.meta.url);
afterAll(async () => {
  ledger.flush();
  await removeTempDirs();
});

describe('permissions and access', () => {
  it('row 09: 403 "Resource not accessible by integration" with X-Accepted-GitHub-Permissions names deployments: read', async () => {
    const dir = await tempDir();
    const error = await runWorldPipeline({
      stateDir: dir,
      inputs: { 'deployment-source': 'deployments', 'deploy-workflows': '' },
      faults: [
        {
          method: 'GET',
          path: '^/repos/[^/]+/[^/]+/deployments$',
          status: 403,
          headers: { 'x-accepted-github-permissions': 'deployments=read' },
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/deployments/deployments',
            status: '403',
          },
        },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('deployments: read');
    expect((error as Error).message).toBe(
      'GitHub refused GET /github/repos/acme/shop/deployments (403): needs `deployments: read`',
    );
    // main() prints a user-facing error as it is (setFailed), without a stack trace.
    expect(isUserFacing(error)).toBe(true);
    const leaked = countLeaks([errorText(error)]);
    expect(leaked).toBe(0);
    ledger.add(9, { secretsLeaked: leaked });
  });

  it('row 10: 404 on a repository that does not exist or is private: "does not exist or the token cannot see it"', async () => {
    const dir = await tempDir();
    const error = await runWorldPipeline({
      stateDir: dir,
      inputs: {
        repositories: 'acme/secret-thing',
        'pagerduty-token': '',
        'pagerduty-service-repositories': '',
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toBe(
      'GitHub answered 404 on GET /github/repos/acme/secret-thing: it does not exist or the token cannot see it',
    );
    expect(isUserFacing(error)).toBe(true);
    const leaked = countLeaks([errorText(error)]);
    expect(leaked).toBe(0);
    ledger.add(10, { secretsLeaked: leaked });
  });
});
