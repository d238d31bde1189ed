/**
 * The one error `@dora/core` throws: a bad record or option. The message names the record
 * (by collection and index) and the field, e.g. `deployments[3].finishedAt: not a valid instant`.
 */
export class DoraInputError extends Error {
  override readonly name = 'DoraInputError';
  /** e.g. `"deployments[3]"` or `"options"`. */
  readonly record: string;
  /** e.g. `"finishedAt"`. */
  readonly field: string;

  constructor(record: string, field: string, problem: string) {
    super(`${record}.${field}: ${problem}`);
    this.record = record;
    this.field = field;
  }
}
