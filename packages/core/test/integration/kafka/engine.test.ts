import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../../../src/client/errors.js';
import type { StoredRecord } from '../../../src/engine/engine.js';
import { ClosedError, ValidationError } from '../../../src/errors.js';
import { KafkaEngine } from '../../../src/kafka/engine.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KafkaEngine specifics (real broker)', () => {
  let engine: KafkaEngine;
  beforeAll(() => {
    engine = new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-engine-test' });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('validates options in the constructor, naming the path', () => {
    expect(() => new KafkaEngine({ brokers: ['nohostport'] })).toThrow(ValidationError);
    let error: unknown;
    try {
      new KafkaEngine({
        brokers: ['localhost:9092'],
        sasl: { mechanism: 'plain', username: '', password: 'x' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('kafka.sasl.username');
  });

  it('gives concurrent produce calls distinct, gap-free offsets in call order per partition', async () => {
    const topic = uniqueName('engine-offsets');
    await engine.ensureTopic({ name: topic, partitions: 3 });
    const calls = Array.from({ length: 20 }, (_, c) =>
      engine.produce(
        topic,
        Array.from({ length: 50 }, (_, i) => ({ key: `k${(c * 50 + i) % 7}`, value: `${c}:${i}` })),
      ),
    );
    const results = (await Promise.all(calls)).flat();
    expect(results).toHaveLength(1000);
    const stored = await engine.readTopic(topic);
    const byRef = new Map(stored.map((r) => [`${r.partition}:${r.offset}`, r.value?.toString()]));
    // Every returned (partition, offset) holds exactly the record that call sent at that index.
    let k = 0;
    for (let c = 0; c < 20; c++) {
      for (let i = 0; i < 50; i++) {
        const ref = results[k++]!;
        expect(byRef.get(`${ref.partition}:${ref.offset}`)).toBe(`${c}:${i}`);
      }
    }
    for (let p = 0; p < 3; p++) {
      const offsets = results
        .filter((r) => r.partition === p)
        .map((r) => r.offset)
        .sort((a, b) => a - b);
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
  });

  it('splits a call larger than one request and still answers every record its own offset, in order', async () => {
    const topic = uniqueName('engine-chunks');
    await engine.ensureTopic({ name: topic, partitions: 2 });
    // 2500 records (more than one request's worth) and a small call queued behind them.
    const big = engine.produce(
      topic,
      Array.from({ length: 2500 }, (_, i) => ({ partition: i % 2, value: `big:${i}` })),
    );
    const small = engine.produce(topic, [{ partition: 0, value: 'small' }]);
    const [bigRefs, smallRefs] = await Promise.all([big, small]);
    expect(bigRefs).toHaveLength(2500);
    const stored = await engine.readTopic(topic);
    const byRef = new Map(stored.map((r) => [`${r.partition}:${r.offset}`, r.value?.toString()]));
    bigRefs.forEach((ref, i) => {
      expect(ref.partition).toBe(i % 2);
      expect(ref.offset).toBe(Math.floor(i / 2));
      expect(byRef.get(`${ref.partition}:${ref.offset}`)).toBe(`big:${i}`);
    });
    expect(smallRefs).toEqual([{ topic, partition: 0, offset: 1250 }]);
  });

  it('rejects produce to a missing topic with UNKNOWN_TOPIC_OR_PARTITION (no auto-creation)', async () => {
    const error = await engine
      .produce(uniqueName('engine-missing'), [{ value: 'x' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect((error as KafkaProtocolError).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('reads thousands of records back in order, honouring fromOffsets and limit', async () => {
    const topic = uniqueName('engine-read');
    await engine.ensureTopic({ name: topic, partitions: 2 });
    for (let b = 0; b < 5; b++) {
      await engine.produce(
        topic,
        Array.from({ length: 1000 }, (_, i) => ({ value: `v${b * 1000 + i}`, partition: i % 2 })),
      );
    }
    const all = await engine.readTopic(topic);
    expect(all).toHaveLength(5000);
    expect(all.slice(0, 2500).every((r) => r.partition === 0)).toBe(true);
    expect(all.slice(0, 2500).map((r) => r.offset)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const some = await engine.readTopic(topic, { fromOffsets: { 0: 2499, 1: 2498 }, limit: 3 });
    expect(some.map((r) => [r.partition, r.offset])).toEqual([
      [0, 2499],
      [1, 2498],
      [1, 2499],
    ]);
  });

  it('tails a topic that is created after subscribing, from its first record', async () => {
    const topic = uniqueName('engine-tail-later');
    const seen: StoredRecord[] = [];
    const sub = engine.tail(topic, { from: 'latest' }, (records) => seen.push(...records));
    try {
      await sleep(300);
      await engine.ensureTopic({ name: topic, partitions: 1 });
      await engine.produce(topic, [{ value: 'first' }, { value: 'second' }]);
      const deadline = Date.now() + 10_000;
      while (seen.length < 2 && Date.now() < deadline) await sleep(100);
      expect(seen.map((r) => r.value?.toString())).toEqual(['first', 'second']);
    } finally {
      await sub.close();
    }
  });

  it('close() is idempotent and later calls fail with ClosedError', async () => {
    const other = new KafkaEngine({ brokers: testBrokers() });
    const topic = uniqueName('engine-close');
    await other.ensureTopic({ name: topic, partitions: 1 });
    await other.produce(topic, [{ value: 'x' }]);
    const tail = other.tail(topic, { from: 'earliest' }, () => {});
    await Promise.all([other.close(), other.close()]);
    await other.close();
    await tail.close();
    expect(() => other.produce(topic, [{ value: 'y' }])).toThrow(ClosedError);
    await expect(other.readTopic(topic)).rejects.toBeInstanceOf(ClosedError);
  });
});
