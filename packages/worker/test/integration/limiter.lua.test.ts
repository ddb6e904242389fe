import type { Job } from '@sharq/core';
import { testRedisUrl, uniqueName } from '@sharq/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LimiterKeys } from '../../src/limiter/namespace.js';
import { type LimiterOptions, parseLimiterOptions } from '../../src/limiter/options.js';
import { RedisLimiter } from '../../src/limiter/redis-limiter.js';
import { ACQUIRE } from '../../src/limiter/scripts/acquire.js';
import { REFUND } from '../../src/limiter/scripts/refund.js';
import { pair, runScript } from '../../src/limiter/scripts/script.js';

// The Lua limiter against the real Redis (SHARQ_REDIS_URL or 127.0.0.1:6379), one namespace per test.

const redis = new Redis(testRedisUrl());
const limiters: RedisLimiter[] = [];
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  await redis.quit();
});

function limiter(options: Partial<LimiterOptions>, namespace = uniqueName('lim')): RedisLimiter {
  const l = new RedisLimiter(
    parseLimiterOptions({ max: 10, duration: 1_000, redis, ...options }),
    new LimiterKeys(namespace),
  );
  limiters.push(l);
  return l;
}

function job(id: string, tenant?: string): Job<{ tenant?: string }> {
  return { id, data: { tenant } } as unknown as Job<{ tenant?: string }>;
}

const live = new AbortController().signal;

/** The acquire script's raw answer without waiting: {granted, retryAfterMs}. */
async function tryAcquire(l: RedisLimiter, wanted: number, interval = 100, duration = 1_000) {
  return pair(
    await runScript(redis, ACQUIRE, [l.keys.global, l.keys.globalPause], [interval, duration, wanted]),
    ACQUIRE,
  );
}

describe('RedisLimiter: queue-wide GCRA bucket', () => {
  it('grants a burst of up to max, some-of-wanted at the edge, then nothing with a retry-after of at most T', async () => {
    const l = limiter({ max: 10, duration: 1_000 });
    expect(await l.beforeAcquire(4, live)).toBe(4);
    expect(await l.beforeAcquire(4, live)).toBe(4);
    expect(await l.beforeAcquire(4, live)).toBe(2);
    const [granted, retryAfter] = await tryAcquire(l, 1);
    expect(granted).toBe(0);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(100);
  });

  it('is one bucket for every limiter (process) in the namespace, and none across namespaces', async () => {
    const namespace = uniqueName('lim');
    const a = limiter({}, namespace);
    const b = limiter({}, namespace);
    const other = limiter({});
    expect(await a.beforeAcquire(7, live)).toBe(7);
    expect(await b.beforeAcquire(7, live)).toBe(3);
    expect(await other.beforeAcquire(7, live)).toBe(7);
  });

  it('refund gives unused permits back', async () => {
    // A slow refill (one permit per 6 s), so the time the calls take cannot blur the count.
    const l = limiter({ max: 10, duration: 60_000 });
    expect(await l.beforeAcquire(10, live)).toBe(10);
    // refund is fire-and-forget: with the script cached (no NOSCRIPT round trip) the next call on the
    // same connection runs after it.
    await redis.script('LOAD', REFUND.lua);
    l.refund(6);
    const [granted] = await tryAcquire(l, 10, 6_000, 60_000);
    expect(granted).toBe(6);
  });

  it('a manual back-off pauses the whole namespace; a shorter one does not shorten it', async () => {
    const l = limiter({});
    await l.backOff(5_000);
    await l.backOff(100);
    const [granted, retryAfter] = await tryAcquire(l, 1);
    expect(granted).toBe(0);
    expect(retryAfter).toBeGreaterThan(4_000);
    const aborted = new AbortController();
    const waiting = l.beforeAcquire(1, aborted.signal);
    aborted.abort();
    expect(await waiting).toBe(0);
  });

  it('leaves no key behind once the bucket is full again (TTL = time to refill)', async () => {
    const l = limiter({ max: 10, duration: 1_000 });
    await l.beforeAcquire(10, live);
    const ttl = await redis.pttl(l.keys.global);
    expect(ttl).toBeGreaterThan(800);
    expect(ttl).toBeLessThanOrEqual(1_000);
  });
});

