/**
 * join(): a caller can take the group join out of its first poll. It acquires nothing, resolves true once
 * the group assigned partitions (Kafka assigns a few heartbeats after the join), and false at its timeout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaShareConsumer } from '../../../src/share/consumer/share-consumer.js';
import { FakeShareBroker } from './fake-share-broker.js';

const T = 'jobs';
let open: KafkaShareConsumer[] = [];

function setup(assignAfterBeats: number) {
  const broker = new FakeShareBroker(1);
  broker.addTopic(T, 1);
  broker.produce(T, 0, ['a', 'b', 'c']);
  broker.assignAfterBeats = assignAfterBeats;
  broker.heartbeatIntervalMs = 10_000;
  const consumer = new KafkaShareConsumer(broker, { groupId: 'g', topics: [T], heartbeatIntervalMs: 10_000 });
  open.push(consumer);
  return { broker, consumer };
}

afterEach(async () => {
  await Promise.allSettled(open.map((c) => c.close()));
  open = [];
});

describe('KafkaShareConsumer join', () => {
  it('resolves true once the group assigns partitions, a few early heartbeats after the join, acquiring nothing', async () => {
    const { broker, consumer } = setup(3);
    expect(await consumer.join(5_000)).toBe(true);
    // Joined on epoch 0, then early beats (100 ms apart) until the assignment, not the 10 s interval.
    expect(broker.sent.filter((s) => s.api === 'heartbeat').length).toBeGreaterThanOrEqual(4);
    expect(broker.sent.some((s) => s.api === 'fetch')).toBe(false);
    expect(broker.countAcquired()).toBe(0);
    // Already assigned: at once, and a poll then finds the records without joining again.
    expect(await consumer.join(0)).toBe(true);
    const records = await consumer.poll(3, { maxWaitMs: 1_000 });
    expect(records.map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
  });

  it('resolves false at its timeout while the group has not assigned anything yet', async () => {
    const { consumer } = setup(1_000);
    const started = Date.now();
    expect(await consumer.join(150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
