import { afterEach, describe, expect, it, vi } from 'vitest';
import { KafkaProtocolError } from '../../src/client/errors.js';
import { BrokerConnectionError } from '../../src/client/connection.js';
import type { OutgoingRecord } from '../../src/engine/engine.js';
import { partitionForKey } from '../../src/engine/murmur2.js';
import { ClosedError, ConnectionError } from '../../src/errors.js';
import { ProduceError } from '../../src/produce/errors.js';
import {
  DELIVERY_TIMEOUT_MS,
  KafkaProducer,
  MAX_ROUND_BYTES,
  MAX_ROUND_RECORDS,
} from '../../src/produce/producer.js';
import { FakeProduceCluster, type SentProduce } from './fake-produce-cluster.js';

const NOT_LEADER_OR_FOLLOWER = 6;
const MESSAGE_TOO_LARGE = 10;
const NOT_ENOUGH_REPLICAS = 19;
const OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
const UNKNOWN_PRODUCER_ID = 59;

function producerOn(fake: FakeProduceCluster, retryBackoffMaxMs = 5): KafkaProducer {
  return new KafkaProducer({
    cluster: fake.cluster,
    requestTimeoutMs: 1_000,
    retryBackoffMs: 1,
    retryBackoffMaxMs,
  });
}

/** Lets queued produce() calls get past their metadata look-up and into the queue. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Holds the fake's next produce request, starts a first call, waits until it is in flight. */
async function roundInFlight(
  fake: FakeProduceCluster,
  producer: KafkaProducer,
  topic: string,
  records: OutgoingRecord[] = [{ partition: 0, value: 'first' }],
) {
  fake.hold();
  const first = producer.produce(topic, records);
  await vi.waitFor(() => expect(fake.produces).toHaveLength(1));
  // Wrapped: an async function returning the promise itself would wait for it.
  return { first };
}

function valueBytes(p: SentProduce): number {
  let bytes = 0;
  for (const b of p.batches) for (const r of b.batch.records) bytes += r.value?.length ?? 0;
  return bytes;
}

function recordCount(p: SentProduce): number {
  return p.batches.reduce((n, b) => n + b.batch.records.length, 0);
}

describe('KafkaProducer: coalescing rounds', () => {
  it('sends calls made while a round is in flight together in the next round', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    const { first } = await roundInFlight(fake, producer, 't');
    const later = Array.from({ length: 5 }, (_, c) =>
      producer.produce('t', [{ value: `c${c}:0` }, { value: `c${c}:1` }]),
    );
    await settle();
    expect(fake.produces).toHaveLength(1); // nothing else goes out while the round is in flight
    fake.release();
    await Promise.all([first, ...later]);
    // Six calls, two requests: the five queued calls went out as one batch, in call order.
    expect(fake.produces).toHaveLength(2);
    const second = fake.produces[1]!;
    expect(second.batches).toHaveLength(1);
    expect(second.batches[0]!.batch.records.map((r) => r.value?.toString())).toEqual(
      Array.from({ length: 5 }, (_, c) => [`c${c}:0`, `c${c}:1`]).flat(),
    );
  });

  it('keeps every round within MAX_ROUND_BYTES however many callers queue (nine 256 KiB calls)', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    const big = 'x'.repeat(256 * 1024);
    const { first } = await roundInFlight(fake, producer, 't', [{ value: big }]);
    const later = Array.from({ length: 9 }, () => producer.produce('t', [{ value: big }]));
    await settle();
    fake.release();
    await Promise.all([first, ...later]);
    for (const p of fake.produces) expect(valueBytes(p)).toBeLessThanOrEqual(MAX_ROUND_BYTES);
    // 1 + 9 calls; 768 KiB fits three 256 KiB calls per round: 1 + 3 + 3 + 3 requests.
    expect(fake.produces.map(recordCount)).toEqual([1, 3, 3, 3]);
    expect(fake.produces.length).toBeLessThan(10);
  });

  it('keeps every round within MAX_ROUND_RECORDS', async () => {
    const fake = new FakeProduceCluster();
    fake.addTopic('t', 2, [0, 0]); // one leader: one request per round
    const producer = producerOn(fake);
    const { first } = await roundInFlight(fake, producer, 't');
    const later = Array.from({ length: 7 }, (_, c) =>
      producer.produce(
        't',
        Array.from({ length: 300 }, (_, i) => ({ partition: i % 2, value: `${c}:${i}` })),
      ),
    );
    await settle();
    fake.release();
    await Promise.all([first, ...later]);
    for (const p of fake.produces) expect(recordCount(p)).toBeLessThanOrEqual(MAX_ROUND_RECORDS);
    // 7 × 300 records: rounds of 900, 900, 300 after the first one.
    expect(fake.produces.map(recordCount)).toEqual([1, 900, 900, 300]);
  });

  it('counts UTF-8 bytes, not UTF-16 length, against MAX_ROUND_BYTES (non-ASCII strings)', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    // 128 Ki '€' is 384 KiB in UTF-8: alone far below a 1 MiB max.message.bytes, four together are not.
    const euro = '€'.repeat(128 * 1024);
    const { first } = await roundInFlight(fake, producer, 't');
    const later = Array.from({ length: 4 }, () => producer.produce('t', [{ value: euro }]));
    await settle();
    fake.release();
    await Promise.all([first, ...later]);
    for (const p of fake.produces) expect(valueBytes(p)).toBeLessThanOrEqual(MAX_ROUND_BYTES);
  });
});

