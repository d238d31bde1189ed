import { createGitHubClient, type GitHubClient } from './collectors/github/client.js';
import type { PagerDutyClient } from './collectors/pagerduty/client.js';
import type { ActionInputs } from './inputs.js';

/**
 * The API clients the inputs ask for; created only once the inputs are valid. The PagerDuty
 * client (pdjs and its fetch polyfills) is loaded only when PagerDuty is configured: most runs
 * never need it, and it is a good part of the bundle's start-up.
 */
export async function createClients(
  inputs: ActionInputs,
  log: (message: string) => void,
): Promise<{ github: GitHubClient; pagerduty?: PagerDutyClient }> {
  const github = createGitHubClient({
    token: inputs.githubToken,
    apiUrl: inputs.githubApiUrl,
    graphqlUrl: inputs.githubGraphqlUrl,
    maxWaitMs: inputs.maxWaitMs,
    log,
  });
  if (!inputs.pagerduty) return { github };
  const { createPagerDutyClient } = await import('./collectors/pagerduty/client.js');
  const pagerduty = createPagerDutyClient({
    token: inputs.pagerduty.token,
    apiUrl: inputs.pagerduty.apiUrl,
    maxWaitMs: inputs.maxWaitMs,
    log,
  });
  return { github, pagerduty };
}
