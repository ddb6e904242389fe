import type { LimiterLogger } from './options.js';

const PROBE_BACKOFF_MS = [100, 200, 500, 1_000, 2_000, 5_000];

/**
 * Is Redis usable right now? Tracks one outage at a time: the first failure logs ONE warning (saying
 * what the limiter does meanwhile), later failures only lengthen the wait before the next probe
 * (100 ms → 5 s), and the first success after an outage logs the recovery. While down, callers skip
 * Redis until the next probe is due, so a dead Redis costs one timed-out call per probe, not one per job.
 */
export class RedisHealth {
  readonly #logger: LimiterLogger;
  readonly #failOpen: boolean;
  readonly #namespace: string;
  #downSince: number | undefined;
  #failures = 0;
  #nextProbeAt = 0;

  constructor(logger: LimiterLogger, failOpen: boolean, namespace: string) {
    this.#logger = logger;
    this.#failOpen = failOpen;
    this.#namespace = namespace;
  }

  get down(): boolean {
    return this.#downSince !== undefined;
  }

  /** ms until the next probe of a down Redis (0 when up or due). */
  get probeInMs(): number {
    return this.down ? Math.max(0, this.#nextProbeAt - Date.now()) : 0;
  }

  /** The current probe back-off step (ms). */
  get backoffMs(): number {
    return PROBE_BACKOFF_MS[Math.min(Math.max(0, this.#failures - 1), PROBE_BACKOFF_MS.length - 1)] ?? 5_000;
  }

  /** The connection is back (the client reconnected): probe at once instead of after the back-off. */
  reconnected(): void {
    this.#nextProbeAt = 0;
  }

  failed(error: unknown): void {
    this.#failures += 1;
    this.#nextProbeAt = Date.now() + this.backoffMs;
    if (this.#downSince !== undefined) return;
    this.#downSince = Date.now();
    const mode = this.#failOpen
      ? 'failOpen: jobs start WITHOUT rate limits until Redis is back'
      : 'fail-closed: no job starts until Redis is back';
    this.#logger.warn(
      { namespace: this.#namespace, err: error },
      `rate limiter: Redis unavailable (${describe(error)}); ${mode}`,
    );
  }

  /**
   * A call that was sent at `sentAt` succeeded. A reply to a call sent before the outage began proves
   * nothing about now (it may resolve after the first failure), so it does not end the outage.
   */
  succeeded(sentAt: number): void {
    if (this.#downSince === undefined) {
      this.#failures = 0;
      return;
    }
    if (sentAt <= this.#downSince) return;
    this.#failures = 0;
    const downMs = Date.now() - this.#downSince;
    this.#downSince = undefined;
    this.#logger.info(
      { namespace: this.#namespace, downMs },
      `rate limiter: Redis is back after ${downMs} ms`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
