import { SharqError } from '@sharq/core';

/** A command was used wrongly (bad flag value, missing file, unknown queue…). Exit code 2. */
export class UsageError extends SharqError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
