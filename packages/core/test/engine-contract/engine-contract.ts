import { uniqueName } from '@sharq/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Engine,
  ShareConsumer,
  ShareGroupConfig,
  StoredRecord,
  Subscription,
} from '../../src/engine/engine.js';
import { BROKER_DLQ_HEADERS, BROKER_DLQ_REASONS } from '../../src/share/admin/broker-dlq.js';
import { eventually, pollAtLeast, sleep, text, totalLag } from './helpers.js';

export interface ContractOptions {
  /** share.record.lock.duration.ms for the groups the suite creates (Kafka allows ≥ 1000 on the dev broker). */
  lockDurationMs?: number;
  /** How long a case waits for something that should happen "soon" (a join, a DLQ write). */
  settleMs?: number;
}

/**
 * The Engine contract: what the job layer relies on, run against every engine (embedded and Kafka)
 * with real time. Every case uses its own topic and group.
 */
export function runEngineContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: ContractOptions = {},
): void {
  const lockMs = options.lockDurationMs ?? 2000;
  const settleMs = options.settleMs ?? 10_000;
  const caseTimeout = 3 * lockMs + 2 * settleMs;

  describe(`Engine contract: ${label}`, { timeout: caseTimeout }, () => {
    let engine: Engine;
    const open: { close(): Promise<void> }[] = [];

    beforeAll(async () => {
      engine = await makeEngine();
    });
    afterEach(async () => {
      for (const item of open.splice(0)) await item.close();
    });
    afterAll(async () => {
      await engine?.close();
    });

    const consumer = (groupId: string, topic: string): ShareConsumer => {
      const created = engine.createShareConsumer({ groupId, topics: [topic], clientId: 'contract' });
      open.push(created);
      return created;
    };
    const keep = (subscription: Subscription): Subscription => {
      open.push(subscription);
      return subscription;
    };
    /** A fresh topic and a share group reading it from the earliest offset. */
    const setup = async (partitions = 1, config: ShareGroupConfig = {}) => {
      const topic = uniqueName('contract');
      const group = uniqueName('contract-g');
      await engine.ensureTopic({ name: topic, partitions });
      await engine.configureShareGroup(group, {
        autoOffsetReset: 'earliest',
        lockDurationMs: lockMs,
        ...config,
      });
      return { topic, group };
    };
    const produceValues = (topic: string, values: string[]) =>
      engine.produce(
        topic,
        values.map((value) => ({ value })),
      );

    it('round-trips records through produce and readTopic (keys, headers, partitions, timestamps)', async () => {
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

    it('gives many consumers of one partition distinct records, each delivered exactly once', async () => {
      const { topic, group } = await setup(1);
      const total = 200;
      await produceValues(
        topic,
        Array.from({ length: total }, (_, i) => `r${i}`),
      );
      const consumers = Array.from({ length: 4 }, () => consumer(group, topic));
      const seen: string[] = [];
      const perConsumer = new Map<ShareConsumer, number>();
      const deadline = Date.now() + settleMs + 5000;
      await Promise.all(
        consumers.map(async (c) => {
          while (seen.length < total && Date.now() < deadline) {
            const records = await c.poll(10, { maxWaitMs: 500 });
            for (const record of records) {
              expect(record.deliveryCount).toBe(1);
              seen.push(text(record.value)!);
              perConsumer.set(c, (perConsumer.get(c) ?? 0) + 1);
              await c.acknowledge(record, 'accept');
            }
          }
        }),
      );
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      await eventually('lag 0', settleMs, async () =>
        (await totalLag(engine, group, topic)) === 0 ? true : undefined,
      );
    });

    it('never returns more records than asked', async () => {
      const { topic, group } = await setup(2);
      await produceValues(
        topic,
        Array.from({ length: 30 }, (_, i) => String(i)),
      );
      const c = consumer(group, topic);
      let received = 0;
      const deadline = Date.now() + settleMs;
      while (received < 30 && Date.now() < deadline) {
        const records = await c.poll(3, { maxWaitMs: 500 });
        expect(records.length).toBeLessThanOrEqual(3);
        for (const record of records) await c.acknowledge(record, 'accept');
        received += records.length;
      }
      expect(received).toBe(30);
    });

    it('redelivers a RELEASEd record with deliveryCount 2', async () => {
      const { topic, group } = await setup(1);
      await produceValues(topic, ['a']);
      const c = consumer(group, topic);
      const [first] = await pollAtLeast(c, 1, settleMs);
      expect(first?.deliveryCount).toBe(1);
      await c.acknowledge(first!, 'release');
      const [again] = await pollAtLeast(c, 1, settleMs);
      expect(again?.offset).toBe(first!.offset);
      expect(again?.deliveryCount).toBe(2);
      await c.acknowledge(again!, 'accept');
    });

    it('never delivers a REJECTed record again, and lag reaches 0 once everything is settled', async () => {
      const { topic, group } = await setup(1);
      await produceValues(topic, ['bad']);
      const c = consumer(group, topic);
      const [bad] = await pollAtLeast(c, 1, settleMs);
      await c.acknowledge(bad!, 'reject');
      await produceValues(topic, ['good']);
      const later = await pollAtLeast(c, 1, settleMs);
      expect(later.map((r) => text(r.value))).toEqual(['good']);
      await c.acknowledge(later[0]!, 'accept');
      expect(await c.poll(10, { maxWaitMs: 300 })).toEqual([]);
      await eventually('lag 0', settleMs, async () =>
        (await totalLag(engine, group, topic)) === 0 ? true : undefined,
      );
      const [offsets] = await engine.describeShareGroupOffsets(group, [topic]);
      expect(offsets).toMatchObject({ topic, partition: 0, startOffset: 2, endOffset: 2, lag: 0 });
    });

    it('redelivers a record whose lock expired, and rejects the late acknowledgement with INVALID_RECORD_STATE', async () => {
      const { topic, group } = await setup(1);
      await produceValues(topic, ['slow']);
      const a = consumer(group, topic);
      const [held] = await pollAtLeast(a, 1, settleMs);
      expect(held!.lockExpiresAt).toBeGreaterThan(Date.now());
      await sleep(lockMs + 500);
      await expect(a.acknowledge(held!, 'accept')).rejects.toMatchObject({ code: 'INVALID_RECORD_STATE' });
      const b = consumer(group, topic);
      const [again] = await pollAtLeast(b, 1, settleMs);
      expect(again?.offset).toBe(held!.offset);
      expect(again?.deliveryCount).toBe(2);
      await b.acknowledge(again!, 'accept');
    });

    it('keeps a RENEWed record past the lock duration', async () => {
      const { topic, group } = await setup(1);
      await produceValues(topic, ['long']);
      const a = consumer(group, topic);
      const [held] = await pollAtLeast(a, 1, settleMs);
      const b = consumer(group, topic);
      const until = Date.now() + lockMs * 1.6;
      let lastExpiry = held!.lockExpiresAt;
      while (Date.now() < until) {
        await sleep(lockMs / 3);
        const receipt = await a.acknowledge(held!, 'renew');
        expect(receipt.lockExpiresAt).toBeGreaterThanOrEqual(lastExpiry);
        lastExpiry = receipt.lockExpiresAt ?? lastExpiry;
        expect(await b.poll(5, { maxWaitMs: 50 })).toEqual([]);
      }
      await a.acknowledge(held!, 'accept');
      expect(await b.poll(5, { maxWaitMs: 300 })).toEqual([]);
    });

    it('archives a record at the delivery limit and writes it to the group dead-letter topic', async () => {
      const deadLetterTopic = uniqueName('dlq.contract');
      const { topic, group } = await setup(1, {
        deliveryCountLimit: 2,
        deadLetterTopic,
        deadLetterCopyRecord: true,
      });
      await engine.produce(topic, [{ key: 'k', value: 'poison', headers: { orig: 'x' } }]);
      const c = consumer(group, topic);
      for (const expected of [1, 2]) {
        const [record] = await pollAtLeast(c, 1, settleMs);
        expect(record?.deliveryCount).toBe(expected);
        await c.acknowledge(record!, 'release');
      }
      expect(await c.poll(10, { maxWaitMs: 300 })).toEqual([]);
      const [dead] = await eventually('DLQ record', settleMs, async () => {
        const count = await engine.partitionCount(deadLetterTopic);
        if (count === undefined) return undefined;
        const records = await engine.readTopic(deadLetterTopic);
        return records.length > 0 ? records : undefined;
      });
      expect(text(dead!.value)).toBe('poison');
      expect(text(dead!.key)).toBe('k');
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.topic])).toBe(topic);
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.partition])).toBe('0');
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.offset])).toBe('0');
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.group])).toBe(group);
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.deliveryCount])).toBe('2');
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.message])).toBe(BROKER_DLQ_REASONS.deliveryCountExceeded);
      expect(dead!.headers.orig).toBeUndefined();
      await eventually('lag 0', settleMs, async () =>
        (await totalLag(engine, group, topic)) === 0 ? true : undefined,
      );
    });

    it('writes a REJECTed record to the dead-letter topic without its payload unless copy is on', async () => {
      const deadLetterTopic = uniqueName('dlq.contract');
      const { topic, group } = await setup(1, { deadLetterTopic });
      await produceValues(topic, ['nope']);
      const c = consumer(group, topic);
      const [record] = await pollAtLeast(c, 1, settleMs);
      await c.acknowledge(record!, 'reject');
      const [dead] = await eventually('DLQ record', settleMs, async () => {
        if ((await engine.partitionCount(deadLetterTopic)) === undefined) return undefined;
        const records = await engine.readTopic(deadLetterTopic);
        return records.length > 0 ? records : undefined;
      });
      expect(dead!.value).toBeNull();
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.message])).toBe(BROKER_DLQ_REASONS.rejected);
      expect(text(dead!.headers[BROKER_DLQ_HEADERS.deliveryCount])).toBe('1');
    });

    it('returns the records of a closed consumer to the others, the attempt counting', async () => {
      const { topic, group } = await setup(1);
      await produceValues(topic, ['x', 'y']);
      const a = consumer(group, topic);
      const held = await pollAtLeast(a, 2, settleMs);
      expect(held).toHaveLength(2);
      await a.close();
      const b = consumer(group, topic);
      const again = await pollAtLeast(b, 2, settleMs);
      expect(again.map((r) => r.deliveryCount)).toEqual([2, 2]);
      for (const record of again) await b.acknowledge(record, 'accept');
    });

    it('describes the share group members and their assignment', async () => {
      const { topic, group } = await setup(2);
      const c = consumer(group, topic);
      await c.poll(1, { maxWaitMs: 200 });
      // The assignment arrives with a heartbeat on Kafka: wait until the member owns both partitions.
      const description = await eventually('member assigned', settleMs, async () => {
        const d = await engine.describeShareGroup(group);
        const member = d.members.find((m) => m.memberId === c.memberId);
        const partitions = member?.assignment.flatMap((a) => a.partitions) ?? [];
        return partitions.length === 2 ? d : undefined;
      });
      expect(description.groupId).toBe(group);
      const member = description.members.find((m) => m.memberId === c.memberId)!;
      expect(
        member.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort() })),
      ).toEqual([{ topic, partitions: [0, 1] }]);
    });

    it('tails a topic: from latest sees only new records, from earliest sees everything', async () => {
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

    it('runs a classic group consumer in order and re-delivers a retryAt record no earlier than asked', async () => {
      const { topic } = await setup(1);
      await produceValues(topic, ['first', 'second']);
      const seen: { value: string; at: number }[] = [];
      let retryAt = 0;
      keep(
        engine.runGroupConsumer({
          groupId: uniqueName('contract-cg'),
          topics: [topic],
          onRecord: async (record) => {
            const value = text(record.value)!;
            seen.push({ value, at: Date.now() });
            if (value === 'first' && retryAt === 0) {
              retryAt = Date.now() + 800;
              return { kind: 'retryAt', at: retryAt };
            }
            return { kind: 'done' };
          },
        }),
      );
      await eventually('both processed', settleMs, async () => (seen.length >= 3 ? true : undefined));
      expect(seen.map((s) => s.value)).toEqual(['first', 'first', 'second']);
      expect(seen[1]!.at).toBeGreaterThanOrEqual(retryAt - 20);
    });

    it('truncates a topic: readTopic returns nothing below the old end, new records still flow', async () => {
      const { topic } = await setup(1);
      await produceValues(topic, ['a', 'b']);
      await engine.truncateTopic(topic);
      expect(await engine.readTopic(topic)).toEqual([]);
      const [produced] = await produceValues(topic, ['c']);
      expect(produced?.offset).toBe(2);
      const records = await engine.readTopic(topic);
      expect(records.map((r) => text(r.value))).toEqual(['c']);
    });
  });
}
