/**
 * KafkaEngine.produce on our own idempotent producer, against a real broker: offsets the broker confirms,
 * a batch refused for its size, and bytes that round-trip exactly.
 */
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../../../src/client/errors.js';
import type { OutgoingRecord, ProducedRecord, StoredRecord } from '../../../src/engine/engine.js';
import { partitionForKey } from '../../../src/engine/murmur2.js';
import { KafkaEngine } from '../../../src/kafka/engine.js';

const asBytes = (value: Buffer | string | null | undefined): Buffer | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? Buffer.from(value, 'utf8')
      : value;

function byRef(stored: StoredRecord[]): Map<string, StoredRecord> {
  return new Map(stored.map((r) => [`${r.partition}:${r.offset}`, r]));
}

/** The stored record at each reported (partition, offset) is the record sent, byte for byte. */
function expectStoredAsSent(
  stored: Map<string, StoredRecord>,
  sent: readonly OutgoingRecord[],
  refs: readonly ProducedRecord[],
  topic: string,
): void {
  expect(refs).toHaveLength(sent.length);
  refs.forEach((ref, i) => {
    const record = sent[i] as OutgoingRecord;
    expect(ref.topic).toBe(topic);
    const found = stored.get(`${ref.partition}:${ref.offset}`);
    expect(found, `record ${i} at ${ref.partition}:${ref.offset}`).toBeDefined();
    expect(found!.value).toEqual(asBytes(record.value));
    expect(found!.key).toEqual(asBytes(record.key));
    const headers = Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([name, value]) => [name, asBytes(value)]),
    );
    expect(found!.headers).toEqual(headers);
    if (record.timestamp !== undefined) expect(found!.timestamp).toBe(record.timestamp);
  });
}

describe('KafkaProducer through KafkaEngine.produce (real broker)', () => {
  let engine: KafkaEngine;
  beforeAll(() => {
    engine = new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-producer-test' });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('gives 5 concurrent keyed calls to a 3-partition topic the offsets readTopic finds them at', async () => {
    const topic = uniqueName('produce-offsets');
    await engine.ensureTopic({ name: topic, partitions: 3 });
    const base = Date.now() - 60_000;
    const calls: OutgoingRecord[][] = Array.from({ length: 5 }, (_, c) =>
      Array.from({ length: 7 + c }, (_, i) => ({
        key: c % 2 === 0 ? `customer-${(c * 7 + i) % 5}` : Buffer.from(`customer-${(c * 7 + i) % 5}`),
        value: `call ${c} record ${i}`,
        headers: { call: String(c), index: Buffer.from([i]) },
        timestamp: base + c * 100 + i,
      })),
    );
    const refs = await Promise.all(calls.map((records) => engine.produce(topic, records)));
    const stored = await engine.readTopic(topic);
    expect(stored).toHaveLength(calls.flat().length);
    const index = byRef(stored);
    calls.forEach((records, c) => {
      expectStoredAsSent(index, records, refs[c] as ProducedRecord[], topic);
      (refs[c] as ProducedRecord[]).forEach((ref, i) => {
        expect(ref.partition).toBe(partitionForKey(asBytes(records[i]!.key) as Buffer, 3));
      });
    });
    // No two records share a (partition, offset), and each partition's offsets are gap-free from 0.
    const all = refs.flat();
    expect(new Set(all.map((r) => `${r.partition}:${r.offset}`)).size).toBe(all.length);
    for (let p = 0; p < 3; p++) {
      const offsets = all
        .filter((r) => r.partition === p)
        .map((r) => r.offset)
        .sort((a, b) => a - b);
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
  });

  it('rejects a record above max.message.bytes with MESSAGE_TOO_LARGE; the partition takes later records', async () => {
    const topic = uniqueName('produce-too-large');
    await engine.ensureTopic({ name: topic, partitions: 2, configs: { 'max.message.bytes': '10000' } });
    const before = await engine.produce(topic, [
      { partition: 1, value: 'before 1' },
      { partition: 1, value: 'before 2' },
    ]);
    expect(before.map((r) => [r.partition, r.offset])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    const error = await engine
      .produce(topic, [{ partition: 1, value: 'x'.repeat(20_000) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect((error as KafkaProtocolError).code).toBe('MESSAGE_TOO_LARGE');
    // The refused batch's sequences were given back: the next batch on that partition is written.
    const after = await engine.produce(topic, [{ partition: 1, value: 'after' }]);
    expect(after).toEqual([{ topic, partition: 1, offset: 2 }]);
    const other = await engine.produce(topic, [{ partition: 0, value: 'other partition' }]);
    expect(other).toEqual([{ topic, partition: 0, offset: 0 }]);
    const stored = await engine.readTopic(topic);
    expect(stored.filter((r) => r.partition === 1).map((r) => r.value?.toString())).toEqual([
      'before 1',
      'before 2',
      'after',
    ]);
  });

  it('writes concurrent calls that each fit max.message.bytes, non-ASCII strings included (rounds count UTF-8 bytes)', async () => {
    const topic = uniqueName('produce-utf8-rounds');
    await engine.ensureTopic({ name: topic, partitions: 1 });
    // 128 Ki '€' is 384 KiB in UTF-8, well below the default 1 MiB max.message.bytes; the calls made while
    // the first is in flight go out in one round, which must still stay below it.
    const euro = '€'.repeat(128 * 1024);
    const refs = await Promise.all(Array.from({ length: 4 }, () => engine.produce(topic, [{ value: euro }])));
    expect(
      refs
        .flat()
        .map((r) => r.offset)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3]);
  });

  it('round-trips string and Buffer values, keys and headers byte-exactly, non-ASCII included', async () => {
    const topic = uniqueName('produce-bytes');
    await engine.ensureTopic({ name: topic, partitions: 2 });
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const records: OutgoingRecord[] = [
      { key: 'ключ', value: 'héllo wörld € 𝄞 中文 🙂' },
      { key: Buffer.from([0xff, 0xfe, 0x00, 0x80]), value: everyByte },
      { key: '鍵', value: Buffer.from('bytes that are UTF-8: ñ', 'utf8') },
      { value: '' },
      { value: Buffer.alloc(0), key: '' },
      { value: null, key: 'tombstone-ü' },
      {
        partition: 1,
        value: '\u0000\uFFFD lone surrogate-free \u00e9',
        headers: { hé: 'wört', bin: everyByte },
      },
      { key: 'k'.repeat(1000), value: 'ö'.repeat(50_000) },
    ];
    const refs = await engine.produce(topic, records);
    const stored = await engine.readTopic(topic);
    expect(stored).toHaveLength(records.length);
    expectStoredAsSent(byRef(stored), records, refs, topic);
  });
});
