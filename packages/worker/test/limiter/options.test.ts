import { ValidationError } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { parseLimiterOptions } from '../../src/limiter/options.js';
import { RateLimitError } from '../../src/limiter/rate-limit-error.js';

function pathOf(input: unknown): string | undefined {
  try {
    parseLimiterOptions(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.path;
    throw error;
  }
  return undefined;
}

describe('limiter options', () => {
  const redis = 'redis://127.0.0.1:6379';

  it('fills defaults: fail-closed, 1 s hold, 1 s Redis timeout, no per-key limits', () => {
    const options = parseLimiterOptions({ max: 50, duration: 1_000, redis });
    expect(options).toMatchObject({ failOpen: false, maxHoldMs: 1_000, timeoutMs: 1_000, keys: {} });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it.each([
    [{ duration: 1_000, redis }, 'limiter.max'],
    [{ max: 0, duration: 1_000, redis }, 'limiter.max'],
    [{ max: 10, duration: 1.5, redis }, 'limiter.duration'],
    [{ max: 10, duration: 1_000, redis: 'http://x' }, 'limiter.redis'],
    [{ max: 10, duration: 1_000, redis: {} }, 'limiter.redis'],
    [{ max: 10, duration: 1_000, redis, keys: { a: { max: 1, duration: 1 } } }, 'limiter.key'],
    [
      { max: 10, duration: 1_000, redis, key: () => 'a', keys: { a: { max: -1, duration: 1 } } },
      'limiter.keys.a.max',
    ],
    [{ max: 10, duration: 1_000, redis, failOpen: 'yes' }, 'limiter.failOpen'],
    [{ max: 10, duration: 1_000, redis, burst: 5 }, 'limiter'],
  ])('rejects %j naming %s', (input, path) => {
    expect(pathOf(input)).toBe(path);
  });

  it('RateLimitError carries its delay and scope, and rejects a nonsense delay', () => {
    const error = new RateLimitError(2_500, { scope: 'key' });
    expect(error).toMatchObject({ code: 'RATE_LIMITED', delayMs: 2_500, scope: 'key' });
    expect(new RateLimitError(10).scope).toBe('queue');
    expect(() => new RateLimitError(-1)).toThrow(ValidationError);
  });
});
