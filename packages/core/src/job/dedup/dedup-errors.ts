import { SharqError } from '../../errors.js';

/**
 * A deduplicated add whose claim was written but not read back in time (the dedup topic's tail is stuck or
 * the broker unreachable). Nothing was enqueued by this add; its claim may still win once read, in which
 * case the id stays taken without a job until `removeDeduplicationKey` (see README, Deduplication).
 */
export class DedupClaimTimeoutError extends SharqError {
  readonly key: string;
  constructor(key: string, timeoutMs: number) {
    super('DEDUP_CLAIM_TIMEOUT', `deduplication claim ${key} was not read back within ${timeoutMs} ms`);
    this.key = key;
  }
}
