import { SharqError, ValidationError } from '@sharq/core';

export type RateLimitScope = 'queue' | 'key';

/**
 * Thrown by a processor that hit a rate limit (e.g. an HTTP 429 with Retry-After):
 *   throw new RateLimitError(30_000)                      // the whole queue backs off for 30 s
 *   throw new RateLimitError(30_000, { scope: 'key' })    // only this job's limiter key (tenant)
 * The job is re-enqueued to run after `delayMs` WITHOUT counting an attempt, and (with a `limiter`)
 * no worker of the queue starts a job under that back-off until it ends.
 */
export class RateLimitError extends SharqError {
  readonly delayMs: number;
  readonly scope: RateLimitScope;
  constructor(delayMs: number, options: { scope?: RateLimitScope; message?: string } = {}) {
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 86_400_000) {
      const message = 'delayMs: expected an integer number of ms in 0..86400000';
      throw new ValidationError(message, [{ path: 'delayMs', message }]);
    }
    super('RATE_LIMITED', options.message ?? `rate limited for ${delayMs} ms`);
    this.delayMs = delayMs;
    this.scope = options.scope ?? 'queue';
  }
}
