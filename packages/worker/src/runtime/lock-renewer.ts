import type { ShareConsumer } from '@sharq/core';
import { type ActiveJob, describeRecord, refOf } from './active-job.js';
import { LockLostError, isInvalidRecordState } from './errors.js';

/**
 * Keeps the acquisition locks of running jobs alive with RENEW acknowledgements (KIP-1222).
 *
 * One timer per worker sweeps every running job, instead of a timer per job: with concurrency 500 that is
 * one wake-up per tick, and the engine batches the RENEWs of one sweep into one ShareAcknowledge.
 * A job is renewed once half of its lock span has elapsed, so one failed attempt still leaves a quarter
 * span for the next sweep to retry before the lock lapses.
 */
export interface LockRenewerDeps {
  consumer: () => ShareConsumer | undefined;
  lockDurationMs: number;
  running: () => Iterable<ActiveJob>;
  /** The job's lock is gone: the worker aborts it and reports it; it is never acknowledged. */
  onLost: (job: ActiveJob, error: LockLostError) => void;
  /** A renewal failed for a reason that may pass (connection); the next sweep tries again. */
  onError: (error: Error, job: ActiveJob) => void;
  now?: () => number;
}

export class LockRenewer {
  readonly #deps: LockRenewerDeps;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: LockRenewerDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Sweep period: a quarter of the lock, so a job is looked at ~twice between half-life and expiry. */
  get intervalMs(): number {
    return Math.max(20, Math.floor(this.#deps.lockDurationMs / 4));
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.sweep(), this.intervalMs);
    // Active jobs and the poll loop keep the process alive; the renewer alone must not.
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One pass over the running jobs; renewals run concurrently and are not awaited by the timer. */
  sweep(): void {
    const consumer = this.#deps.consumer();
    if (!consumer) return;
    const now = this.#now();
    for (const job of this.#deps.running()) {
      if (job.state !== 'running' || job.renewing) continue;
      if (now >= job.lockExpiresAt) {
        this.#deps.onLost(
          job,
          new LockLostError(`lock of ${describeRecord(job.record)} lapsed before it could be renewed`, {
            jobId: job.envelope?.id,
          }),
        );
        continue;
      }
      const halfLife = job.lockExpiresAt - job.lockSpanMs / 2;
      // Renew one tick early so the sweep cadence never lets a job slip past its half-life.
      if (now + this.intervalMs < halfLife) continue;
      void this.#renew(consumer, job);
    }
  }

  async #renew(consumer: ShareConsumer, job: ActiveJob): Promise<void> {
    job.renewing = true;
    try {
      const receipt = await consumer.acknowledge(refOf(job), 'renew');
      if (job.state !== 'running') return;
      job.lockExpiresAt = receipt.lockExpiresAt ?? this.#now() + job.lockSpanMs;
    } catch (error) {
      if (job.state !== 'running') return;
      if (isInvalidRecordState(error)) {
        this.#deps.onLost(
          job,
          new LockLostError(`broker refused to renew the lock of ${describeRecord(job.record)}`, {
            jobId: job.envelope?.id,
            cause: error,
          }),
        );
      } else {
        this.#deps.onError(error instanceof Error ? error : new Error(String(error)), job);
      }
    } finally {
      job.renewing = false;
    }
  }
}
