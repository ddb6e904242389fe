/**
 * The consumer's protocol behaviour against the in-memory fake broker: flow control, session epochs,
 * ack batching and piggy-backing, session resets, renew, late acks, rejoin, reconnect and close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import { KafkaShareConsumer } from '../../../src/share/consumer/share-consumer.js';
import { take } from './consumer-harness.js';
import { CORRUPT, connectionLost, FakeShareBroker } from './fake-share-broker.js';

const T = 'jobs';
let open: KafkaShareConsumer[] = [];

function setup(options: { nodes?: number; partitions?: number; records?: number } = {}) {
  const broker = new FakeShareBroker(options.nodes ?? 1);
  broker.addTopic(T, options.partitions ?? 1);
  for (let p = 0; p < (options.partitions ?? 1); p++) {
    broker.produce(
      T,
      p,
      Array.from({ length: options.records ?? 20 }, (_, i) => `p${p}-${i}`),
    );
  }
  const errors: Error[] = [];
  const consumer = new KafkaShareConsumer(broker, {
    groupId: 'g',
    topics: [T],
    heartbeatIntervalMs: 100,
    ackLingerMs: 0,
    // Every fetch takes the queued acks: these cases are about piggy-backing itself (batching: ack-batch test).
    ackBatchMs: 0,
    onError: (e) => errors.push(e),
  });
  open.push(consumer);
  return { broker, consumer, errors };
}

afterEach(async () => {
  await Promise.allSettled(open.map((c) => c.close()));
  open = [];
});

describe('KafkaShareConsumer flow control', () => {
  it('a fetch long-polls no longer than the polls waiting now, not an earlier, longer poll that ended', async () => {
    const { broker, consumer } = setup({ records: 3 });
    // An idle worker's long poll takes records and ends; a busy worker's short polls follow.
    expect(await consumer.poll(1, { maxWaitMs: 5_000 })).toHaveLength(1);
    const before = broker.requests('fetch').length;
    expect(await consumer.poll(1, { maxWaitMs: 100 })).toHaveLength(1);
    const after = broker.requests('fetch').slice(before);
    expect(after.length).toBeGreaterThan(0);
    for (const f of after) expect(f.request.maxWaitMs).toBeLessThanOrEqual(100);
  });

  it('never acquires more than poll() asked for, across leaders', async () => {
    const { broker, consumer } = setup({ nodes: 2, partitions: 4, records: 50 });
    const got = await take(consumer, 7);
    expect(got).toHaveLength(7);
    expect(broker.countAcquired()).toBe(7);
    for (const f of broker.requests('fetch')) {
      expect(f.request.maxRecords).toBeLessThanOrEqual(7);
      expect(f.request.shareAcquireMode).toBe(1); // record_limit: a strict cap
    }
  });

  it('hands records acquired for a poll that gave up to the next poll, without fetching more', async () => {
    const { broker, consumer } = setup({ records: 20 });
    broker.fetchDelayMs = 100;
    expect(await consumer.poll(5, { maxWaitMs: 10 })).toEqual([]);
    const next = await consumer.poll(5, { maxWaitMs: 2000 });
    expect(next.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(broker.countAcquired()).toBe(5);
    expect(broker.requests('fetch').filter((f) => f.request.maxRecords > 0)).toHaveLength(1);
  });
});

describe('KafkaShareConsumer sessions and acknowledgements', () => {
  it('opens with epoch 0 without acks, then piggy-backs coalesced acks on the next fetch', async () => {
    const { broker, consumer } = setup();
    const batch = await take(consumer, 5);
    const acks = batch.map((r) => consumer.acknowledge(r, 'accept'));
    await take(consumer, 5);
    await Promise.all(acks);
    const fetches = broker.requests('fetch').filter((f) => f.request.maxRecords > 0);
    expect(fetches[0]?.request.shareSessionEpoch).toBe(0);
    for (const t of fetches[0]?.request.topics ?? []) {
      for (const p of t.partitions) expect(p.acknowledgementBatches).toEqual([]);
    }
    const carrying = fetches.find((f) =>
      f.request.topics.some((t) => t.partitions.some((p) => p.acknowledgementBatches.length)),
    );
    expect(carrying?.request.shareSessionEpoch).toBeGreaterThan(0);
    expect(carrying?.request.topics[0]?.partitions[0]?.acknowledgementBatches).toEqual([
      { firstOffset: 0, lastOffset: 4, acknowledgeTypes: [1] },
    ]);
    expect(broker.states(T, 0).slice(0, 5)).toEqual(Array(5).fill('acknowledged'));
  });

  it("sends each partition's acks to its own leader, one session per broker", async () => {
    const { broker, consumer } = setup({ nodes: 2, partitions: 2, records: 3 });
    const got = await take(consumer, 6, 6);
    await Promise.all(got.map((r) => consumer.acknowledge(r, 'accept')));
    expect(broker.states(T, 0)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect(broker.states(T, 1)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    for (const s of broker.sent) {
      if (s.api === 'heartbeat') continue;
      for (const t of s.request.topics) {
        for (const p of t.partitions) expect(s.nodeId).toBe((p.partitionIndex % 2) + 1);
      }
    }
    const opens = broker.requests('fetch').filter((f) => f.request.shareSessionEpoch === 0);
    expect(new Set(opens.map((f) => f.nodeId))).toEqual(new Set([1, 2]));
  });

  it('flushes acks with one ShareAcknowledge when no poll is waiting', async () => {
    const { broker, consumer } = setup();
    const batch = await take(consumer, 10);
    await Promise.all(batch.map((r, i) => consumer.acknowledge(r, i % 2 ? 'accept' : 'release')));
    const acks = broker.requests('acknowledge');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.request.topics[0]?.partitions[0]?.acknowledgementBatches).toEqual([
      { firstOffset: 0, lastOffset: 9, acknowledgeTypes: [2, 1, 2, 1, 2, 1, 2, 1, 2, 1] },
    ]);
  });

  it('after INVALID_SHARE_SESSION_EPOCH reopens with epoch 0 and sends pending acks afterwards, never on epoch 0', async () => {
    const { broker, consumer } = setup();
    const batch = await take(consumer, 3);
    broker.inject({ api: 'acknowledge', errorCode: 123 });
    await Promise.all(batch.map((r) => consumer.acknowledge(r, 'accept')));
    const epochZero = broker.sent.filter((s) => s.api !== 'heartbeat' && s.request.shareSessionEpoch === 0);
    expect(epochZero.length).toBeGreaterThanOrEqual(2); // first open, and the reopen
    for (const s of epochZero) {
      if (s.api === 'fetch')
        for (const t of s.request.topics)
          for (const p of t.partitions) expect(p.acknowledgementBatches).toEqual([]);
    }
    expect(broker.states(T, 0).slice(0, 3)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
  });

  it('RENEW goes on a ShareAcknowledge with IsRenewAck and resolves with the new lock expiry', async () => {
    const { broker, consumer } = setup();
    const [record] = await take(consumer, 1);
    const before = Date.now();
    const receipt = await consumer.acknowledge(record as DeliveredRecord, 'renew');
    expect(receipt.lockExpiresAt).toBeGreaterThanOrEqual(before + 30_000);
    const renew = broker.requests('acknowledge').find((a) => a.request.isRenewAck);
    expect(renew?.request.topics[0]?.partitions[0]?.acknowledgementBatches).toEqual([
      { firstOffset: 0, lastOffset: 0, acknowledgeTypes: [4] },
    ]);
  });

  it('reports INVALID_RECORD_STATE for an expired lock on that call only; the rest of the batch succeeds', async () => {
    const { broker, consumer } = setup();
    const got = await take(consumer, 4);
    broker.expireLock(T, 0, 2);
    const results = await Promise.allSettled(got.map((r) => consumer.acknowledge(r, 'accept')));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toMatchObject({ reason: { code: 'INVALID_RECORD_STATE', errorCode: 121 } });
    expect(broker.states(T, 0).slice(0, 4)).toEqual([
      'acknowledged',
      'acknowledged',
      'available',
      'acknowledged',
    ]);
  });

  it('acknowledges acquired offsets with no deliverable record as GAP', async () => {
    const broker = new FakeShareBroker();
    broker.addTopic(T, 1);
    broker.produce(T, 0, ['a', null, null, 'b']);
    const consumer = new KafkaShareConsumer(broker, { groupId: 'g', topics: [T], ackLingerMs: 0 });
    open.push(consumer);
    const got = await take(consumer, 2);
    expect(got.map((r) => r.offset)).toEqual([0, 3]);
    await Promise.all(got.map((r) => consumer.acknowledge(r, 'accept')));
    expect(broker.states(T, 0)).toEqual(['acknowledged', 'acknowledged', 'acknowledged', 'acknowledged']);
  });
});

describe('KafkaShareConsumer membership and faults', () => {
  it('joins with epoch 0 and its subscription, then heartbeats without it', async () => {
    const { broker, consumer } = setup();
    await take(consumer, 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const beats = broker.requests('heartbeat');
    expect(beats[0]?.request).toMatchObject({
      memberEpoch: 0,
      subscribedTopicNames: [T],
      memberId: consumer.memberId,
    });
    expect(consumer.memberId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(beats[1]?.request).toMatchObject({ memberEpoch: 1, subscribedTopicNames: null });
  });

  it('beats early while it holds no partitions, so an assignment that comes after the join is picked up at once', async () => {
    const { broker, consumer } = setup();
    // Like Kafka: the join answers with no partitions; the coordinator assigns them on the 3rd beat after it.
    broker.assignAfterBeats = 3;
    broker.heartbeatIntervalMs = 60_000;
    const got = await consumer.poll(1, { maxWaitMs: 10_000 });
    expect(got).toHaveLength(1);
    const beats = broker.requests('heartbeat');
    expect(beats.map((b) => b.request.memberEpoch)).toEqual([0, 1, 1, 1]);
    // Once assigned, the broker's interval rules again: no further beat for a while.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(broker.requests('heartbeat')).toHaveLength(4);
  });

  it('rejoins with epoch 0 and the same member id when fenced', async () => {
    const { broker, consumer } = setup();
    await take(consumer, 1);
    broker.inject({ api: 'heartbeat', errorCode: 110 });
    for (
      let i = 0;
      i < 100 && broker.requests('heartbeat').filter((b) => b.request.memberEpoch === 0).length < 2;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const joins = broker.requests('heartbeat').filter((b) => b.request.memberEpoch === 0);
    expect(joins).toHaveLength(2);
    expect(joins[1]?.request.memberId).toBe(consumer.memberId);
    expect(await take(consumer, 1)).toHaveLength(1);
  });

  it('rejoins when a fetch says the member is unknown', async () => {
    const { broker, consumer } = setup();
    await take(consumer, 1);
    broker.inject({ api: 'fetch', errorCode: 25 }); // UNKNOWN_MEMBER_ID
    const more = await take(consumer, 2);
    expect(more).toHaveLength(2);
    const joins = broker.requests('heartbeat').filter((b) => b.request.memberEpoch === 0);
    expect(joins.length).toBe(2);
    expect(new Set(joins.map((b) => b.request.memberId))).toEqual(new Set([consumer.memberId]));
  });

  it('survives a lost connection: reopens the session and keeps consuming', async () => {
    const { broker, consumer, errors } = setup();
    await take(consumer, 2);
    broker.inject({ api: 'fetch', error: connectionLost() });
    const more = await take(consumer, 3);
    expect(more).toHaveLength(3);
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('CONNECTION');
    const opens = broker.requests('fetch').filter((f) => f.request.shareSessionEpoch === 0);
    expect(opens.length).toBeGreaterThanOrEqual(2);
  });
});

describe('KafkaShareConsumer after the broker lost the share session', () => {
  const codeOf = (result: PromiseSettledResult<unknown>) =>
    result.status === 'rejected' ? (result.reason as { code?: string }).code : 'fulfilled';
  /** Acknowledgement batches sent (on fetches and ShareAcknowledges) from request `from` on. */
  const ackedOffsets = (broker: FakeShareBroker, from: number) => {
    const offsets: number[] = [];
    for (const s of broker.sent.slice(from)) {
      if (s.api === 'heartbeat') continue;
      for (const t of s.request.topics)
        for (const p of t.partitions)
          for (const b of p.acknowledgementBatches)
            for (let o = b.firstOffset; o <= b.lastOffset; o++) offsets.push(o);
    }
    return offsets;
  };

  it('fails acks of records acquired before a broker restart at once with INVALID_RECORD_STATE, never sending them', async () => {
    const { broker, consumer } = setup({ records: 6 });
    const before = await take(consumer, 3);
    broker.restart();
    // The next fetch meets SHARE_SESSION_NOT_FOUND, reopens, and the same offsets come back as new deliveries.
    const after = await take(consumer, 3);
    expect(after.map((r) => r.offset)).toEqual([0, 1, 2]);
    const sentBefore = broker.sent.length;
    const stale = await Promise.allSettled(before.map((r) => consumer.acknowledge(r, 'accept')));
    expect(stale.map(codeOf)).toEqual([
      'INVALID_RECORD_STATE',
      'INVALID_RECORD_STATE',
      'INVALID_RECORD_STATE',
    ]);
    expect(broker.states(T, 0).slice(0, 3)).toEqual(['acquired', 'acquired', 'acquired']);
    await Promise.all(after.map((r) => consumer.acknowledge(r, 'accept')));
    expect(broker.states(T, 0).slice(0, 3)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect(ackedOffsets(broker, sentBefore)).toEqual([0, 1, 2]); // each once, for the new deliveries only
  });

  it('fails the acks queued and in flight when the connection drops, instead of resending them on the new session', async () => {
    const { broker, consumer, errors } = setup({ records: 6 });
    const batch = await take(consumer, 3);
    const sentBefore = broker.sent.length;
    broker.inject({ api: 'acknowledge', error: connectionLost() });
    const results = await Promise.allSettled(batch.map((r) => consumer.acknowledge(r, 'accept')));
    expect(results.map(codeOf)).toEqual([
      'INVALID_RECORD_STATE',
      'INVALID_RECORD_STATE',
      'INVALID_RECORD_STATE',
    ]);
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('CONNECTION');
    // Sent once (the request that was cut), never again.
    expect(ackedOffsets(broker, sentBefore)).toEqual([0, 1, 2]);
    // A RENEW of a record of the lost session fails fast too; the consumer goes on with new deliveries.
    await expect(consumer.acknowledge(batch[0] as DeliveredRecord, 'renew')).rejects.toMatchObject({
      code: 'INVALID_RECORD_STATE',
    });
    const more = await take(consumer, 3);
    expect(more).toHaveLength(3);
    await Promise.all(more.map((r) => consumer.acknowledge(r, 'accept')));
  });

  it('fails RENEWs for the lost session promptly, also when the caller passes a copy of the record ref', async () => {
    const { broker, consumer } = setup({ records: 4 });
    const batch = await take(consumer, 2);
    const copy = (r: DeliveredRecord) => ({ topic: r.topic, partition: r.partition, offset: r.offset });
    broker.restart();
    // The RENEW meets SHARE_SESSION_NOT_FOUND: it is not retried on the reopened session.
    const first = await Promise.allSettled(batch.map((r) => consumer.acknowledge(copy(r), 'renew')));
    expect(first.map(codeOf)).toEqual(['INVALID_RECORD_STATE', 'INVALID_RECORD_STATE']);
    const renewsSent = broker.requests('acknowledge').filter((a) => a.request.isRenewAck).length;
    expect(renewsSent).toBe(1);
    // The next RENEW (a lock renewer retrying) fails without a request.
    const again = await Promise.allSettled(batch.map((r) => consumer.acknowledge(copy(r), 'renew')));
    expect(again.map(codeOf)).toEqual(['INVALID_RECORD_STATE', 'INVALID_RECORD_STATE']);
    expect(broker.requests('acknowledge').filter((a) => a.request.isRenewAck)).toHaveLength(renewsSent);
  });
});

