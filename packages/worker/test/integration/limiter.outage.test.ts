import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { LimiterKeys } from '../../src/limiter/namespace.js';
import { parseLimiterOptions } from '../../src/limiter/options.js';
import { RedisLimiter } from '../../src/limiter/redis-limiter.js';
import { sleep, eventually, kafkaQueue } from '../helpers/kafka.js';
import { OwnRedis } from './limiter-fixtures/own-redis.js';

// Redis stops mid-run (our own redis-server, never the shared one) and comes back: a failOpen worker
// keeps processing without limits, a fail-closed one stops starting jobs; both warn once, lose nothing,
// and return to the limit on their own when Redis is back.

const RATE = 10;

let redis: OwnRedis | undefined;
const queues: ReturnType<typeof kafkaQueue>[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  await redis?.dispose();
  redis = undefined;
});

function recorder() {
  const lines: { level: 'warn' | 'info'; message: string }[] = [];
  return {
    lines,
    logger: {
      warn: (_: object, message: string) => lines.push({ level: 'warn', message }),
      info: (_: object, message: string) => lines.push({ level: 'info', message }),
    },
  };
}

function limitedWorker(redisUrl: string, failOpen: boolean, jobs: number) {
  const q = kafkaQueue();
  queues.push(q);
  const log = recorder();
  const starts: { id: string; at: number }[] = [];
  const done = new Set<string>();
  const ready = q.queue.addBulk(Array.from({ length: jobs }, (_, n) => ({ name: 'job', data: { n } })));
  q.worker(
    async (job) => {
      starts.push({ id: job.id, at: Date.now() });
      await sleep(5);
      done.add(job.id);
    },
    {
      concurrency: 5,
      limiter: { max: RATE, duration: 1_000, redis: redisUrl, failOpen, logger: log.logger },
    },
  );
  const between = (from: number, to: number) => starts.filter((s) => s.at >= from && s.at < to).length;
  return { q, log, starts, done, ready, between };
}

