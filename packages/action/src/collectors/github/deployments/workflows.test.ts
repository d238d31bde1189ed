import { describe, expect, it } from 'vitest';
import { CollectorError } from '../../errors.js';
import { type ApiWorkflow, resolveDeployWorkflows } from './workflows.js';

const wf = (id: number, name: string, file: string): ApiWorkflow => ({
  id,
  name,
  path: `.github/workflows/${file}`,
  state: 'active',
});
const all = [
  wf(1, 'CI', 'ci.yml'),
  wf(2, 'Deploy production', 'deploy.yml'),
  wf(3, 'Release', 'release.yaml'),
];

describe('resolveDeployWorkflows', () => {
  it('matches file names (with or without the folder) and names, case-insensitively', () => {
    expect(resolveDeployWorkflows(all, ['deploy.yml'], 'acme/shop').map((w) => w.id)).toEqual([2]);
    expect(
      resolveDeployWorkflows(all, ['.github/workflows/release.yaml', 'ci'], 'acme/shop').map(
        (w) => w.id,
      ),
    ).toEqual([3, 1]);
    expect(
      resolveDeployWorkflows(all, ['DEPLOY PRODUCTION', 'deploy.yml'], 'acme/shop').map(
        (w) => w.id,
      ),
    ).toEqual([2]);
  });

  it('none named: the workflows mentioning deploy', () => {
    expect(resolveDeployWorkflows(all, [], 'acme/shop').map((w) => w.id)).toEqual([2]);
  });

  it('an unknown name lists what the repository has', () => {
    const attempt = () => resolveDeployWorkflows(all, ['ship.yml', 'ci.yml'], 'acme/shop');
    expect(attempt).toThrow(CollectorError);
    expect(attempt).toThrow(
      'acme/shop has no workflow "ship.yml"; its workflows are: ci.yml ("CI"), deploy.yml ("Deploy production"), release.yaml ("Release")',
    );
  });
});
