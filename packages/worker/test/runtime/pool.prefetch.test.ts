import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
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

describe('Worker pool: prefetch (opt-in)', () => {
  it('holds up to `prefetch` records beyond the free slots and starts them in order as slots free', async () => {
    const fx = await embeddedFixture();
    let stats!: ReturnType<typeof spy>['stats'];
    const engine = wrapConsumers(fx.engine, (consumer) => {
      const s = spy(consumer);
      stats = s.stats;
      return s.wrapped;
    });
    for (let i = 0; i < 8; i++) await fx.add('job', i);
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
      { concurrency: 2, prefetch: 3, lockDurationMs: 30_000 },
    );
    await collect(worker, 'active', 2);
    // Two running, three held: the acquire loop tops the buffer up without a free slot.
    while (stats.maxHeld < 5) await new Promise((resolve) => setImmediate(resolve));
    expect(worker.activeCount).toBe(2);
    const done = collect(worker, 'completed', 8);
    for (let next = 0; next < 8; next++) {
      const pending = next + 2 < 8 ? nextEvent(worker, 'active') : undefined;
      gates.get(next)?.open();
      await pending;
    }
    expect((await done).map(([, result]) => result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(2);
    expect(stats.maxHeld).toBe(5);
    expect(stats.released).toBe(0);
  });

  it('close() hands held records back at once; another worker runs them', async () => {
    const fx = await embeddedFixture();
    let stats!: ReturnType<typeof spy>['stats'];
    const engine = wrapConsumers(fx.engine, (consumer) => {
      const s = spy(consumer);
      stats = s.stats;
      return s.wrapped;
    });
    for (let i = 0; i < 4; i++) await fx.add('job', i);
    const blocker = gate<void>();
    const first = workers.start(
      { queue: fx.queue, engine },
      async (job) => {
        await blocker.promise;
        return job.data;
      },
      { concurrency: 1, prefetch: 3, lockDurationMs: 30_000 },
    );
    await nextEvent(first, 'active');
    while (stats.maxHeld < 4) await new Promise((resolve) => setImmediate(resolve));
    const closing = first.close({ timeout: 5_000 });
    blocker.open();
    await closing;
    expect(stats.released).toBe(3);
    const second = workers.start({ queue: fx.queue, engine: fx.engine }, async (job) => job.data, {
      concurrency: 4,
      lockDurationMs: 30_000,
    });
    const completed = await collect(second, 'completed', 3);
    expect(completed.map(([, result]) => result).sort()).toEqual([1, 2, 3]);
  });
});
