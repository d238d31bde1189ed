export type CollectorSource = 'github' | 'pagerduty';

/** A failure talking to an API, with a message safe to print (never the token). */
export class CollectorError extends Error {
  readonly source: CollectorSource;
  /** The HTTP status, when the API answered. */
  readonly status: number | undefined;

  constructor(
    source: CollectorSource,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CollectorError';
    this.source = source;
    this.status = options.status;
  }
}

/** The API's budget is spent and waiting for it would exceed the allowed wait: the run should checkpoint. */
export class RateLimitedError extends CollectorError {
  /** When the API said the budget comes back, when it said. */
  readonly resetAt: Date | null;

  constructor(source: CollectorSource, message: string, resetAt: Date | null, status?: number) {
    super(source, message, status === undefined ? {} : { status });
    this.name = 'RateLimitedError';
    this.resetAt = resetAt;
  }
}

/** The token lacks a permission; the message names it when the API said which. */
export class PermissionError extends CollectorError {
  /** e.g. `actions: read`, when known. */
  readonly permission: string | undefined;

  constructor(
    source: CollectorSource,
    message: string,
    permission: string | undefined,
    status: number,
  ) {
    super(source, message, { status });
    this.name = 'PermissionError';
    this.permission = permission;
  }
}
