import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import {
  decodeJobEvent,
  decodeJobEvents,
  encodeJobEvent,
  EventPublisher,
  type JobEvent,
  JobFailedError,
  provisionQueue,
  Queue,
  QueueEvents,
  queueTopology,
} from '../../src/index.js';

const engines: EmbeddedEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

async function setup(name: string) {
  const engine = new EmbeddedEngine();
  engines.push(engine);
  const topology = queueTopology(name);
  await provisionQueue(engine, topology, { partitions: 1, lockDurationMs: 30_000, deliveryCountLimit: 10 });
  return { engine, topology };
}

describe('job events', () => {
  it('EventPublisher batches many events into few produce calls', async () => {
    const { engine, topology } = await setup('ev-batch');
    const publisher = new EventPublisher(engine, topology);
    for (let i = 0; i < 500; i++)
      publisher.publish({ type: 'active', jobId: `j${i}`, name: 'n', attempt: 1, ts: i });
    await publisher.flush();
    expect(publisher.produceCalls).toBeLessThanOrEqual(2);
    const records = await engine.readTopic(topology.eventsTopic);
    // One linger window, one record: the 500 events ride together.
    expect(records).toHaveLength(1);
    const events = records.flatMap((r) => decodeJobEvents(r));
    expect(events).toHaveLength(500);
    expect(events[499]).toEqual({ type: 'active', jobId: 'j499', name: 'n', attempt: 1, ts: 499 });
    await publisher.close();
  });

  it('skips foreign records and keeps an event whose result cannot be serialised', async () => {
    expect(decodeJobEvent({ value: Buffer.from('nope') })).toBeUndefined();
    expect(decodeJobEvent({ value: Buffer.from('{"type":"weird","jobId":"a","ts":1}') })).toBeUndefined();
    expect(decodeJobEvent({ value: null })).toBeUndefined();
    const { engine, topology } = await setup('ev-cycle');
    const publisher = new EventPublisher(engine, topology);
    const result: Record<string, unknown> = {};
    result.self = result;
    publisher.publish({ type: 'completed', jobId: 'c', name: 'n', attempt: 1, ts: 1, result });
    await publisher.flush();
    const [record] = await engine.readTopic(topology.eventsTopic);
    expect(decodeJobEvents(record ?? { value: null })).toEqual([
      {
        type: 'completed',
        jobId: 'c',
        name: 'n',
        attempt: 1,
        ts: 1,
      },
    ]);
  });

  it('decodeJobEvents reads batch and single records, skipping foreign entries', () => {
    const active = { type: 'active', jobId: 'a', name: 'n', attempt: 1, ts: 1 } as const;
    const log = { type: 'log', jobId: 'b', line: 'x', ts: 2 } as const;
    const batch = {
      value: Buffer.from(JSON.stringify([active, { type: 'weird', jobId: 'c', ts: 3 }, 7, log])),
    };
    expect(decodeJobEvents(batch)).toEqual([active, log]);
    // A batch is not a single event: the single-event reader says so instead of guessing.
    expect(decodeJobEvent(batch)).toBeUndefined();
    const single = encodeJobEvent(active);
    expect(single.key).toBe('a');
    expect(decodeJobEvents({ value: Buffer.from(single.value as string) })).toEqual([active]);
    expect(decodeJobEvents({ value: Buffer.from('nope') })).toEqual([]);
  });

  it('QueueEvents delivers typed events and settles waitUntilFinished, also for jobs finished before the wait', async () => {
    const { engine, topology } = await setup('ev-wait');
    const queue = new Queue<number>('ev-wait', { connection: engine });
    const events = new QueueEvents('ev-wait', { connection: engine });
    await events.waitUntilReady();
    const seen: JobEvent[] = [];
    const completed: unknown[] = [];
    events.on('event', (e) => seen.push(e));
    // BullMQ's payload names work too.
    events.on('completed', ({ jobId, returnvalue }) => completed.push([jobId, returnvalue]));
    const once: string[] = [];
    events.once('failed', (e) => once.push(`${e.jobId}:${e.failedReason}`));

    const ok = await queue.add('n', 1);
    const bad = await queue.add('n', 2);
    const publisher = new EventPublisher(engine, topology);
    const t0 = Date.now();
    const waitOk = ok.waitUntilFinished(events);
    const waitBad = bad.waitUntilFinished(events);
    publisher.publish({ type: 'active', jobId: ok.id, name: 'n', attempt: 1, ts: t0 + 1, workerId: 'w' });
    publisher.publish({ type: 'progress', jobId: ok.id, progress: 50, ts: t0 + 2 });
    publisher.publish({
      type: 'failed',
      jobId: bad.id,
      name: 'n',
      attempt: 1,
      error: 'e1',
      willRetry: true,
      ts: t0 + 3,
    });
    publisher.publish({
      type: 'failed',
      jobId: bad.id,
      name: 'n',
      attempt: 2,
      error: 'e2',
      willRetry: false,
      ts: t0 + 4,
    });
    publisher.publish({ type: 'dead', jobId: bad.id, reason: 'failed', error: 'e2', ts: t0 + 5 });
    publisher.publish({
      type: 'completed',
      jobId: ok.id,
      name: 'n',
      attempt: 1,
      result: { sent: true },
      ts: t0 + 6,
    });
    await publisher.flush();
    await expect(waitOk).resolves.toEqual({ sent: true });
    await expect(waitBad).rejects.toThrow(JobFailedError);
    await expect(waitBad).rejects.toMatchObject({ code: 'JOB_FAILED', jobId: bad.id, message: 'e2' });
    expect(seen.map((e) => e.type)).toEqual(['active', 'progress', 'failed', 'failed', 'dead', 'completed']);
    expect(completed).toEqual([[ok.id, { sent: true }]]);
    expect(once).toEqual([`${bad.id}:e1`]);
    // Already finished: answered from memory.
    await expect(events.waitUntilFinished(ok.id)).resolves.toEqual({ sent: true });
    await expect(events.waitUntilFinished('never', 20)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const pending = events.waitUntilFinished('never-either');
    await events.close();
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED' });
    await publisher.close();
    await queue.close();
  });

  it("from 'earliest' answers for jobs finished before it started; 'latest' sees only what follows ready", async () => {
    const { engine, topology } = await setup('ev-late');
    const publisher = new EventPublisher(engine, topology);
    publisher.publish({
      type: 'completed',
      jobId: 'old',
      name: 'n',
      attempt: 1,
      result: 'r',
      ts: Date.now(),
    });
    await publisher.flush();
    const latest = new QueueEvents('ev-late', { connection: engine });
    const everything = new QueueEvents('ev-late', { connection: engine, from: 'earliest' });
    const seenLatest: string[] = [];
    const seenAll: string[] = [];
    latest.on('completed', (e) => seenLatest.push(e.jobId));
    everything.on('completed', (e) => seenAll.push(e.jobId));
    await Promise.all([latest.waitUntilReady(), everything.waitUntilReady()]);
    await expect(everything.waitUntilFinished('old', 5_000)).resolves.toBe('r');
    publisher.publish({
      type: 'completed',
      jobId: 'new',
      name: 'n',
      attempt: 1,
      result: 'r2',
      ts: Date.now(),
    });
    await publisher.flush();
    await expect(latest.waitUntilFinished('new', 5_000)).resolves.toBe('r2');
    await expect(everything.waitUntilFinished('new', 5_000)).resolves.toBe('r2');
    expect(seenLatest).toEqual(['new']);
    expect(seenAll).toEqual(['old', 'new']);
    // Sync markers are invisible to readers.
    const raw = (await engine.readTopic(topology.eventsTopic)).flatMap((r) => decodeJobEvents(r));
    expect(raw.map((e) => e.jobId)).toEqual(['old', 'new']);
    await latest.close();
    await everything.close();
    await publisher.close();
  });
});
