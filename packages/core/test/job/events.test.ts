import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import {
  decodeJobEvent,
  decodeJobEvents,
  encodeCompactBatch,
  encodeJobEvent,
  encodeJobEventBatch,
  EventPublisher,
  type JobEvent,
  JobFailedError,
  jobEventJson,
  provisionQueue,
  Queue,
  QueueEvents,
  queueTopology,
  UnserialisableEventError,
} from '../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

async function setup(name: string) {
  const engine = freshEngine();
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

  it('the compact record decodes to the very events published: every field, optional ones absent or present', () => {
    const events: JobEvent[] = [
      { type: 'active', jobId: 'a1', ts: 1_000, workerId: 'w1', name: 'send', attempt: 1, addedAt: 900 },
      { type: 'active', jobId: 'a2', ts: 1_001, name: 'other', attempt: 3 },
      {
        type: 'completed',
        jobId: 'a1',
        ts: 1_002,
        workerId: 'w1',
        name: 'send',
        attempt: 1,
        result: { ok: [1, 'x'] },
        durationMs: 2,
      },
      { type: 'completed', jobId: 'a2', ts: 1_003, workerId: 'w2', name: 'other', attempt: 3, result: null },
      { type: 'completed', jobId: 'a3', ts: 1_004, workerId: 'w1', name: 'send', attempt: 2, durationMs: 0 },
      { type: 'completed', jobId: 'a4', ts: 1_005, name: 'send', attempt: 1, result: 'done', durationMs: 7 },
      {
        type: 'failed',
        jobId: 'f1',
        ts: 1_006,
        workerId: 'w1',
        name: 'send',
        attempt: 1,
        error: 'boom',
        willRetry: true,
        delayMs: 5,
      },
      { type: 'progress', jobId: 'a1', ts: 990, workerId: 'w1', progress: { pct: 50 } },
      { type: 'active', jobId: 'a5', ts: 1_007, workerId: 'w2', name: 'send', attempt: 1, addedAt: 1_007 },
    ];
    const value = encodeCompactBatch(events);
    expect(JSON.parse(value)).toMatchObject({ v: 2, t: 1_000, w: ['w1', 'w2'], n: ['send', 'other'] });
    expect(decodeJobEvents({ value: Buffer.from(value) })).toEqual(events);
    // Smaller than the same window as one JSON object per event (version 1).
    expect(value.length).toBeLessThan(encodeJobEventBatch(events.map(jobEventJson)).value?.length ?? 0);
  });

  it('reads version-1 batch records, skips a later compact version, and ends a record at an unknown entry', () => {
    const active = { type: 'active', jobId: 'a', name: 'n', attempt: 1, ts: 1 } as const;
    const v1 = encodeJobEventBatch([jobEventJson(active)]);
    expect(decodeJobEvents({ value: Buffer.from(v1.value as string) })).toEqual([active]);
    expect(decodeJobEvents({ value: Buffer.from('{"v":3,"t":0,"w":[],"n":[],"e":[]}') })).toEqual([]);
    const unknown = '{"v":2,"t":10,"w":[],"n":["n"],"e":["a","x",1,-1,0,1,null,"z","q",2,-1,0,1,null]}';
    expect(decodeJobEvents({ value: Buffer.from(unknown) })).toEqual([
      { type: 'active', jobId: 'x', ts: 11, name: 'n', attempt: 1 },
    ]);
  });

  it('an event JSON cannot carry is left out and reported; the rest of its window goes out', async () => {
    const { engine, topology } = await setup('ev-unserialisable');
    const errors: unknown[] = [];
    const publisher = new EventPublisher(engine, topology, { onError: (e) => errors.push(e) });
    publisher.publish({ type: 'active', jobId: 'ok', name: 'n', attempt: 1, ts: 1 });
    publisher.publish({ type: 'progress', jobId: 'bad', ts: 2, progress: { big: 1n } as unknown as number });
    publisher.publish({ type: 'log', jobId: 'ok', line: 'still here', ts: 3 });
    await publisher.flush();
    const events = (await engine.readTopic(topology.eventsTopic)).flatMap((r) => decodeJobEvents(r));
    expect(events.map((e) => e.type)).toEqual(['active', 'log']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(UnserialisableEventError);
    await publisher.close();
  });

  it('a window larger than a record is split, in order, nothing lost', async () => {
    const { engine, topology } = await setup('ev-split');
    const publisher = new EventPublisher(engine, topology);
    const line = 'x'.repeat(1_000);
    for (let i = 0; i < 600; i++) publisher.publish({ type: 'log', jobId: `j${i}`, line, ts: i });
    await publisher.flush();
    const records = await engine.readTopic(topology.eventsTopic);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(record.value?.length ?? 0).toBeLessThanOrEqual(256 * 1024 * 3);
    const events = records.flatMap((r) => decodeJobEvents(r));
    expect(events.map((e) => e.jobId)).toEqual(Array.from({ length: 600 }, (_, i) => `j${i}`));
    await publisher.close();
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
