import { SharqError } from '../errors.js';

/** A produce failed for a reason that is not a broker error code (no result for a partition, a bad partition). */
export class ProduceError extends SharqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PRODUCE_FAILED', message, options);
  }
}
