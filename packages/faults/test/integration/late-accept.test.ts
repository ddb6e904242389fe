/**
 * Found by the zombie scenario (measured on Kafka 4.4.0): a late ACCEPT is refused with INVALID_RECORD_STATE
 * only while the redelivered record is still in flight. Once another member ACCEPTed it and the
 * share-partition start offset (SPSO) moved past it, the broker answers the late ACCEPT with success (it
 * skips acknowledgements below the SPSO), so the zombie cannot tell and reports 'completed'. Sharq is
 * at-least-once; the ledger counts such jobs as duplicates. If a Kafka release changes this, the second
 * case fails and the guarantees section of the README should be updated.
 */
import { type DeliveredRecord, KafkaEngine, type ShareConsumer } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LOCK_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pollOne(consumer: ShareConsumer): Promise<DeliveredRecord> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [record] = await consumer.poll(1, { maxWaitMs: 1000 });
    if (record) return record;
  }
  throw new Error('no record delivered within 20 s');
}

describe('late ACCEPT after redelivery (Kafka share groups)', () => {
  let engine: KafkaEngine;
  const open: ShareConsumer[] = [];
  beforeAll(() => {
    engine = new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-faults-late-accept' });
  });
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => {});
    await engine.close();
  });

  async function setup(): Promise<{ topic: string; group: string; a: ShareConsumer }> {
    const topic = uniqueName('late-accept');
    const group = uniqueName('late-accept-g');
    await engine.ensureTopic({ name: topic, partitions: 1 });
    await engine.configureShareGroup(group, { autoOffsetReset: 'earliest', lockDurationMs: LOCK_MS });
    await engine.produce(topic, [{ value: Buffer.from('job') }]);
    const a = engine.createShareConsumer({ groupId: group, topics: [topic], clientId: 'zombie' });
    open.push(a);
    return { topic, group, a };
  }

  it('refuses the zombie ACCEPT while the redelivered record is still held by the other member', async () => {
    const { topic, group, a } = await setup();
    const held = await pollOne(a);
    await sleep(LOCK_MS + 500);
    const b = engine.createShareConsumer({ groupId: group, topics: [topic], clientId: 'healthy' });
    open.push(b);
    const again = await pollOne(b);
    expect(again.offset).toBe(held.offset);
    await expect(a.acknowledge(held, 'accept')).rejects.toMatchObject({ code: 'INVALID_RECORD_STATE' });
    await b.acknowledge(again, 'accept');
  }, 60_000);

  it('answers the zombie ACCEPT with success once the other member ACCEPTed the record (SPSO moved past it)', async () => {
    const { topic, group, a } = await setup();
    const held = await pollOne(a);
    await sleep(LOCK_MS + 500);
    const b = engine.createShareConsumer({ groupId: group, topics: [topic], clientId: 'healthy' });
    open.push(b);
    const again = await pollOne(b);
    await b.acknowledge(again, 'accept');
    const [offsets] = await engine.describeShareGroupOffsets(group, [topic]);
    expect(offsets?.startOffset).toBeGreaterThan(held.offset);
    await expect(a.acknowledge(held, 'accept')).resolves.toBeDefined();
  }, 60_000);
});
