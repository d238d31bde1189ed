/** Bad inputs: every problem at once, each naming the input and what it expects. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} inputs are invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Errors whose message is written for the user: printed as is, without a stack trace. */
export function isUserFacing(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return [
    'InputError',
    'CollectorError',
    'PermissionError',
    'RateLimitedError',
    'DoraInputError',
  ].includes(error.name);
}
