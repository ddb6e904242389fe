import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { spyConsumer as spy } from '../helpers/consumer-spy.js';
import {
  LOCK_MS,
  collect,
  embeddedFixture,
  gate,
  interceptAcks,
  invalidRecordState,
  nextEvent,
  sleep,
  workerTracker,
  wrapConsumers,
} from '../helpers/embedded.js';
import { LockLostError } from '../../src/index.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

async function spiedFixture() {
  const fx = await embeddedFixture();
  let stats!: ReturnType<typeof spy>['stats'];
  const engine = wrapConsumers(fx.engine, (consumer) => {
    const s = spy(consumer);
    stats = s.stats;
    return s.wrapped;
  });
  return { fx, engine, stats: () => stats };
}

describe('Worker pool: adaptive prefetch (on by default)', () => {
  it('fast jobs stream: polls ask for more than the free slots, and every job runs once, in order', async () => {
    const { fx, engine, stats } = await spiedFixture();
    const total = 300;
    for (let i = 0; i < total; i++) await fx.add('job', i);
    const worker = workers.start({ queue: fx.queue, engine }, async (job) => job.data, { concurrency: 2 });
    const done = await collect(worker, 'completed', total);
    expect(done.map(([, result]) => result)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(done.every(([job]) => job.attempt === 1 && job.deliveryCount === 1)).toBe(true);
    expect(Math.max(...stats().polls)).toBeGreaterThan(2);
    expect(stats().released).toBe(0);
    // No-op jobs: fast enough that a whole-batch surplus starts at once, so polls take whole batches.
    expect(stats().batchPolls).toBeGreaterThan(0);
  });

  it('slow jobs get no window: a job longer than the start horizon (lock / 4) is never acquired ahead', async () => {
    const { fx, engine, stats } = await spiedFixture();
    for (let i = 0; i < 4; i++) await fx.add('job', i);
    let running = 0;
    let peak = 0;
    // 300 ms per job, one slot, a 1 s lock: a held record would wait longer than 250 ms.
    const worker = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        peak = Math.max(peak, ++running);
        await sleep(300);
        running--;
        return job.data;
      },
      { concurrency: 1, lockDurationMs: 1_000 },
    );
    const done = await collect(worker, 'completed', 4);
    expect(done.map(([, result]) => result)).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(1);
    expect(Math.max(...stats().polls)).toBe(1);
    expect(stats().maxHeld).toBe(1);
    expect(stats().batchPolls).toBe(0);
  });

  it('`prefetch` bounds the window', async () => {
    const { fx, engine, stats } = await spiedFixture();
    for (let i = 0; i < 100; i++) await fx.add('job', i);
    const worker = workers.start({ queue: fx.queue, engine }, async (job) => job.data, {
      concurrency: 2,
      prefetch: 5,
    });
    await collect(worker, 'completed', 100);
    expect(Math.max(...stats().polls)).toBeLessThanOrEqual(7);
    expect(stats().maxHeld).toBeLessThanOrEqual(7);
    // A whole-batch fetch could bring more than `prefetch` allows.
    expect(stats().batchPolls).toBe(0);
  });

  it('slow poll round trips widen the window: a refill poll asks for several records, not one per job', async () => {
    const fx = await embeddedFixture();
    let stats!: ReturnType<typeof spy>['stats'];
    // Every poll takes 150 ms before it reaches the engine, as ShareFetches queued on a busy share-partition do.
    const engine = wrapConsumers(fx.engine, (consumer) => {
      const s = spy({
        get memberId() {
          return consumer.memberId;
        },
        poll: async (max, options) => {
          await sleep(150);
          return consumer.poll(max, options);
        },
        acknowledge: (ref, type) => consumer.acknowledge(ref, type),
        close: () => consumer.close(),
      });
      stats = s.stats;
      return s.wrapped;
    });
    const total = 12;
    for (let i = 0; i < total; i++) await fx.add('job', i);
    // 60 ms jobs, one slot: a quick broker's cover (COVER_MS) holds one record and refills one at a time.
    const worker = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        await sleep(60);
        return job.data;
      },
      { concurrency: 1 },
    );
    const done = await collect(worker, 'completed', total);
    expect(done.map(([, result]) => result)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(Math.max(...stats.polls)).toBeGreaterThan(2);
    expect(stats.released).toBe(0);
  });

  it('close() hands held records back at once, attempts intact; another worker runs them', async () => {
    const { fx, engine, stats } = await spiedFixture();
    const blocker = gate<void>();
    const first = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        if (job.name === 'blocker') await blocker.promise;
        return job.data;
      },
      { concurrency: 1 },
    );
    // A fast job first: the worker measures it and opens its window.
    await fx.add('warm', -1);
    await nextEvent(first, 'completed');
    await fx.add('blocker', 0);
    for (let i = 1; i <= 3; i++) await fx.add('job', i);
    while (stats().held < 4) await sleep(5);
    expect(first.activeCount).toBe(1);
    const closing = first.close({ timeout: 5_000 });
    blocker.open();
    await closing;
    // Handed back as copies with their attempts, not RELEASEd (a RELEASE would count a delivery).
    expect(stats().released).toBe(0);
    expect(stats().held).toBe(0);
    const second = workers.start({ queue: fx.queue, engine: fx.engine }, async (job) => job.data, {
      concurrency: 4,
    });
    const completed = await collect(second, 'completed', 3);
    expect(completed.map(([, result]) => result).sort()).toEqual([1, 2, 3]);
    expect(completed.every(([job]) => job.attempt === 1 && job.attemptsMade === 0)).toBe(true);
  });

  it('records held behind a job far slower than the measured mean go back to the queue for a free worker', async () => {
    const { fx, engine, stats } = await spiedFixture();
    const blocker = gate<void>();
    const first = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        if (job.name === 'blocker') await blocker.promise;
        return job.data;
      },
      { concurrency: 1, lockDurationMs: 2_000 },
    );
    // Fast jobs first: the worker measures them and opens its window.
    await fx.add('warm', -1);
    await nextEvent(first, 'completed');
    await fx.add('blocker', 0);
    for (let i = 1; i <= 3; i++) await fx.add('job', i);
    while (stats().held < 4) await sleep(5);
    // The blocker never finishes while the test waits: the held records must not wait behind it.
    const second = workers.start({ queue: fx.queue, engine: fx.engine }, async (job) => job.data, {
      concurrency: 4,
    });
    const completed = await collect(second, 'completed', 3);
    expect(completed.map(([, result]) => result).sort()).toEqual([1, 2, 3]);
    // Handed back as copies with their attempts (a RELEASE would count a delivery).
    expect(completed.every(([job]) => job.attempt === 1 && job.attemptsMade === 0)).toBe(true);
    expect(stats().released).toBe(0);
    expect(first.activeCount).toBe(1);
    expect(first.prefetchedCount).toBe(0);
    blocker.open();
  });

  it('a held record is RENEWed while it waits; if the broker refuses, it is dropped (never started) and comes back', async () => {
    const fx = await embeddedFixture();
    // Offsets: 0 warm-up, 1 blocker, 2 the record that waits in the window; its first RENEW is refused.
    let refusedRenews = 0;
    const engine = wrapConsumers(fx.engine, (consumer) =>
      interceptAcks(consumer, (ref, type) => {
        if (type !== 'renew' || ref.offset !== 2 || refusedRenews > 0) return undefined;
        refusedRenews++;
        return Promise.reject(invalidRecordState());
      }),
    );
    const runs: { name: string; deliveryCount: number }[] = [];
    const worker = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        runs.push({ name: job.name, deliveryCount: job.deliveryCount });
        // Longer than the lock: the held record must be renewed (or dropped) while it waits.
        if (job.name === 'blocker') await sleep(LOCK_MS * 1.5);
        return job.name;
      },
      { concurrency: 1, lockDurationMs: LOCK_MS },
    );
    const errors: Error[] = [];
    worker.on('error', (error) => errors.push(error));
    await fx.add('warm', 0);
    await nextEvent(worker, 'completed');
    await fx.add('blocker', 1);
    await fx.add('next', 2);
    const done = await collect(worker, 'completed', 2);
    expect(done.map(([job]) => job.name)).toEqual(['blocker', 'next']);
    expect(refusedRenews).toBe(1);
    expect(errors.some((error) => error instanceof LockLostError)).toBe(true);
    // Never started while it was not ours: one run, on its redelivery.
    expect(runs.filter((run) => run.name === 'next')).toEqual([{ name: 'next', deliveryCount: 2 }]);
  });
});