describe('limiter: Redis outage', () => {
  it('failOpen runs unlimited, fail-closed pauses; both warn once, lose no job and recover', async () => {
    redis = await OwnRedis.start();
    const open = limitedWorker(redis.url, true, 400);
    const closed = limitedWorker(redis.url, false, 80);
    await Promise.all([open.ready, closed.ready]);
    await eventually(() => (open.starts.length > 0 && closed.starts.length > 0 ? true : undefined), 30_000);

    // Phase 1: limited (burst of RATE, then RATE/s).
    const p1 = Date.now();
    await sleep(3_000);
    const p1End = Date.now();
    expect(open.between(p1, p1End)).toBeLessThanOrEqual(RATE * 3 + RATE + 2);
    expect(closed.between(p1, p1End)).toBeLessThanOrEqual(RATE * 3 + RATE + 2);

    // Phase 2: Redis gone for 4 s.
    await redis.stop();
    const down = Date.now();
    await sleep(4_000);
    const up = Date.now();
    // failOpen: far beyond the limit. fail-closed: nothing new after the first half second.
    // (The limit would allow at most 4 s × RATE plus a burst of RATE = 50.)
    expect(open.between(down, up)).toBeGreaterThan(RATE * 4 + RATE + 10);
    expect(closed.between(down + 500, up)).toBe(0);
    for (const w of [open, closed]) expect(w.log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);

    // Phase 3: Redis is back (empty, like a failover): both recover on their own.
    await redis.start();
    const closedBefore = closed.done.size;
    await eventually(() => (closed.done.size > closedBefore ? true : undefined), 15_000);
    const recoveredMs = Date.now() - up;
    await eventually(() => (closed.done.size === 80 ? true : undefined), 30_000);
    expect(closed.log.lines.at(-1)).toMatchObject({ level: 'info' });
    // The fail-closed worker is limited again: at most a burst plus RATE/s since it resumed.
    const resumedAt = Math.min(...closed.starts.filter((s) => s.at >= up).map((s) => s.at));
    const last = Math.max(...closed.starts.map((s) => s.at));
    const resumed = closed.between(resumedAt, last + 1);
    expect(resumed).toBeLessThanOrEqual(RATE + ((last - resumedAt) / 1_000) * RATE + 2);

    // The failOpen worker is limited again too: new jobs after recovery start at about RATE/s.
    await eventually(() => (open.done.size === 400 ? true : undefined), 30_000);
    const before = open.starts.length;
    await open.q.queue.addBulk(Array.from({ length: 3 * RATE }, (_, n) => ({ name: 'job', data: { n } })));
    await eventually(() => (open.done.size === 400 + 3 * RATE ? true : undefined), 30_000);
    const fresh = open.starts.slice(before).map((s) => s.at);
    const tookMs = Math.max(...fresh) - Math.min(...fresh);
    expect(open.log.lines.some((l) => l.level === 'info')).toBe(true);
    // A burst of at most RATE, then the other 2 × RATE at RATE/s: 2 s from the first permit to the last.
    // Starts lag their permits by up to one long poll (drainDelayMs 500: permits are taken before the
    // poll, so a poll that waited starts its jobs late), hence the bound on starts is 2 s less 500 ms.
    // Unlimited, these 30 jobs would all start within ~100 ms.
    expect(tookMs).toBeGreaterThanOrEqual(1_400);

    // No job lost, none dead-lettered.
    expect(open.done.size).toBe(400 + 3 * RATE);
    expect(closed.done.size).toBe(80);
    for (const w of [open, closed]) expect((await w.q.queue.getCounts()).dead).toBe(0);
    console.log(
      `outage: failOpen started ${open.between(down, up)} jobs in 4 s without Redis; fail-closed resumed ${recoveredMs} ms after Redis came back`,
    );
  });

  it('a slow Redis (CLIENT PAUSE) counts as down after timeoutMs, and the limiter recovers when it answers', async () => {
    redis = await OwnRedis.start();
    const admin = new Redis(redis.url);
    const make = (failOpen: boolean, max: number) => {
      const log = recorder();
      const options = {
        max,
        duration: 60_000,
        redis: redis?.url,
        failOpen,
        timeoutMs: 200,
        logger: log.logger,
      };
      const limiter = new RedisLimiter(parseLimiterOptions(options), new LimiterKeys(`slow-${failOpen}`));
      return { limiter, log };
    };
    // failOpen with a small bucket (to see it limit again); fail-closed with plenty of permits: a call
    // that timed out still runs once Redis resumes, and its permits are lost (the safe direction).
    const open = make(true, 5);
    const closed = make(false, 1_000);
    const live = new AbortController().signal;
    try {
      expect(await open.limiter.beforeAcquire(2, live)).toBe(2);
      expect(await closed.limiter.beforeAcquire(2, live)).toBe(2);
      await admin.client('PAUSE', 1_500, 'ALL');
      const pausedAt = Date.now();
      // failOpen: answers (unlimited) after one timeout; fail-closed: waits it out, then gets permits.
      expect(await open.limiter.beforeAcquire(10, live)).toBe(10);
      expect(Date.now() - pausedAt).toBeLessThan(1_000);
      expect(await closed.limiter.beforeAcquire(2, live)).toBeGreaterThanOrEqual(1);
      expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(1_400);
      // failOpen is limited again once Redis answers: it no longer grants all 10.
      await eventually(
        async () =>
          (await open.limiter.beforeAcquire(10, AbortSignal.timeout(300))) < 10 ? true : undefined,
        10_000,
      );
      for (const { log } of [open, closed]) {
        expect(log.lines.map((l) => l.level)).toEqual(['warn', 'info']);
      }
    } finally {
      await Promise.all([open.limiter.close(), closed.limiter.close(), admin.quit()]);
    }
  });
});
