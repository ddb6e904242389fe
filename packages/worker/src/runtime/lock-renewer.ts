import type { ShareConsumer } from '@sharq/core';
import { type LockHolder, describeRecord, needsLock, refOf } from './active-job.js';
import { LockLostError, isInvalidRecordState, toError } from './errors.js';
import type { WorkerObserver } from '../metrics/observer.js';

/** Timer floor: below this, wake-ups cost more than they buy. */
const MIN_WAKE_MS = 10;

/**
 * Keeps the acquisition locks of running jobs, and of records held in the prefetch window, alive with
 * RENEW acknowledgements (KIP-1222).
 *
 * One timer per worker, not one per job: it wakes at the earliest half-life among the running jobs and
 * renews, in one sweep, every job already past a quarter of its lock — so jobs acquired together are
 * renewed together and the share consumer sends their RENEWs as one batch. Renewing at the half-life
 * leaves the second half of the lock for the RENEW to land, or for a retry after a transient error.
 *
 * The broker is the authority on a lock: a lock whose local estimate lapsed is still RENEWed (the
 * estimate is conservative — the Kafka consumer dates it from when the fetch was sent). The job counts
 * as lost when the broker refuses (INVALID_RECORD_STATE), or when no renewal succeeded for a whole
 * further lock span (the broker is unreachable and has certainly handed the job to someone else).
 */
export interface LockRenewerDeps {
  consumer: () => ShareConsumer | undefined;
  lockDurationMs: number;
  /** Every lock to keep alive: running jobs and held records. */
  locks: () => Iterable<LockHolder>;
  /** The lock is gone: the worker aborts the job (or drops the held record) and reports it; never acknowledged. */
  onLost: (job: LockHolder, error: LockLostError) => void;
  /** A renewal failed for a reason that may pass (connection); a later sweep tries again. */
  onError: (error: Error, job: LockHolder) => void;
  /** Told about each renewal the broker confirmed (the `metrics` option); undefined when metrics are off. */
  observer?: WorkerObserver | undefined;
  now?: () => number;
}

export class LockRenewer {
  readonly #deps: LockRenewerDeps;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #started = false;

  constructor(deps: LockRenewerDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Longest sleep between sweeps, also with nothing running (a quarter of the configured lock). */
  get maxIntervalMs(): number {
    return Math.max(MIN_WAKE_MS, Math.floor(this.#deps.lockDurationMs / 4));
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule();
  }

  stop(): void {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
  }

  /** A job started or a record is held: wake earlier if its half-life comes before the next planned sweep. */
  track(job: LockHolder): void {
    const at = nextRenewal(job);
    if (this.#started && at < this.#wakeAt) this.#wakeIn(at - this.#now());
  }

  /** One pass over the running jobs; renewals run concurrently and are not awaited. */
  sweep(): void {
    const consumer = this.#deps.consumer();
    const now = this.#now();
    if (consumer) {
      for (const job of this.#deps.locks()) {
        if (!needsLock(job) || job.renewing) continue;
        if ((job.renewRetryAt ?? 0) > now) continue;
        if (now >= job.lockExpiresAt + job.lockSpanMs) {
          this.#deps.onLost(
            job,
            new LockLostError(
              `lock of ${describeRecord(job.record)} lapsed: no renewal got through in time`,
              {
                jobId: job.envelope?.id,
              },
            ),
          );
          continue;
        }
        // Renew from a quarter of the lock on, so neighbours due soon ride in the same sweep.
        if (now < job.lockExpiresAt - (job.lockSpanMs * 3) / 4) continue;
        void this.#renew(consumer, job);
      }
    }
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#started) return;
    let next = this.maxIntervalMs;
    const now = this.#now();
    for (const job of this.#deps.locks()) {
      if (needsLock(job) && !job.renewing) next = Math.min(next, nextRenewal(job) - now);
    }
    this.#wakeAt = Number.POSITIVE_INFINITY;
    this.#wakeIn(next);
  }

  #wakeIn(delayMs: number): void {
    const delay = Math.max(MIN_WAKE_MS, Math.ceil(delayMs));
    clearTimeout(this.#timer);
    this.#wakeAt = this.#now() + delay;
    this.#timer = setTimeout(() => this.sweep(), delay);
    // Active jobs and the poll loop keep the process alive; the renewer alone must not.
    this.#timer.unref();
  }

  async #renew(consumer: ShareConsumer, job: LockHolder): Promise<void> {
    job.renewing = true;
    try {
      const receipt = await consumer.acknowledge(refOf(job), 'renew');
      if (!needsLock(job)) return;
      job.lockExpiresAt = receipt.lockExpiresAt ?? this.#now() + job.lockSpanMs;
      job.renewRetryAt = undefined;
      this.#deps.observer?.lockRenewed();
    } catch (error) {
      if (!needsLock(job)) return;
      if (isInvalidRecordState(error)) {
        this.#deps.onLost(
          job,
          new LockLostError(`broker refused to renew the lock of ${describeRecord(job.record)}`, {
            jobId: job.envelope?.id,
            cause: error,
          }),
        );
      } else {
        // Back off a tenth of the lock before the next try: a failing broker is not hammered every tick.
        job.renewRetryAt = this.#now() + Math.max(50, job.lockSpanMs / 10);
        this.#deps.onError(toError(error), job);
      }
    } finally {
      job.renewing = false;
      if (needsLock(job)) this.track(job);
    }
  }
}

/** When the job wants its next RENEW: its half-life, or later while backing off after an error. */
function nextRenewal(job: LockHolder): number {
  return Math.max(job.lockExpiresAt - job.lockSpanMs / 2, job.renewRetryAt ?? 0);
}
