import { createGitHubClient, type GitHubClient } from './collectors/index.js';
import { createPagerDutyClient, type PagerDutyClient } from './collectors/pagerduty/client.js';
import type { ActionInputs } from './inputs.js';

/** The API clients the inputs ask for; created only once the inputs are valid. */
export function createClients(
  inputs: ActionInputs,
  log: (message: string) => void,
): { github: GitHubClient; pagerduty?: PagerDutyClient } {
  const github = createGitHubClient({
    token: inputs.githubToken,
    apiUrl: inputs.githubApiUrl,
    graphqlUrl: inputs.githubGraphqlUrl,
    maxWaitMs: inputs.maxWaitMs,
    log,
  });
  if (!inputs.pagerduty) return { github };
  const pagerduty = createPagerDutyClient({
    token: inputs.pagerduty.token,
    apiUrl: inputs.pagerduty.apiUrl,
    maxWaitMs: inputs.maxWaitMs,
    log,
  });
  return { github, pagerduty };
}
