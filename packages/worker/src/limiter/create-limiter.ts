import type { AcquireLimiter } from '../runtime/limiter-hook.js';
import { LimiterKeys } from './namespace.js';
import { type LimiterOptions, parseLimiterOptions } from './options.js';
import { RedisLimiter } from './redis-limiter.js';

export function isAcquireLimiter(value: unknown): value is AcquireLimiter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { beforeAcquire?: unknown }).beforeAcquire === 'function'
  );
}

/**
 * The worker's `limiter` option → the limiter it runs with: your own AcquireLimiter as is, or a
 * RedisLimiter built from `{ max, duration, redis, … }` in the namespace of `queueTopic`.
 */
export function createLimiter(
  value: AcquireLimiter | LimiterOptions | undefined,
  queueTopic: string,
): AcquireLimiter | undefined {
  if (value === undefined || isAcquireLimiter(value)) return value;
  return new RedisLimiter(parseLimiterOptions(value), LimiterKeys.forQueue(queueTopic));
}
