/**
 * PollOptions.acquire: a poll that takes whole batches lets the fetch use batch_optimized (cheaper for the
 * broker) and returns everything acquired, more than it asked for; an exact poll keeps record_limit and
 * never gets more than asked. While any exact poll waits, fetches stay record_limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import { KafkaShareConsumer } from '../../../src/share/consumer/share-consumer.js';
import type { ShareFetchRequest } from '../../../src/share/consumer/wire.js';
import { FakeShareBroker } from './fake-share-broker.js';

const T = 'jobs';
let open: KafkaShareConsumer[] = [];

function setup() {
  const broker = new FakeShareBroker(1);
  broker.addTopic(T, 1);
  broker.batchRecords = 10;
  broker.produce(
    T,
    0,
    Array.from({ length: 40 }, (_, i) => `r${i}`),
  );
  const consumer = new KafkaShareConsumer(broker, { groupId: 'g', topics: [T], heartbeatIntervalMs: 100 });
  open.push(consumer);
  return { broker, consumer };
}

function fetchModes(broker: FakeShareBroker): number[] {
  return broker.sent
    .filter((s) => s.api === 'fetch')
    .map((s) => (s.request as ShareFetchRequest).shareAcquireMode);
}

async function firstNonEmpty(poll: () => Promise<DeliveredRecord[]>): Promise<DeliveredRecord[]> {
  for (let i = 0; i < 100; i++) {
    const records = await poll();
    if (records.length > 0) return records;
  }
  return [];
}

afterEach(async () => {
  await Promise.allSettled(open.map((c) => c.close()));
  open = [];
});

describe('KafkaShareConsumer acquire mode per poll', () => {
  it("acquire: 'batches' fetches batch_optimized and returns the whole batch, beyond maxRecords", async () => {
    const { broker, consumer } = setup();
    const records = await firstNonEmpty(() => consumer.poll(3, { maxWaitMs: 500, acquire: 'batches' }));
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fetchModes(broker).filter((m) => m === 0).length).toBeGreaterThan(0);
    expect(fetchModes(broker)).not.toContain(1);
  });

  it('an exact poll (the default) fetches record_limit and gets no more than it asked for', async () => {
    const { broker, consumer } = setup();
    const records = await firstNonEmpty(() => consumer.poll(3, { maxWaitMs: 500 }));
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(fetchModes(broker)).not.toContain(0);
    expect(broker.countAcquired()).toBe(3);
  });

  it('while an exact poll waits beside a batches poll, fetches stay record_limit', async () => {
    const { broker, consumer } = setup();
    const [batches, exact] = await Promise.all([
      consumer.poll(3, { maxWaitMs: 2_000, acquire: 'batches' }),
      consumer.poll(3, { maxWaitMs: 2_000 }),
    ]);
    // Every fetch went out while the exact poll waited; the batches poll may take all the first brought.
    expect(fetchModes(broker).every((mode) => mode === 1)).toBe(true);
    expect(batches.length).toBeGreaterThan(0);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.length).toBeLessThanOrEqual(3);
  });

  it('the consumer option acquireMode: batch_optimized makes batches the default of its polls', async () => {
    const broker = new FakeShareBroker(1);
    broker.addTopic(T, 1);
    broker.batchRecords = 10;
    broker.produce(T, 0, ['a', 'b', 'c', 'd', 'e']);
    const consumer = new KafkaShareConsumer(broker, {
      groupId: 'g',
      topics: [T],
      heartbeatIntervalMs: 100,
      acquireMode: 'batch_optimized',
    });
    open.push(consumer);
    const records = await firstNonEmpty(() => consumer.poll(2, { maxWaitMs: 500 }));
    expect(records).toHaveLength(5);
  });
});