describe('KafkaShareConsumer close', () => {
  it('flushes acks, releases what it still holds, closes the session with epoch -1 and leaves the group', async () => {
    const { broker, consumer } = setup();
    const got = await take(consumer, 4);
    void consumer.acknowledge(got[0] as DeliveredRecord, 'accept');
    const closing = consumer.close();
    expect(consumer.close()).toBe(closing);
    await closing;
    const states = broker.states(T, 0);
    expect(states[0]).toBe('acknowledged');
    expect(states.slice(1, 4)).toEqual(['available', 'available', 'available']);
    expect(broker.requests('acknowledge').at(-1)?.request.shareSessionEpoch).toBe(-1);
    expect(broker.requests('heartbeat').at(-1)?.request.memberEpoch).toBe(-1);
    await expect(consumer.poll(1)).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(consumer.acknowledge(got[1] as DeliveredRecord, 'accept')).rejects.toMatchObject({
      code: 'CLOSED',
    });
  });

  it('gives up on a broker that does not answer after closeTimeoutMs, failing the acks it held', async () => {
    const broker = new FakeShareBroker();
    broker.addTopic(T, 1);
    broker.produce(T, 0, ['a', 'b']);
    const consumer = new KafkaShareConsumer(broker, {
      groupId: 'g',
      topics: [T],
      ackLingerMs: 0,
      closeTimeoutMs: 50,
    });
    open.push(consumer);
    const got = await take(consumer, 2);
    broker.inject({ api: 'acknowledge', hang: true });
    const ack = consumer.acknowledge(got[0] as DeliveredRecord, 'accept');
    await new Promise((resolve) => setTimeout(resolve, 20)); // the ShareAcknowledge is on the wire
    await consumer.close();
    await expect(ack).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('resolves a waiting poll with [] when closed', async () => {
    const broker = new FakeShareBroker();
    broker.addTopic(T, 1);
    const consumer = new KafkaShareConsumer(broker, { groupId: 'g', topics: [T] });
    open.push(consumer);
    const waiting = consumer.poll(5, { maxWaitMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await consumer.close();
    expect(await waiting).toEqual([]);
  });
});

describe('KafkaShareConsumer errors', () => {
  it('fails polls with the typed error when the group answers a fatal code', async () => {
    const { broker, consumer } = setup();
    broker.inject({ api: 'heartbeat', errorCode: 30 }); // GROUP_AUTHORIZATION_FAILED
    await expect(consumer.poll(1, { maxWaitMs: 5000 })).rejects.toMatchObject({
      code: 'GROUP_AUTHORIZATION_FAILED',
      fatal: true,
    });
    await expect(consumer.poll(1)).rejects.toMatchObject({ code: 'GROUP_AUTHORIZATION_FAILED' });
  });

  it('reports undecodable records of one partition and still delivers the others', async () => {
    const broker = new FakeShareBroker();
    broker.addTopic(T, 2);
    broker.produce(T, 0, [CORRUPT]);
    broker.produce(T, 1, ['fine']);
    const errors: Error[] = [];
    const consumer = new KafkaShareConsumer(broker, {
      groupId: 'g',
      topics: [T],
      onError: (e) => errors.push(e),
    });
    open.push(consumer);
    const got = await take(consumer, 1, 10);
    expect(got.map((r) => [r.partition, r.value?.toString()])).toEqual([[1, 'fine']]);
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('DECODE');
  });

  it('rejects an acknowledgement for a partition it never delivered from', async () => {
    const { consumer } = setup();
    await expect(
      consumer.acknowledge({ topic: 'other', partition: 0, offset: 1 }, 'accept'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
