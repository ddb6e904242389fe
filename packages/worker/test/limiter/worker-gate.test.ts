import { ValidationError } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type AcquireLimiter, type AdmitVerdict, RateLimitError, Worker } from '../../src/index.js';
import { LOCK_MS, embeddedFixture, gate, nextEvent, sleep, workerTracker } from '../helpers/embedded.js';

// How the worker runtime uses a limiter (limiter-hook.ts), on the embedded engine with hand-written
// limiters: permits bound acquisition, the per-key gate holds or re-enqueues, RateLimitError backs off.

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

/** A limiter granting `permits` in total, then nothing (until the signal aborts). */
function permitsLimiter(permits: number): AcquireLimiter & { refunded: number } {
  let left = permits;
  return {
    refunded: 0,
    async beforeAcquire(wanted, signal) {
      if (left > 0) {
        const granted = Math.min(left, wanted);
        left -= granted;
        return granted;
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return 0;
    },
    refund(unused) {
      this.refunded += unused;
      left += unused;
    },
  };
}

describe('Worker with a limiter', () => {
  it('acquires only what the limiter grants: the other jobs are never delivered while it says no', async () => {
    const fx = await embeddedFixture();
    for (let n = 0; n < 3; n++) await fx.add('job', { n });
    const ran: number[] = [];
    const worker = workers.start(fx, async (job) => void ran.push(job.deliveryCount), {
      concurrency: 3,
      limiter: permitsLimiter(1),
    });
    await nextEvent(worker, 'completed');
    await sleep(300);
    expect(ran).toEqual([1]);
    await worker.close();
    // A worker without a limiter now gets the other two on their FIRST delivery: never acquired before.
    const rest: number[] = [];
    const free = workers.start(fx, async (job) => void rest.push(job.deliveryCount), { concurrency: 3 });
    await new Promise<void>((resolve) => free.on('completed', () => rest.length === 2 && resolve()));
    expect(rest).toEqual([1, 1]);
  });

  it('admit → re-enqueue: the job comes back and runs as the same attempt', async () => {
    const fx = await embeddedFixture();
    const id = await fx.add('job', {}, { attempts: 2 });
    const verdicts: AdmitVerdict[] = [{ start: false, delayMs: 0 }, { start: true }];
    const limiter: AcquireLimiter = {
      beforeAcquire: async (wanted) => wanted,
      admit: async () => verdicts.shift() ?? { start: true },
    };
    const runs: { id: string; attempt: number; attemptsMade: number }[] = [];
    const worker = workers.start(
      fx,
      async (job) => void runs.push({ id: job.id, attempt: job.attempt, attemptsMade: job.attemptsMade }),
      {
        limiter,
      },
    );
    await nextEvent(worker, 'completed');
    expect(runs).toEqual([{ id, attempt: 1, attemptsMade: 0 }]);
    expect(verdicts).toEqual([]);
    expect(await fx.engine.readTopic(fx.topology.dlqTopic)).toHaveLength(0);
  });

  it('admit → hold longer than the lock: the lock is renewed meanwhile, the job runs once', async () => {
    const fx = await embeddedFixture();
    await fx.add('job', {});
    const limiter: AcquireLimiter = {
      beforeAcquire: async (wanted) => wanted,
      admit: async (_job, signal) => {
        await sleep(LOCK_MS * 2.5);
        return signal.aborted ? { start: false, delayMs: 0 } : { start: true };
      },
    };
    const runs: number[] = [];
    const worker = workers.start(fx, async (job) => void runs.push(job.deliveryCount), { limiter });
    const lost: unknown[] = [];
    worker.on('lockLost', (job) => lost.push(job.id));
    await nextEvent(worker, 'completed');
    expect(runs).toEqual([1]);
    expect(lost).toEqual([]);
  });

  it('RateLimitError: the limiter backs off (queue or key scope) and the job returns with its attempt intact', async () => {
    const fx = await embeddedFixture();
    await fx.add('job', { n: 1 }, { attempts: 1 });
    const backOffs: { ms: number; key: boolean }[] = [];
    const limiter: AcquireLimiter = {
      beforeAcquire: async (wanted) => wanted,
      backOff: async (ms, job) => void backOffs.push({ ms, key: job !== undefined }),
    };
    const attempts: number[] = [];
    const worker = workers.start(
      fx,
      async (job) => {
        attempts.push(job.attempt);
        if (attempts.length === 1) throw new RateLimitError(10);
        if (attempts.length === 2) throw new RateLimitError(10, { scope: 'key' });
      },
      { limiter },
    );
    const failed: unknown[] = [];
    worker.on('failed', (job) => failed.push(job.id));
    await nextEvent(worker, 'completed');
    // attempts: 1 allowed, yet it ran three times: rate limiting is not failing.
    expect(attempts).toEqual([1, 1, 1]);
    expect(backOffs).toEqual([
      { ms: 10, key: false },
      { ms: 10, key: true },
    ]);
    expect(failed).toEqual([]);
  });

  it('worker.rateLimit(ms) goes to the limiter; without one it is a ValidationError', async () => {
    const fx = await embeddedFixture();
    const backOffs: number[] = [];
    const gated = gate();
    const limited = workers.start(fx, async () => {}, {
      limiter: {
        beforeAcquire: async (wanted) => wanted,
        backOff: async (ms) => {
          backOffs.push(ms);
          gated.open();
        },
      },
    });
    await limited.rateLimit(1_500);
    await gated.promise;
    expect(backOffs).toEqual([1_500]);
    const plain = workers.start(fx, async () => {});
    await expect(plain.rateLimit(1_000)).rejects.toBeInstanceOf(ValidationError);
  });
});
