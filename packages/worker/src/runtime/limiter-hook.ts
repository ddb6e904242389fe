import type { Job } from '@sharq/core';

/** The per-key gate's answer for one acquired job. */
export type AdmitVerdict = { start: true } | { start: false; delayMs: number };

/**
 * The slot a rate limiter plugs into (packages/worker/src/limiter builds one). The worker asks before
 * every acquisition how many of the jobs it could start now it may actually take; it never acquires more
 * than the answer, so a limited job stays Available on the broker (no lock burnt, no delivery counted).
 */
export interface AcquireLimiter {
  /**
   * `wanted` = records the worker would acquire now (≥ 1): its free slots plus the records it keeps ahead of
   * them (the prefetch window). Resolves with how many jobs may be acquired (0..wanted),
   * waiting as long as the limiter likes; must resolve promptly (with any value) once `signal` aborts.
   */
  beforeAcquire(wanted: number, signal: AbortSignal): Promise<number>;
  /** Optional: permits granted but unused because the poll returned fewer records (give them back). */
  refund?(unused: number): void;
  /**
   * Optional per-job gate, after acquisition and before the processor (per-key limits need the job's data).
   * It may wait (the record's lock keeps being renewed meanwhile; resolve promptly once `signal` aborts);
   * `{ start: false, delayMs }` re-enqueues the job to come back in `delayMs` without counting an attempt.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the limiter sees jobs of any Data type
  admit?(job: Job<any, any>, signal: AbortSignal): Promise<AdmitVerdict>;
  /** Optional manual back-off: no job of the queue (of `job`'s key, if given) starts for `ms`. */
  // biome-ignore lint/suspicious/noExplicitAny: the limiter sees jobs of any Data type
  backOff?(ms: number, job?: Job<any, any>): Promise<void>;
}