describe('KafkaProducer: offsets', () => {
  it('answers each record base offset + its index in the partition batch, across calls, keys and partitions', async () => {
    const fake = new FakeProduceCluster({
      topics: { t: 3 },
      firstOffset: (_topic, partition) => 100 * (partition + 1) + 7,
    });
    const producer = producerOn(fake);
    const { first } = await roundInFlight(fake, producer, 't', [{ partition: 1, value: 'first' }]);
    const calls: OutgoingRecord[][] = [
      [
        { partition: 0, value: 'a0' },
        { key: 'user-1', value: 'a1' },
        { partition: 2, value: 'a2' },
        { key: Buffer.from([1, 2, 3]), value: 'a3' },
      ],
      [
        { key: 'user-1', value: 'b0' },
        { partition: 0, value: 'b1' },
        { key: 'user-2', value: 'b2' },
      ],
      Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `c${i}` })),
    ];
    const pending = calls.map((records) => producer.produce('t', records));
    await settle();
    fake.release();
    const [firstRefs, ...results] = await Promise.all([first, ...pending]);
    expect(firstRefs).toEqual([{ topic: 't', partition: 1, offset: 207 }]);
    // The three calls went out in one round (one request per leader).
    expect(fake.produces.length).toBeLessThanOrEqual(3);
    results.forEach((refs, c) => {
      const records = calls[c]!;
      expect(refs).toHaveLength(records.length);
      refs.forEach((ref, i) => {
        const record = records[i]!;
        expect(ref.topic).toBe('t');
        if (record.partition !== undefined) expect(ref.partition).toBe(record.partition);
        else {
          const key = typeof record.key === 'string' ? Buffer.from(record.key) : (record.key as Buffer);
          expect(ref.partition).toBe(partitionForKey(key, 3));
        }
        expect(fake.recordAt('t', ref.partition, ref.offset)?.value?.toString()).toBe(record.value);
      });
    });
    // Offsets per partition are contiguous from the partition's first offset: nothing skipped, nothing shared.
    const all = [firstRefs!, ...results].flat();
    for (let p = 0; p < 3; p++) {
      const offsets = all
        .filter((r) => r.partition === p)
        .map((r) => r.offset)
        .sort((a, b) => a - b);
      expect(offsets).toEqual(offsets.map((_, i) => 100 * (p + 1) + 7 + i));
    }
  });

  it('splits a call larger than MAX_ROUND_RECORDS and answers its offsets in order', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 2 }, firstOffset: () => 50 });
    const producer = producerOn(fake);
    const n = 2 * MAX_ROUND_RECORDS + 500;
    const records = Array.from({ length: n }, (_, i) => ({ partition: i % 2, value: `big:${i}` }));
    const small = { partition: 0, value: 'small' };
    const [refs, smallRefs] = await Promise.all([
      producer.produce('t', records),
      producer.produce('t', [small]),
    ]);
    expect(refs).toHaveLength(n);
    refs.forEach((ref, i) => {
      expect(ref.partition).toBe(i % 2);
      expect(ref.offset).toBe(50 + Math.floor(i / 2));
      expect(fake.recordAt('t', ref.partition, ref.offset)?.value?.toString()).toBe(`big:${i}`);
    });
    // The small call was queued after every chunk of the big one.
    expect(smallRefs).toEqual([{ topic: 't', partition: 0, offset: 50 + n / 2 }]);
    for (const p of fake.produces) expect(recordCount(p)).toBeLessThanOrEqual(MAX_ROUND_RECORDS);
  });

  it('returns [] for no records without a request, and refuses calls after close()', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    expect(await producer.produce('t', [])).toEqual([]);
    expect(fake.produces).toHaveLength(0);
    const pending = producer.produce('t', [{ value: 'before close' }]);
    await settle();
    await producer.close();
    await expect(pending).resolves.toEqual([{ topic: 't', partition: 0, offset: 0 }]);
    await expect(producer.produce('t', [{ value: 'after' }])).rejects.toBeInstanceOf(ClosedError);
  });
});

