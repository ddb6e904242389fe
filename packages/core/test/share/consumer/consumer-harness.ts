/**
 * What the KafkaShareConsumer tests against the fake broker share: a consumer on a one-partition topic of
 * `records` records (closed after each case), polling until n records arrived, and counting the ack records
 * a request carries.
 */
import { afterEach } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import type { ShareConsumerConfig } from '../../../src/share/consumer/options.js';
import { KafkaShareConsumer } from '../../../src/share/consumer/share-consumer.js';
import type { FetchPartitionRequest } from '../../../src/share/consumer/wire.js';
import { FakeShareBroker } from './fake-share-broker.js';

export const T = 'jobs';

export type ConsumerTunables = Omit<Partial<ShareConsumerConfig>, 'groupId' | 'topics'>;

/**
 * Call at the top of a test file: returns `setup(records, tunables)`, which makes a fake broker with topic T
 * (one partition holding r0…r<records-1>) and a consumer on it (no ack linger), closed after each case.
 */
export function useOnePartitionConsumers(): (
  records: number,
  tunables?: ConsumerTunables,
) => { broker: FakeShareBroker; consumer: KafkaShareConsumer } {
  let open: KafkaShareConsumer[] = [];
  afterEach(async () => {
    await Promise.allSettled(open.map((c) => c.close()));
    open = [];
  });
  return (records, tunables = {}) => {
    const broker = new FakeShareBroker(1);
    broker.addTopic(T, 1);
    broker.produce(
      T,
      0,
      Array.from({ length: records }, (_, i) => `r${i}`),
    );
    const consumer = new KafkaShareConsumer(broker, {
      groupId: 'g',
      topics: [T],
      heartbeatIntervalMs: 100,
      ackLingerMs: 0,
      ...tunables,
    });
    open.push(consumer);
    return { broker, consumer };
  };
}

/** Polls (at most `maxRecords` at a time) until `n` records arrived. */
export async function take(
  consumer: KafkaShareConsumer,
  n: number,
  maxRecords = n,
): Promise<DeliveredRecord[]> {
  const out: DeliveredRecord[] = [];
  for (let i = 0; i < 200 && out.length < n; i++) {
    out.push(...(await consumer.poll(Math.min(maxRecords, n - out.length), { maxWaitMs: 1000 })));
  }
  return out;
}

/** Ack records a request carries. */
export function carried(topics: readonly { partitions: readonly FetchPartitionRequest[] }[]): number {
  let n = 0;
  for (const t of topics)
    for (const p of t.partitions)
      for (const b of p.acknowledgementBatches) n += b.lastOffset - b.firstOffset + 1;
  return n;
}
