import { TimeoutError, UnrecoverableError } from '@sharq/core';

/**
 * What to do with a failed attempt (settle.ts carries the verdict out):
 * - UnrecoverableError, or the last allowed attempt → dead: DLQ record, then ACCEPT.
 * - no backoff and the broker still has room below its delivery limit → RELEASE (immediate redelivery,
 *   the broker counts the attempt in DeliveryCount).
 * - otherwise → a copy with attemptsMade = attempt is re-enqueued (delay bucket when backoff > 0), then
 *   the original is ACCEPTed. Re-enqueueing before the limit means the broker never archives a job we
 *   still meant to retry, so the worker sees every final attempt itself.
 */
export type FailureVerdict =
  | { kind: 'dead'; reason: 'failed' | 'unrecoverable' | 'timeout' }
  | { kind: 'release' }
  | { kind: 'retry'; delayMs: number };

export interface FailureFacts {
  error: Error;
  /** 1-based attempt that just failed: envelope.attemptsMade + record.deliveryCount. */
  attempt: number;
  /** The job's `attempts` option (total tries, including the first). */
  attempts: number;
  /** The record's broker DeliveryCount for this delivery. */
  deliveryCount: number;
  /** The group's share.delivery.count.limit. */
  deliveryCountLimit: number;
  /** computeBackoff(job backoff, attempt). */
  backoffMs: number;
}

export function decideFailure(facts: FailureFacts): FailureVerdict {
  if (facts.error instanceof UnrecoverableError) return { kind: 'dead', reason: 'unrecoverable' };
  if (facts.attempt >= facts.attempts) {
    return { kind: 'dead', reason: facts.error instanceof TimeoutError ? 'timeout' : 'failed' };
  }
  if (facts.backoffMs <= 0 && facts.deliveryCount + 1 < facts.deliveryCountLimit) return { kind: 'release' };
  return { kind: 'retry', delayMs: Math.max(0, facts.backoffMs) };
}
