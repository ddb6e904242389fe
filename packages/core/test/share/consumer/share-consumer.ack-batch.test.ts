/**
 * Acks held for a batch: a request carrying acks is answered only after the broker persisted them, so a
 * fetch goes without the queued acks until they are due (the oldest waited ackBatchMs, or ackBatchRecords
 * are queued); acks no fetch takes still go on a ShareAcknowledge when no fetch is due.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import type { KafkaShareConsumer } from '../../../src/share/consumer/share-consumer.js';
import { carried, T, take, useOnePartitionConsumers } from './consumer-harness.js';

const setup = useOnePartitionConsumers();

/** Acknowledges `batch`, then (same tick, so the acks are queued when it goes out) polls the next 5. */
async function ackThenPoll(consumer: KafkaShareConsumer, batch: DeliveredRecord[]) {
  const acks = batch.map((r) => consumer.acknowledge(r, 'accept'));
  const next = await consumer.poll(5, { maxWaitMs: 1000 });
  await Promise.all(acks);
  return next;
}

describe('KafkaShareConsumer ack batching', () => {
  it('fetches without acks that are not due yet, and sends them on a ShareAcknowledge once no fetch is due', async () => {
    const { broker, consumer } = setup(20, { ackBatchMs: 1_000, ackBatchRecords: 100 });
    const batch = await take(consumer, 5);
    const next = await ackThenPoll(consumer, batch);
    expect(next.map((r) => r.offset)).toEqual([5, 6, 7, 8, 9]);
    const dataFetches = broker.requests('fetch').filter((f) => f.request.maxRecords > 0);
    for (const f of dataFetches) expect(carried(f.request.topics)).toBe(0);
    const acknowledges = broker.requests('acknowledge');
    expect(acknowledges.reduce((n, a) => n + carried(a.request.topics), 0)).toBe(5);
    expect(broker.states(T, 0).slice(0, 5)).toEqual(Array(5).fill('acknowledged'));
  });

  it('lets the acks ride on the fetch once ackBatchRecords are queued', async () => {
    const { broker, consumer } = setup(20, { ackBatchMs: 1_000, ackBatchRecords: 5 });
    const batch = await take(consumer, 5);
    await ackThenPoll(consumer, batch);
    expect(broker.requests('fetch').some((f) => carried(f.request.topics) === 5)).toBe(true);
    expect(broker.requests('acknowledge')).toHaveLength(0);
  });

  it('lets the acks ride on every fetch with ackBatchMs 0', async () => {
    const { broker, consumer } = setup(20, { ackBatchMs: 0 });
    const batch = await take(consumer, 5);
    await ackThenPoll(consumer, batch);
    expect(broker.requests('fetch').some((f) => carried(f.request.topics) === 5)).toBe(true);
    expect(broker.requests('acknowledge')).toHaveLength(0);
  });
});