describe('KafkaProducer: close()', () => {
  it('stops retrying a round that keeps failing: its calls fail with the last error at once', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    fake.always.set('t/0', 6);
    const producer = producerOn(fake);
    const pending = producer.produce('t', [{ value: 'stuck' }]);
    const outcome = pending.then(
      () => 'written',
      (error: unknown) => error,
    );
    while (fake.produces.length < 2) await settle();
    const started = Date.now();
    await producer.close();
    const error = await outcome;
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect((error as KafkaProtocolError).code).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(Date.now() - started).toBeLessThan(DELIVERY_TIMEOUT_MS / 10);
  });
});

describe('KafkaProducer: sequences', () => {
  it('numbers successive batches of a partition 0, n, n+m under one producer id', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 2 } });
    const producer = producerOn(fake);
    await producer.produce(
      't',
      Array.from({ length: 3 }, (_, i) => ({ partition: 0, value: `a${i}` })),
    );
    await producer.produce(
      't',
      Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `b${i}` })),
    );
    await producer.produce('t', [{ partition: 1, value: 'other' }]);
    await producer.produce(
      't',
      Array.from({ length: 2 }, (_, i) => ({ partition: 0, value: `c${i}` })),
    );
    const p0 = fake.batchesOf('t', 0).map((b) => b.batch);
    expect(p0.map((b) => b.baseSequence)).toEqual([0, 3, 8]);
    expect(fake.batchesOf('t', 1).map((b) => b.batch.baseSequence)).toEqual([0]);
    expect(new Set(p0.map((b) => b.producerId))).toEqual(new Set([1000]));
    expect(p0.every((b) => b.producerEpoch === 0)).toBe(true);
    expect(fake.initProducerIds).toHaveLength(1);
    expect(fake.initProducerIds[0]!.transactionalId).toBeNull();
  });

  it('re-sends a batch refused with NOT_LEADER_OR_FOLLOWER with the same id, epoch and sequence, after refreshing metadata', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 2 } });
    const producer = producerOn(fake);
    await producer.produce('t', [
      { partition: 0, value: 'warm-up' },
      { partition: 0, value: 'warm-up' },
    ]);
    fake.script('t', 0, NOT_LEADER_OR_FOLLOWER, NOT_LEADER_OR_FOLLOWER);
    const refs = await producer.produce('t', [
      { partition: 0, value: 'x' },
      { partition: 1, value: 'y' },
    ]);
    expect(refs.map((r) => r.offset)).toEqual([2, 0]);
    const p0 = fake.batchesOf('t', 0);
    expect(p0.map((b) => b.answered)).toEqual([0, NOT_LEADER_OR_FOLLOWER, NOT_LEADER_OR_FOLLOWER, 0]);
    const [, ...tries] = p0.map((b) => b.batch);
    for (const b of tries) {
      expect({ id: b.producerId, epoch: b.producerEpoch, seq: b.baseSequence }).toEqual({
        id: 1000,
        epoch: 0,
        seq: 2,
      });
    }
    // Partition 1 was written on the first try and is not sent again.
    expect(fake.batchesOf('t', 1)).toHaveLength(1);
    expect(fake.refreshes).toContainEqual(['t']);
    // The next batch continues after the retried one: its sequence was taken once.
    await producer.produce('t', [{ partition: 0, value: 'z' }]);
    expect(fake.batchesOf('t', 0).at(-1)!.batch.baseSequence).toBe(3);
    expect(fake.initProducerIds).toHaveLength(1);
  });

  it('re-sends after a lost connection (recoverFrom true) with the same id, epoch and sequence', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    await producer.produce('t', [{ value: 'warm-up' }]);
    fake.throwOnProduce.push(new ConnectionError('socket closed'));
    const refs = await producer.produce('t', [{ value: 'a' }, { value: 'b' }]);
    expect(refs.map((r) => r.offset)).toEqual([1, 2]);
    expect(fake.recovered).toHaveLength(1);
    expect(fake.recovered[0]).toBeInstanceOf(ConnectionError);
    const [, lost, resent] = fake.batchesOf('t', 0).map((b) => b.batch);
    expect(lost!.baseSequence).toBe(1);
    expect({ id: resent!.producerId, epoch: resent!.producerEpoch, seq: resent!.baseSequence }).toEqual({
      id: lost!.producerId,
      epoch: lost!.producerEpoch,
      seq: lost!.baseSequence,
    });
    expect(fake.initProducerIds).toHaveLength(1);
  });

  it('waits for a partition without a leader (re-reading metadata) and then writes it', async () => {
    const fake = new FakeProduceCluster();
    fake.addTopic('t', 2, [-1, 1]);
    fake.refreshMetadata = async (names?: string[]) => {
      fake.refreshes.push(names);
      if (fake.refreshes.length === 3) fake.addTopic('t', 2, [0, 1]); // elected on the third look
    };
    const refs = await producerOn(fake).produce('t', [
      { partition: 0, value: 'a' },
      { partition: 1, value: 'b' },
    ]);
    expect(refs.map((r) => [r.partition, r.offset])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(fake.refreshes.length).toBeGreaterThanOrEqual(3);
    expect(fake.batchesOf('t', 0).map((b) => b.batch.baseSequence)).toEqual([0]);
    expect(fake.batchesOf('t', 1)).toHaveLength(1); // written once, not re-sent while 0 waited
  });

  it('fails the calls of a send whose error recoverFrom refuses, without retrying', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    fake.recoverAnswer = () => false;
    const producer = producerOn(fake);
    const boom = new Error('not retriable');
    fake.throwOnProduce.push(boom);
    await expect(producer.produce('t', [{ value: 'a' }])).rejects.toBe(boom);
    expect(fake.produces).toHaveLength(1);
  });

  it('retries a round whose InitProducerId lost its connection (BrokerConnectionError, as Cluster.send throws)', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 1 } });
    const producer = producerOn(fake);
    fake.throwOnInit.push(new BrokerConnectionError('127.0.0.1:9092', 'connection closed', true));
    await expect(producer.produce('t', [{ value: 'a' }])).resolves.toEqual([
      { topic: 't', partition: 0, offset: 0 },
    ]);
    expect(fake.initProducerIds).toHaveLength(2);
  });

  it.each([
    ['UNKNOWN_PRODUCER_ID', UNKNOWN_PRODUCER_ID],
    ['OUT_OF_ORDER_SEQUENCE_NUMBER', OUT_OF_ORDER_SEQUENCE_NUMBER],
  ])(
    '%s: asks for a new producer id and re-sends the batch under it from sequence 0',
    async (_name, code) => {
      const fake = new FakeProduceCluster({ topics: { t: 2 } });
      const producer = producerOn(fake);
      await producer.produce('t', [
        { partition: 0, value: 'a' },
        { partition: 0, value: 'b' },
        { partition: 1, value: 'c' },
      ]);
      fake.script('t', 0, code);
      const refs = await producer.produce('t', [
        { partition: 0, value: 'd' },
        { partition: 0, value: 'e' },
      ]);
      expect(refs.map((r) => r.offset)).toEqual([2, 3]);
      expect(fake.initProducerIds).toHaveLength(2);
      const [, refused, resent] = fake.batchesOf('t', 0).map((b) => b.batch);
      expect({ id: refused!.producerId, seq: refused!.baseSequence }).toEqual({ id: 1000, seq: 2 });
      expect({ id: resent!.producerId, seq: resent!.baseSequence }).toEqual({ id: 1001, seq: 0 });
      // Every partition starts over under the new id.
      await producer.produce('t', [{ partition: 1, value: 'f' }]);
      expect(fake.batchesOf('t', 1).at(-1)!.batch).toMatchObject({ producerId: 1001, baseSequence: 0 });
      await producer.produce('t', [{ partition: 0, value: 'g' }]);
      expect(fake.batchesOf('t', 0).at(-1)!.batch).toMatchObject({ producerId: 1001, baseSequence: 2 });
    },
  );
});

