export { RedisLimiter } from './redis-limiter.js';
export { RateLimitError, type RateLimitScope } from './rate-limit-error.js';
export { createLimiter, isAcquireLimiter } from './create-limiter.js';
export { LimiterKeys } from './namespace.js';
export {
  limiterOptionsSchema,
  parseLimiterOptions,
  type LimiterLogger,
  type LimiterOptions,
  type ResolvedLimiterOptions,
} from './options.js';
