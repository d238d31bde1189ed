type Env = Readonly<Record<string, string | undefined>>;

const SAVING_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch']);

export interface RunContext {
  eventName?: string;
  ref?: string;
  /** From the event payload, when it names one. */
  defaultBranch?: string;
  /** The repository the event's head comes from is a fork. */
  fromFork?: boolean;
}

/**
 * May this run save state? Only runs on the default branch started by a trusted event: a
 * pull request (or anything a fork controls) could otherwise plant events that later runs trust.
 * Outside Actions (the CLI, a test) there is no such risk.
 */
export function mayPersist(
  context: RunContext,
): { allowed: true } | { allowed: false; reason: string } {
  const { eventName } = context;
  if (eventName === undefined || eventName === '') return { allowed: true };
  if (!SAVING_EVENTS.has(eventName)) {
    return { allowed: false, reason: `state is never saved from ${eventName} runs` };
  }
  if (context.fromFork) return { allowed: false, reason: 'state is never saved from a fork' };
  // A schedule always runs on the default branch.
  if (eventName === 'schedule') return { allowed: true };
  const branch = context.defaultBranch;
  if (branch === undefined) {
    return { allowed: false, reason: 'the default branch is unknown, so state is not saved' };
  }
  if (context.ref !== `refs/heads/${branch}`) {
    return { allowed: false, reason: `state is only saved from the default branch (${branch})` };
  }
  return { allowed: true };
}

/** Reads the run context from the runner's environment and the event payload (already parsed). */
export function runContextFrom(env: Env, payload: unknown): RunContext {
  const context: RunContext = {};
  if (env.GITHUB_EVENT_NAME) context.eventName = env.GITHUB_EVENT_NAME;
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  if (typeof payload === 'object' && payload !== null) {
    const repository = (payload as { repository?: { default_branch?: unknown; fork?: unknown } })
      .repository;
    if (typeof repository?.default_branch === 'string')
      context.defaultBranch = repository.default_branch;
    const head = (payload as { pull_request?: { head?: { repo?: { fork?: unknown } } } })
      .pull_request?.head;
    if (head?.repo?.fork === true) context.fromFork = true;
  }
  return context;
}

/** The runner offers the cache service to JavaScript actions through these variables. */
export function cacheAvailable(env: Env): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}