describe('KafkaProducer: refused batches', () => {
  it('MESSAGE_TOO_LARGE fails exactly the calls with records in that batch; the sequence is given back', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 2 } });
    const producer = producerOn(fake);
    const { first } = await roundInFlight(fake, producer, 't', [
      { partition: 0, value: 'p0-a' },
      { partition: 0, value: 'p0-b' },
    ]);
    const onlyRefused = producer.produce('t', [{ partition: 0, value: 'too large' }]);
    const onlyOther = producer.produce('t', [{ partition: 1, value: 'fine' }]);
    const both = producer.produce('t', [
      { partition: 1, value: 'fine too' },
      { partition: 0, value: 'refused with the batch' },
    ]);
    await settle();
    fake.script('t', 0, 0, MESSAGE_TOO_LARGE); // the held first batch is written, the next one refused
    fake.release();
    await first;
    const [refusedA, other, refusedB] = await Promise.allSettled([onlyRefused, onlyOther, both]);
    for (const outcome of [refusedA, refusedB]) {
      expect(outcome!.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(KafkaProtocolError);
      expect(error.code).toBe('MESSAGE_TOO_LARGE');
      expect(error.errorCode).toBe(MESSAGE_TOO_LARGE);
    }
    expect(other).toEqual({ status: 'fulfilled', value: [{ topic: 't', partition: 1, offset: 0 }] });
    const p0 = fake.batchesOf('t', 0);
    expect(p0.map((b) => [b.answered, b.batch.baseSequence, b.batch.records.length])).toEqual([
      [0, 0, 2],
      [MESSAGE_TOO_LARGE, 2, 2],
    ]);
    // The refused batch was not retried, and its sequences are free again.
    const next = await producer.produce('t', [{ partition: 0, value: 'after' }]);
    expect(next).toEqual([{ topic: 't', partition: 0, offset: 2 }]);
    expect(fake.batchesOf('t', 0).at(-1)!.batch.baseSequence).toBe(2);
    expect(fake.initProducerIds).toHaveLength(1);
  });

  it('explicit partition out of range: ProduceError (PRODUCE_FAILED) after re-reading the metadata', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 3 } });
    const producer = producerOn(fake);
    const error = await producer.produce('t', [{ partition: 3, value: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProduceError);
    expect((error as ProduceError).code).toBe('PRODUCE_FAILED');
    expect(fake.refreshes).toContainEqual(['t']);
    expect(fake.produces).toHaveLength(0);
  });

  it('explicit partition beyond the cached count that the re-read metadata has: written there', async () => {
    const fake = new FakeProduceCluster({ topics: { t: 2 } });
    const producer = producerOn(fake);
    await producer.produce('t', [{ value: 'x' }]);
    // Another process grew the topic: the fake's metadata shows it once re-read.
    fake.refreshMetadata = async (names?: string[]) => {
      fake.refreshes.push(names);
      fake.addTopic('t', 4);
    };
    await expect(producer.produce('t', [{ partition: 3, value: 'y' }])).resolves.toEqual([
      { topic: 't', partition: 3, offset: 0 },
    ]);
  });
});

