import { ClosedError } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { embeddedFixture, gate, nextEvent, workerTracker } from '../helpers/embedded.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

describe('Worker.close', () => {
  it('stops acquiring, lets running jobs finish, then closes; idempotent; closing → closed', async () => {
    const fx = await embeddedFixture();
    await fx.add('running', {});
    const finish = gate();
    const worker = workers.start(
      fx,
      async (job) => {
        if (job.name === 'running') await finish.promise;
        return job.name;
      },
      { concurrency: 2 },
    );
    await nextEvent(worker, 'active');
    const order: string[] = [];
    worker.on('closing', () => order.push('closing'));
    worker.on('completed', (job) => order.push(`completed ${job.name}`));
    worker.on('closed', () => order.push('closed'));
    const closing = worker.close();
    expect(worker.close()).toBe(closing);
    expect(worker.isRunning()).toBe(false);
    await fx.add('after-close', {});
    finish.open();
    await closing;
    expect(order).toEqual(['closing', 'completed running', 'closed']);
    // The job added after close() was never acquired: it is still waiting for the group.
    const [lag] = await fx.engine.describeShareGroupOffsets(fx.topology.group, [fx.topology.topic]);
    expect(lag?.lag).toBe(1);
    const group = await fx.engine.describeShareGroup(fx.topology.group);
    expect(group.members).toHaveLength(0);
    await expect(worker.run()).rejects.toBeInstanceOf(ClosedError);
  });

  it('after the timeout it aborts the rest with ClosedError and RELEASEs them to another worker', async () => {
    const fx = await embeddedFixture();
    await fx.add('stuck', {});
    let reason: unknown;
    const first = workers.start(fx, async (job, { signal }) => {
      if (job.deliveryCount > 1) return 'second delivery';
      signal.addEventListener('abort', () => {
        reason = signal.reason;
      });
      return new Promise<string>(() => {}); // ignores the signal forever
    });
    await nextEvent(first, 'active');
    await first.close({ timeout: 50 });
    expect(reason).toBeInstanceOf(ClosedError);
    const second = workers.start(fx, async (job) => `delivery ${job.deliveryCount}`);
    const [job, result] = await nextEvent(second, 'completed');
    expect(job.name).toBe('stuck');
    // RELEASEd, not expired: redelivered at once (the lock was 1 s, the test did not wait for it).
    expect(result).toBe('delivery 2');
  });

  it('autorun: false acquires nothing until run()', async () => {
    const fx = await embeddedFixture();
    await fx.add('later', {});
    const worker = workers.start(fx, async (job) => job.name, { autorun: false });
    await worker.waitUntilReady();
    const [before] = await fx.engine.describeShareGroupOffsets(fx.topology.group, [fx.topology.topic]);
    expect(before?.lag).toBe(1);
    expect(worker.isRunning()).toBe(false);
    const completed = nextEvent(worker, 'completed');
    await worker.run();
    expect(worker.isRunning()).toBe(true);
    expect((await completed)[1]).toBe('later');
  });

  it('closing a worker that never started (or is still starting) resolves cleanly', async () => {
    const fx = await embeddedFixture();
    const idle = workers.start(fx, async () => 1, { autorun: false });
    await idle.close();
    expect(idle.isClosed()).toBe(true);
    const starting = workers.start(fx, async () => 1);
    const closed = nextEvent(starting, 'closed');
    await starting.close();
    await closed;
  });
});

describe('Worker.close timeout', () => {
  it('timeout: Infinity waits for the running job however long it takes', async () => {
    const fx = await embeddedFixture();
    await fx.add('slow', {});
    const finish = gate();
    let aborted = false;
    const worker = workers.start(fx, async (_job, { signal }) => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      await finish.promise;
      return 'finished';
    });
    await nextEvent(worker, 'active');
    const completed = nextEvent(worker, 'completed');
    const closing = worker.close({ timeout: Number.POSITIVE_INFINITY });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(aborted).toBe(false);
    finish.open();
    await closing;
    expect((await completed)[1]).toBe('finished');
  });
});
