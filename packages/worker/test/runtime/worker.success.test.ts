import { decodeJobEvents, type JobEvent } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { DELIVERY_LIMIT, LOCK_MS, collect, embeddedFixture, nextEvent } from '../helpers/embedded.js';

const workers: Worker<unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

function start<D, R>(
  queue: string,
  engine: Worker<D, R>['options']['connection'],
  processor: ConstructorParameters<typeof Worker<D, R>>[1],
  extra: Partial<ConstructorParameters<typeof Worker<D, R>>[2]> = {},
): Worker<D, R> {
  const worker = new Worker<D, R>(queue, processor, {
    connection: engine,
    lockDurationMs: LOCK_MS,
    deliveryCountLimit: DELIVERY_LIMIT,
    drainDelayMs: 50,
    ...extra,
  });
  workers.push(worker as Worker<unknown, unknown>);
  return worker;
}

describe('Worker: success', () => {
  it('runs the processor with the job and ACCEPTs it; completed carries the result', async () => {
    const fx = await embeddedFixture();
    const id = await fx.add('welcome', { to: 'a@b.c' });
    const seen: { id: string; name: string; data: unknown; attempt: number; attemptsMade: number }[] = [];
    const worker = start<{ to: string }, string>(fx.queue, fx.engine, async (job, { signal }) => {
      expect(signal.aborted).toBe(false);
      seen.push({
        id: job.id,
        name: job.name,
        data: job.data,
        attempt: job.attempt,
        attemptsMade: job.attemptsMade,
      });
      return `sent to ${job.data.to}`;
    });
    const [job, result] = await nextEvent(worker, 'completed');
    expect(result).toBe('sent to a@b.c');
    expect(job.returnvalue).toBe('sent to a@b.c');
    expect(seen).toEqual([{ id, name: 'welcome', data: { to: 'a@b.c' }, attempt: 1, attemptsMade: 0 }]);
    // ACCEPTed: nothing left in flight or waiting for the group.
    const [lag] = await fx.engine.describeShareGroupOffsets(fx.topology.group, [fx.topology.topic]);
    expect(lag?.lag).toBe(0);
  });

  it('publishes active, progress, log and completed to the events topic', async () => {
    const fx = await embeddedFixture();
    const id = await fx.add('report', { n: 1 });
    const worker = start(fx.queue, fx.engine, async (job) => {
      await job.updateProgress(50);
      await job.log('half way');
      return { ok: true };
    });
    const progress = nextEvent(worker, 'progress');
    await nextEvent(worker, 'completed');
    expect((await progress)[1]).toBe(50);
    await worker.close();
    const events = (await fx.engine.readTopic(fx.topology.eventsTopic))
      .flatMap((record) => decodeJobEvents(record))
      .filter((event): event is JobEvent => event?.jobId === id);
    expect(events.map((e) => e.type)).toEqual(['active', 'progress', 'log', 'completed']);
    const completed = events[3];
    expect(completed).toMatchObject({ type: 'completed', name: 'report', attempt: 1, result: { ok: true } });
    expect(completed?.workerId).toBe(worker.id);
  });

  it('emits drained once when the queue runs dry, and on/once/off behave', async () => {
    const fx = await embeddedFixture();
    await fx.add('a', 1);
    await fx.add('b', 2);
    const worker = start(fx.queue, fx.engine, async (job) => job.data, { concurrency: 2 });
    let actives = 0;
    const onActive = () => {
      actives++;
    };
    worker.on('active', onActive);
    let onceCalls = 0;
    worker.once('completed', () => {
      onceCalls++;
    });
    await collect(worker, 'completed', 2);
    await nextEvent(worker, 'drained');
    worker.off('active', onActive);
    await fx.add('c', 3);
    await nextEvent(worker, 'completed');
    expect(actives).toBe(2);
    expect(onceCalls).toBe(1);
  });

  it('a throwing listener does not break the worker: it is reported as error', async () => {
    const fx = await embeddedFixture();
    await fx.add('a', 1);
    await fx.add('b', 2);
    const worker = start(fx.queue, fx.engine, async (job) => job.data);
    worker.on('active', () => {
      throw new Error('listener bug');
    });
    const errors: Error[] = [];
    worker.on('error', (error) => errors.push(error));
    await collect(worker, 'completed', 2);
    expect(errors.map((e) => e.message)).toEqual(['listener bug', 'listener bug']);
  });
});