describe('KafkaProducer: delivery timeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails the calls with the last error once a retriable error has not cleared for DELIVERY_TIMEOUT_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    const fake = new FakeProduceCluster({ topics: { t: 2 } });
    const producer = producerOn(fake, 1_000);
    fake.always.set('t/0', NOT_LEADER_OR_FOLLOWER);
    const stuck = producer.produce('t', [{ partition: 0, value: 'stuck' }]);
    const outcome = stuck.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const fine = producer.produce('t', [{ partition: 1, value: 'fine' }]);
    // A few tries answer NOT_LEADER_OR_FOLLOWER, then the broker keeps saying NOT_ENOUGH_REPLICAS.
    await vi.advanceTimersByTimeAsync(3_000);
    fake.always.set('t/0', NOT_ENOUGH_REPLICAS);
    await vi.advanceTimersByTimeAsync(DELIVERY_TIMEOUT_MS - 5_000);
    let settled = false;
    void outcome.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false); // still retrying before the delivery timeout
    const triesBefore = fake.batchesOf('t', 0).length;
    expect(triesBefore).toBeGreaterThan(10);
    await vi.advanceTimersByTimeAsync(5_000);
    const result = await outcome;
    expect('error' in result).toBe(true);
    const error = (result as { error: KafkaProtocolError }).error;
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect(error.code).toBe('NOT_ENOUGH_REPLICAS');
    // Every try was the same batch: same id and sequence.
    expect(new Set(fake.batchesOf('t', 0).map((b) => b.batch.baseSequence))).toEqual(new Set([0]));
    await expect(fine).resolves.toEqual([{ topic: 't', partition: 1, offset: 0 }]);
    // The producer goes on: a later batch on another partition is written.
    fake.always.delete('t/0');
    const after = producer.produce('t', [{ partition: 1, value: 'later' }]);
    await vi.advanceTimersByTimeAsync(10);
    await expect(after).resolves.toEqual([{ topic: 't', partition: 1, offset: 1 }]);
  });
});
