import { describe, expect, it } from 'vitest';
import { EmbeddedEngine, ManualClock } from '../../src/embedded/index.js';
import {
  DelayForwarder,
  decodeEnvelope,
  encodeEnvelope,
  type JobEnvelope,
  pickBucket,
  provisionQueue,
  queueTopology,
  routeDelayed,
} from '../../src/index.js';

const envelope = (id: string, dueAt: number): JobEnvelope => ({
  v: 1,
  id,
  name: 'n',
  data: null,
  opts: { attempts: 1 },
  attemptsMade: 0,
  ts: 0,
  dueAt,
});

describe('delay routing', () => {
  const topology = queueTopology('routing');

  it('picks the largest bucket not above the remaining delay, else the smallest', () => {
    const pick = (ms: number) => pickBucket(topology.delayBuckets, ms).bucketMs;
    expect(
      [1, 999, 1000, 4999, 5000, 29_999, 30_000, 299_999, 300_000, 3_599_999, 3_600_000, 86_400_000].map(
        pick,
      ),
    ).toEqual([1000, 1000, 1000, 1000, 5000, 5000, 30_000, 30_000, 300_000, 300_000, 3_600_000, 3_600_000]);
  });

  it('due records go to the queue topic without delay headers; others carry due-at and forward-at', () => {
    const record = encodeEnvelope(envelope('a', 10_000));
    const due = routeDelayed(
      topology,
      { ...record, headers: { 'sharq-due-at': '1', x: 'y' } },
      10_000,
      10_000,
    );
    expect(due.topic).toBe('sharq.routing');
    expect(due.record.headers).toEqual({ x: 'y' });
    const later = routeDelayed(topology, record, 17_500, 10_000);
    expect(later.topic).toBe('sharq.routing.delay.5000');
    expect(later.record.headers).toEqual({ 'sharq-due-at': '17500', 'sharq-forward-at': '15000' });
    const short = routeDelayed(topology, record, 10_300, 10_000);
    expect(short.topic).toBe('sharq.routing.delay.1000');
    expect(short.record.headers).toEqual({ 'sharq-due-at': '10300', 'sharq-forward-at': '10300' });
  });
});

describe('DelayForwarder (virtual time)', () => {
  it('makes every delayed job waiting at or after its due time and within 1 s of it', async () => {
    const clock = new ManualClock(1_000_000);
    const engine = new EmbeddedEngine({ clock });
    const topology = queueTopology('delays');
    await provisionQueue(engine, topology, { partitions: 2, lockDurationMs: 30_000, deliveryCountLimit: 10 });
    const arrivals = new Map<string, number>();
    const tail = engine.tail(topology.topic, { from: 'earliest' }, (records) => {
      for (const record of records) {
        const decoded = decodeEnvelope(record);
        if (decoded.ok) arrivals.set(decoded.envelope.id, clock.now());
      }
    });
    const forwarder = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 0 });
    forwarder.start();
    // Delays chosen to hit every bucket, the bucket edges, and sub-second remainders.
    const delays = [1, 250, 999, 1000, 1001, 4200, 5000, 7300, 29_999, 31_000, 299_000, 301_500, 3_700_123];
    const due = new Map<string, number>();
    for (const [i, delay] of delays.entries()) {
      const now = clock.now();
      const env = envelope(`job-${i}`, now + delay);
      const routed = routeDelayed(topology, encodeEnvelope(env), now + delay, now);
      await engine.produce(routed.topic, [routed.record]);
      due.set(env.id, now + delay);
      await clock.tick(37); // interleave adds with time passing
    }
    const end = Math.max(...due.values()) + 2_000;
    while (clock.now() < end) await clock.tick(20);
    for (const [id, dueAt] of due) {
      const arrived = arrivals.get(id);
      expect(arrived, id).toBeDefined();
      expect((arrived ?? 0) - dueAt, id).toBeGreaterThanOrEqual(0);
      expect((arrived ?? 0) - dueAt, id).toBeLessThanOrEqual(1000);
    }
    expect(arrivals.size).toBe(delays.length);
    await forwarder.stop();
    await tail.close();
    await engine.close();
  });

  it('resumes after a restart from the committed offsets: nothing lost, nothing forwarded twice', async () => {
    const clock = new ManualClock(2_000_000);
    const engine = new EmbeddedEngine({ clock });
    const topology = queueTopology('restart');
    await provisionQueue(engine, topology, { partitions: 1, lockDurationMs: 30_000, deliveryCountLimit: 10 });
    const now = clock.now();
    for (const [i, delay] of [2_000, 6_000, 40_000].entries()) {
      const routed = routeDelayed(topology, encodeEnvelope(envelope(`r${i}`, now + delay)), now + delay, now);
      await engine.produce(routed.topic, [routed.record]);
    }
    const first = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 0 });
    first.start();
    for (let t = 0; t < 3_000; t += 20) await clock.tick(20);
    await first.stop();
    expect((await engine.readTopic(topology.topic)).map((r) => r.key?.toString())).toEqual(['r0']);
    // Nothing runs while stopped; the second forwarder picks up where the first committed.
    for (let t = 0; t < 10_000; t += 100) await clock.tick(100);
    const second = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 0 });
    second.start();
    for (let t = 0; t < 40_000; t += 50) await clock.tick(50);
    const keys = (await engine.readTopic(topology.topic)).map((r) => r.key?.toString());
    expect(keys).toEqual(['r0', 'r1', 'r2']);
    await second.stop();
    await engine.close();
  });

  it('hands a bucket record without a schedule straight to the queue (the worker dead-letters it)', async () => {
    const clock = new ManualClock(3_000_000);
    const engine = new EmbeddedEngine({ clock });
    const topology = queueTopology('foreign');
    await provisionQueue(engine, topology, { partitions: 1, lockDurationMs: 30_000, deliveryCountLimit: 10 });
    await engine.produce(topology.delayBuckets[2]?.topic ?? '', [{ key: 'k', value: 'not ours' }]);
    const forwarder = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 0 });
    forwarder.start();
    for (let i = 0; i < 5; i++) await clock.tick(10);
    const queued = await engine.readTopic(topology.topic);
    expect(queued.map((r) => r.value?.toString())).toEqual(['not ours']);
    expect(forwarder.forwarded).toBe(1);
    await forwarder.stop();
    await engine.close();
  });

  it('stop() cuts an inline wait short without forwarding; the next forwarder moves the record', async () => {
    const clock = new ManualClock(4_000_000);
    const engine = new EmbeddedEngine({ clock });
    const topology = queueTopology('inline');
    await provisionQueue(engine, topology, { partitions: 1, lockDurationMs: 30_000, deliveryCountLimit: 10 });
    const now = clock.now();
    const routed = routeDelayed(topology, encodeEnvelope(envelope('i', now + 3_000)), now + 3_000, now);
    await engine.produce(routed.topic, [routed.record]);
    // Due in 3 s (virtual), within earlyWakeMs: the handler waits inline (real timer) until stopped.
    const first = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 60_000 });
    first.start();
    await clock.tick(1);
    await first.stop();
    expect(first.forwarded).toBe(0);
    expect(await engine.readTopic(topology.topic)).toEqual([]);
    const second = new DelayForwarder(engine, topology, { now: () => clock.now(), earlyWakeMs: 0 });
    second.start();
    for (let t = 0; t < 4_000; t += 100) await clock.tick(100);
    expect((await engine.readTopic(topology.topic)).map((r) => r.key?.toString())).toEqual(['i']);
    await second.stop();
    await engine.close();
  });
});
