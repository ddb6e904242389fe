import { decodePresence, type PresenceRecord, Queue } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import {
  DELIVERY_LIMIT,
  LOCK_MS,
  embeddedFixture,
  gate,
  nextEvent,
  sleep,
  workerTracker,
} from '../helpers/embedded.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

describe('Worker presence and delay forwarding', () => {
  it('publishes who it is and what it holds, and a tombstone on close', async () => {
    const fx = await embeddedFixture();
    const id = await fx.add('held', {});
    const release = gate();
    const worker = workers.start(fx, async () => release.promise, {
      concurrency: 4,
      presenceIntervalMs: 100,
    });
    const [active] = await nextEvent(worker, 'active');
    let mine: PresenceRecord | null = null;
    while (!mine?.jobs.length) {
      await sleep(100);
      const records = (await fx.engine.readTopic(fx.topology.presenceTopic)).filter(
        (r) => r.key?.toString() === worker.id,
      );
      const last = records.at(-1);
      mine = last ? decodePresence(last) : null;
    }
    expect(mine).toMatchObject({
      workerId: worker.id,
      queue: fx.queue,
      pid: process.pid,
      concurrency: 4,
      heartbeatIntervalMs: 100,
    });
    expect(mine.jobs).toEqual([
      expect.objectContaining({ id, name: 'held', deliveryCount: 1, attempt: 1, partition: 0, offset: 0 }),
    ]);
    expect(mine.jobs[0]?.startedAt).toBe(active.processedOn);
    release.open();
    await worker.close();
    const last = (await fx.engine.readTopic(fx.topology.presenceTopic))
      .filter((r) => r.key?.toString() === worker.id)
      .at(-1);
    expect(last?.value).toBeNull();
  });

  it('runs the delay forwarder: a delayed job added through Queue starts after it is due', async () => {
    const fx = await embeddedFixture();
    const queue = new Queue(fx.queue, {
      connection: fx.engine,
      lockDurationMs: LOCK_MS,
      deliveryCountLimit: DELIVERY_LIMIT,
    });
    const addedAt = Date.now();
    const job = await queue.add('delayed', { x: 1 }, { delay: 1_200 });
    const worker = workers.start(fx, async () => Date.now());
    const [done, startedAt] = await nextEvent(worker, 'completed');
    expect(done.id).toBe(job.id);
    expect(startedAt).toBeGreaterThanOrEqual(addedAt + 1_200);
    await queue.close();
  }, 10_000);
});
