/**
 * The slot a rate limiter plugs into (packages/worker/src/limiter builds one). The worker asks before
 * every acquisition how many of the jobs it could start now it may actually take; it never acquires more
 * than the answer, so a limited job stays Available on the broker (no lock burnt, no delivery counted).
 */
export interface AcquireLimiter {
  /**
   * `wanted` = free slots right now (≥ 1). Resolves with how many jobs may be acquired (0..wanted),
   * waiting as long as the limiter likes; must resolve promptly (with any value) once `signal` aborts.
   */
  beforeAcquire(wanted: number, signal: AbortSignal): Promise<number>;
  /** Optional: permits granted but unused because the poll returned fewer records (give them back). */
  refund?(unused: number): void;
}