describe('RedisLimiter: per-key admission', () => {
  const perKey = (extra: Partial<LimiterOptions> = {}) =>
    limiter({
      max: 1_000,
      key: (j: Job<{ tenant?: string }>) => j.data.tenant,
      keys: { slow: { max: 2, duration: 1_000 } },
      maxHoldMs: 0,
      ...extra,
    });

  it('starts jobs of a key within its burst; the next one is deferred to its reserved slot', async () => {
    const l = perKey();
    expect(await l.admit(job('1', 'slow'), live)).toEqual({ start: true });
    expect(await l.admit(job('2', 'slow'), live)).toEqual({ start: true });
    const t3 = Date.now();
    const third = await l.admit(job('3', 'slow'), live);
    const t4 = Date.now();
    const fourth = await l.admit(job('4', 'slow'), live);
    if (third.start || fourth.start) throw new Error('expected deferrals');
    expect(third.delayMs).toBeGreaterThan(0);
    expect(third.delayMs).toBeLessThanOrEqual(500);
    // Reservations queue up: the fourth's slot is one interval (500 ms) after the third's.
    const gap = t4 + fourth.delayMs - (t3 + third.delayMs);
    expect(gap).toBeGreaterThanOrEqual(450);
    expect(gap).toBeLessThanOrEqual(550);
  });

  it('a deferred job comes back to its ticket and starts without taking another slot', async () => {
    const l = perKey();
    await l.admit(job('1', 'slow'), live);
    await l.admit(job('2', 'slow'), live);
    expect((await l.admit(job('3', 'slow'), live)).start).toBe(false);
    const tatBefore = await redis.get(l.keys.key('slow'));
    expect(await l.admit(job('3', 'slow'), live)).toEqual({ start: true });
    expect(await redis.get(l.keys.key('slow'))).toBe(tatBefore);
    expect(await redis.exists(l.keys.ticket('3'))).toBe(0);
  });

  it('a deferral refunds the queue-wide permit the job took (it did not start)', async () => {
    const l = perKey({ max: 10, duration: 60_000 });
    expect(await l.beforeAcquire(10, live)).toBe(10);
    await l.admit(job('1', 'slow'), live);
    await l.admit(job('2', 'slow'), live);
    await l.admit(job('3', 'slow'), live);
    const [granted] = await tryAcquire(l, 10, 6_000, 60_000);
    expect(granted).toBe(1);
  });

  it('other keys and jobs without a key are not held back by a busy key', async () => {
    const l = perKey();
    for (let i = 0; i < 3; i++) await l.admit(job(`s${i}`, 'slow'), live);
    for (let i = 0; i < 20; i++) expect(await l.admit(job(`f${i}`, 'fast'), live)).toEqual({ start: true });
    expect(await l.admit(job('none'), live)).toEqual({ start: true });
  });

  it('keyDefault limits keys not listed in keys', async () => {
    const l = perKey({ keyDefault: { max: 1, duration: 60_000 } });
    expect(await l.admit(job('1', 'anyone'), live)).toEqual({ start: true });
    expect((await l.admit(job('2', 'anyone'), live)).start).toBe(false);
  });

  it('holds a job whose slot is within maxHoldMs, then starts it', async () => {
    const l = perKey({ maxHoldMs: 5_000, keys: { slow: { max: 1, duration: 300 } } });
    expect(await l.admit(job('1', 'slow'), live)).toEqual({ start: true });
    const held = l.admit(job('2', 'slow'), live);
    expect(await redis.exists(l.keys.ticket('2'))).toBe(0);
    expect(await held).toEqual({ start: true });
  });

  it('a key back-off defers only that key, for the back-off', async () => {
    const l = perKey();
    await l.backOff(10_000, job('x', 'fast'));
    const verdict = await l.admit(job('1', 'fast'), live);
    if (verdict.start) throw new Error('expected a deferral');
    expect(verdict.delayMs).toBeGreaterThan(9_000);
    expect(await l.admit(job('2', 'other'), live)).toEqual({ start: true });
    expect(await l.beforeAcquire(1, live)).toBe(1);
  });
});

describe('RedisLimiter: Redis unreachable', () => {
  const nowhere = 'redis://127.0.0.1:1';
  const fast = { timeoutMs: 200 };
  function recorder() {
    const warnings: string[] = [];
    return { warnings, logger: { warn: (_: object, m: string) => warnings.push(m), info: () => {} } };
  }

  it('failOpen: grants what is asked, admits every job, warns once per outage', async () => {
    const { warnings, logger } = recorder();
    const l = limiter({
      ...fast,
      redis: nowhere,
      failOpen: true,
      logger,
      key: () => 'k',
      keyDefault: { max: 1, duration: 1 },
    });
    expect(await l.beforeAcquire(5, live)).toBe(5);
    expect(await l.beforeAcquire(3, live)).toBe(3);
    expect(await l.admit(job('1'), live)).toEqual({ start: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/failOpen/);
  });

  it('fail-closed: grants nothing (waits until aborted) and defers acquired jobs', async () => {
    const { warnings, logger } = recorder();
    const l = limiter({
      ...fast,
      redis: nowhere,
      logger,
      key: () => 'k',
      keyDefault: { max: 1, duration: 1 },
    });
    const aborted = new AbortController();
    const waiting = l.beforeAcquire(5, aborted.signal);
    setTimeout(() => aborted.abort(), 300);
    expect(await waiting).toBe(0);
    const verdict = await l.admit(job('1'), live);
    expect(verdict.start).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/fail-closed/);
    await expect(l.backOff(1_000)).rejects.toThrow();
  });
});
