/**
 * Delay before the next attempt, given the 1-based attempt that just failed.
 *
 *   fixed        delay
 *   exponential  delay · 2^(attempt-1)                       (BullMQ's formula)
 *   jitter       uniform in [0, delay · 2^(attempt-1)]       ("full jitter": exponential with jitter = 1)
 *   <custom>     registerBackoffStrategy(name, fn) in the worker process; fn(attempt, options)
 *
 * `jitter` (0..1) on fixed/exponential randomises that fraction of the delay downwards:
 * result ∈ [d·(1-jitter), d]. `maxDelay` caps the result. No backoff → 0 (immediate retry).
 */
import type { BackoffOptions } from './options.js';
import { UnknownBackoffStrategyError } from './errors.js';

export type BackoffStrategy = (attempt: number, options: BackoffOptions) => number;

const strategies = new Map<string, BackoffStrategy>();

/** Registers a named strategy for jobs whose backoff.type is `name` (process-wide). */
export function registerBackoffStrategy(name: string, strategy: BackoffStrategy): void {
  strategies.set(name, strategy);
}

export function computeBackoff(
  backoff: BackoffOptions | undefined,
  attempt: number,
  custom?: Readonly<Record<string, BackoffStrategy>>,
  random: () => number = Math.random,
): number {
  if (!backoff) return 0;
  const n = Math.max(1, Math.floor(attempt));
  let base: number;
  let jitter = backoff.jitter ?? 0;
  switch (backoff.type) {
    case 'fixed':
      base = backoff.delay;
      break;
    case 'exponential':
      base = backoff.delay * 2 ** (n - 1);
      break;
    case 'jitter':
      base = backoff.delay * 2 ** (n - 1);
      jitter = backoff.jitter ?? 1;
      break;
    default: {
      const strategy = custom?.[backoff.type] ?? strategies.get(backoff.type);
      if (!strategy) throw new UnknownBackoffStrategyError(backoff.type);
      base = strategy(n, backoff);
      jitter = 0;
    }
  }
  if (backoff.maxDelay !== undefined) base = Math.min(base, backoff.maxDelay);
  const value = jitter > 0 ? base * (1 - jitter) + random() * base * jitter : base;
  return Math.max(0, Math.round(Number.isFinite(value) ? value : 0));
}
