/**
 * The broker counts records a consumer holds plus the acks a fetch carries against the partition's lock
 * cap when it acquires: fetches ask only for what fits, and many queued acks go first on their own
 * ShareAcknowledge (the fetch follows on the next epoch) instead of riding on the fetch.
 */
import { describe, expect, it } from 'vitest';
import { carried, T, take, useOnePartitionConsumers } from './consumer-harness.js';

const setup = useOnePartitionConsumers();

describe('KafkaShareConsumer lock cap', () => {
  it('asks only for what fits next to the records it holds and the acks it carries', async () => {
    const { broker, consumer } = setup(50, { maxRecordLocks: 10, ackSeparatelyAbove: 1000 });
    const held = await take(consumer, 6);
    const more = await consumer.poll(10, { maxWaitMs: 1000 });
    expect(more).toHaveLength(4); // 6 held + 4 = the cap
    expect(broker.requests('fetch').at(-1)?.request.maxRecords).toBe(4);

    // 10 acks queued + a poll: nothing fits next to them, so they go first and the fetch follows.
    const acks = [...held, ...more].map((r) => consumer.acknowledge(r, 'accept'));
    const next = await take(consumer, 10);
    await Promise.all(acks);
    expect(next.map((r) => r.offset)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const fetches = broker.requests('fetch').filter((f) => f.request.maxRecords > 0);
    for (const f of fetches) expect(carried(f.request.topics) + f.request.maxRecords).toBeLessThanOrEqual(10);
    expect(broker.states(T, 0).slice(0, 10)).toEqual(Array(10).fill('acknowledged'));
  });

  it('sends many queued acks on a ShareAcknowledge first, then fetches on the next epoch', async () => {
    const { broker, consumer } = setup(50, { ackSeparatelyAbove: 3 });
    const batch = await take(consumer, 5);
    const acks = batch.map((r) => consumer.acknowledge(r, 'accept'));
    const next = await take(consumer, 5);
    await Promise.all(acks);
    expect(next.map((r) => r.offset)).toEqual([5, 6, 7, 8, 9]);
    const sent = broker.sent.filter((s) => s.api !== 'heartbeat');
    const ackAt = sent.findIndex((s) => s.api === 'acknowledge');
    const ack = sent[ackAt];
    const fetch = sent[ackAt + 1];
    expect(ack?.api).toBe('acknowledge');
    expect(ack && carried(ack.request.topics)).toBe(5);
    expect(fetch?.api).toBe('fetch');
    expect(fetch && carried(fetch.request.topics)).toBe(0);
    expect(fetch?.request.shareSessionEpoch).toBe((ack?.request.shareSessionEpoch ?? 0) + 1);
    expect(broker.states(T, 0).slice(0, 5)).toEqual(Array(5).fill('acknowledged'));
  });

  it('keeps piggy-backing acks at or below the threshold', async () => {
    // ackBatchMs 0: every fetch takes the queued acks (what this threshold is about), none held for a batch.
    const { broker, consumer } = setup(50, { ackSeparatelyAbove: 5, ackBatchMs: 0 });
    const batch = await take(consumer, 5);
    const acks = batch.map((r) => consumer.acknowledge(r, 'accept'));
    await take(consumer, 5);
    await Promise.all(acks);
    expect(broker.requests('acknowledge')).toHaveLength(0);
    expect(broker.requests('fetch').some((f) => carried(f.request.topics) === 5)).toBe(true);
  });
});
