import { afterEach, describe, expect, it } from 'vitest';
import { type AcquireLimiter, Worker } from '../../src/index.js';
import {
  collect,
  embeddedFixture,
  gate,
  nextEvent,
  workerTracker,
  wrapConsumers,
} from '../helpers/embedded.js';
import { spyConsumer as spy } from '../helpers/consumer-spy.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

describe('Worker pool', () => {
  it('runs up to `concurrency` jobs at once; with prefetch 0 it never acquires more than its free slots', async () => {
    const fx = await embeddedFixture();
    let stats!: ReturnType<typeof spy>['stats'];
    const engine = wrapConsumers(fx.engine, (consumer) => {
      const s = spy(consumer);
      stats = s.stats;
      return s.wrapped;
    });
    for (let i = 0; i < 10; i++) await fx.add('job', i);
    const gates = new Map<number, ReturnType<typeof gate<void>>>();
    let running = 0;
    let peak = 0;
    const worker = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        running++;
        peak = Math.max(peak, running);
        const g = gate<void>();
        gates.set(job.data as number, g);
        await g.promise;
        running--;
        return job.data;
      },
      { concurrency: 3, prefetch: 0 },
    );
    const firstThree = await collect(worker, 'active', 3);
    expect(firstThree.map(([job]) => job.data)).toEqual([0, 1, 2]);
    expect(stats.maxHeld).toBe(3);
    expect(worker.activeCount).toBe(3);
    const done = collect(worker, 'completed', 10);
    // Release one job at a time: each freed slot is refilled by a poll asking for exactly one record.
    for (let next = 0; next < 10; next++) {
      const pending = next + 3 < 10 ? nextEvent(worker, 'active') : undefined;
      gates.get(next)?.open();
      await pending;
    }
    expect((await done).map(([, result]) => result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(stats.maxHeld).toBe(3);
    expect(Math.max(...stats.polls)).toBeLessThanOrEqual(3);
    expect(Math.min(...stats.polls)).toBeGreaterThanOrEqual(1);
  });

  it('keeps polling while slots are free: a job added during another runs beside it', async () => {
    const fx = await embeddedFixture();
    const worker = workers.start(
      fx,
      async (job) => {
        if (job.name === 'blocker') await blocker.promise;
        return job.name;
      },
      { concurrency: 2 },
    );
    const blocker = gate();
    await fx.add('blocker', {});
    await nextEvent(worker, 'active');
    await fx.add('quick', {});
    const [job] = await nextEvent(worker, 'completed');
    expect(job.name).toBe('quick');
    expect(worker.activeCount).toBe(1);
    blocker.open();
    await nextEvent(worker, 'completed');
  });

  it('asks the limiter hook before acquiring and takes no more than it grants', async () => {
    const fx = await embeddedFixture();
    let stats!: ReturnType<typeof spy>['stats'];
    const engine = wrapConsumers(fx.engine, (consumer) => {
      const s = spy(consumer);
      stats = s.stats;
      return s.wrapped;
    });
    const asked: number[] = [];
    let refunded = 0;
    const limiter: AcquireLimiter = {
      async beforeAcquire(wanted) {
        asked.push(wanted);
        return 1;
      },
      refund(unused) {
        refunded += unused;
      },
    };
    for (let i = 0; i < 4; i++) await fx.add('job', i);
    const worker = workers.start({ queue: fx.queue, engine }, async (job) => job.data, {
      concurrency: 5,
      limiter,
    });
    await collect(worker, 'completed', 4);
    await nextEvent(worker, 'drained');
    expect(asked[0]).toBe(5);
    expect(Math.max(...stats.polls)).toBe(1);
    // Granted permits that an empty poll did not use went back to the limiter.
    expect(refunded).toBeGreaterThanOrEqual(1);
  });
});
