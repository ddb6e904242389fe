import { uniqueName } from '@sharq/testkit';
import { expect, it } from 'vitest';
import type { StoredRecord } from '../../../src/engine/engine.js';
import type { ContractContext } from '../context.js';
import { eventually, sleep, text } from '../helpers.js';

/** Topics: produce/read round trips, partitioning, tail, truncation. */
export function topicCases(ctx: ContractContext): void {
  it('round-trips records through produce and readTopic (keys, headers, partitions, timestamps)', async () => {
    const { engine, setup } = ctx;
    const { topic } = await setup(3);
    expect(await engine.partitionCount(topic)).toBe(3);
    expect(await engine.partitionCount(uniqueName('missing'))).toBeUndefined();
    const produced = await engine.produce(topic, [
      {
        key: 'k1',
        value: 'v1',
        headers: { a: 'x', b: Buffer.from([0, 1, 2]) },
        partition: 2,
        timestamp: 1_700_000_000_000,
      },
      { key: Buffer.from('k2'), value: Buffer.from('v2'), partition: 2 },
      { value: null, partition: 0 },
    ]);
    expect(produced.map((p) => [p.partition, p.offset])).toEqual([
      [2, 0],
      [2, 1],
      [0, 0],
    ]);
    const records = await engine.readTopic(topic);
    expect(records).toHaveLength(3);
    const first = records.find((r) => r.partition === 2 && r.offset === 0)!;
    expect(text(first.key)).toBe('k1');
    expect(text(first.value)).toBe('v1');
    expect(text(first.headers.a)).toBe('x');
    expect([...(first.headers.b ?? [])]).toEqual([0, 1, 2]);
    expect(first.timestamp).toBe(1_700_000_000_000);
    expect(records.find((r) => r.partition === 0)!.value).toBeNull();
    expect(await engine.readTopic(topic, { fromOffsets: { 2: 1 }, limit: 10 })).toHaveLength(2);
    expect(await engine.readTopic(topic, { limit: 1 })).toHaveLength(1);
  });
  it('keeps records with the same key on one partition and grows topics without shrinking', async () => {
    const { engine, setup } = ctx;
    const { topic } = await setup(4);
    const produced = await engine.produce(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ key: 'same-key', value: String(i) })),
    );
    expect(new Set(produced.map((p) => p.partition)).size).toBe(1);
    await engine.ensureTopic({ name: topic, partitions: 4 });
    await engine.ensureTopic({ name: topic, partitions: 2 });
    expect(await engine.partitionCount(topic)).toBe(4);
  });
  it('tails a topic: from latest sees only new records, from earliest sees everything', async () => {
    const { engine, setup, keep, produceValues, settleMs } = ctx;
    const { topic } = await setup(2);
    await produceValues(topic, ['old']);
    const fromLatest: StoredRecord[] = [];
    const fromEarliest: StoredRecord[] = [];
    keep(engine.tail(topic, { from: 'latest' }, (records) => fromLatest.push(...records)));
    keep(engine.tail(topic, { from: 'earliest' }, (records) => fromEarliest.push(...records)));
    // A tail may take a moment to find the end (a group join on Kafka): probe until the latest-tail is live.
    await eventually('latest tail live', settleMs, async () => {
      if (fromLatest.length > 0) return true;
      await produceValues(topic, ['probe']);
      await sleep(300);
      return undefined;
    });
    await produceValues(topic, ['new1', 'new2']);
    const values = (records: StoredRecord[]) =>
      records.map((r) => text(r.value)).filter((v) => v !== 'probe');
    await eventually('tails caught up', settleMs, async () =>
      values(fromLatest).length >= 2 && values(fromEarliest).length >= 3 ? true : undefined,
    );
    expect(values(fromLatest).sort()).toEqual(['new1', 'new2']);
    expect(values(fromEarliest).sort()).toEqual(['new1', 'new2', 'old']);
  });
  it('truncates a topic: readTopic returns nothing below the old end, new records still flow', async () => {
    const { engine, setup, produceValues } = ctx;
    const { topic } = await setup(1);
    await produceValues(topic, ['a', 'b']);
    await engine.truncateTopic(topic);
    expect(await engine.readTopic(topic)).toEqual([]);
    const [produced] = await produceValues(topic, ['c']);
    expect(produced?.offset).toBe(2);
    const records = await engine.readTopic(topic);
    expect(records.map((r) => text(r.value))).toEqual(['c']);
  });
}
