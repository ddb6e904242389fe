import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupVerdict, StoredRecord, Subscription } from '../../../src/engine/engine.js';
import { KafkaEngine } from '../../../src/kafka/engine.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(
  what: string,
  timeoutMs: number,
  check: () => boolean | Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

interface Handed {
  member: string;
  partition: number;
  offset: number;
  at: number;
  /** The verdict was given while the member still owned the partition. */
  counted?: boolean;
  doneAt?: number;
}

/**
 * The windowed group consumer through rebalances on the real broker: out-of-order completion, a member
 * joining and one leaving while records are in flight. Nothing may be skipped; what moves is handed to
 * the new owner. Latencies and duplicates are printed for the report, not asserted.
 */
describe('windowed runGroupConsumer on Kafka (rebalances)', { timeout: 120_000 }, () => {
  let engine: KafkaEngine;
  beforeAll(() => {
    engine = new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-windowed-test' });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('finishes every record of two partitions exactly where it should while members join and leave', async () => {
    const topic = uniqueName('windowed');
    const groupId = uniqueName('windowed-g');
    await engine.ensureTopic({ name: topic, partitions: 2 });
    const perPartition = 1000;
    await engine.produce(
      topic,
      Array.from({ length: 2 * perPartition }, (_, i) => ({ value: String(i), partition: i % 2 })),
    );
    const handed: Handed[] = [];
    const aborted: Handed[] = [];
    const errors: Error[] = [];
    const member = (name: string): Subscription =>
      engine.runGroupConsumer({
        groupId,
        topics: [topic],
        maxInFlightPerPartition: 10,
        onRecord: async (record: StoredRecord, signal): Promise<GroupVerdict> => {
          const entry: Handed = {
            member: name,
            partition: record.partition,
            offset: record.offset,
            at: Date.now(),
          };
          handed.push(entry);
          signal.addEventListener('abort', () => aborted.push(entry), { once: true });
          // Out-of-order completion, 50..130 ms each: ~10 s per partition, so the rebalances hit records in flight.
          await sleep(50 + ((record.offset * 7919) % 81));
          entry.counted = !signal.aborted;
          entry.doneAt = Date.now();
          return { kind: 'done' };
        },
        onError: (error) => errors.push(error),
      });

    const a = member('a');
    await until('a under way', 30_000, () => handed.length >= 100);
    const joinedAt = Date.now();
    const b = member('b');
    await until('b gets a record', 30_000, () => handed.some((h) => h.member === 'b'));
    const bFirst = handed.find((h) => h.member === 'b')!.at - joinedAt;
    await until('b under way', 30_000, () => handed.filter((h) => h.member === 'b').length >= 50);
    const leftAt = Date.now();
    await a.close();
    const bPartitions = () =>
      new Set(handed.filter((h) => h.member === 'b' && h.at >= leftAt).map((h) => h.partition));
    await until('b owns both partitions', 30_000, () => bPartitions().size === 2);
    const takeover = Math.max(
      ...[0, 1].map(
        (p) => handed.find((h) => h.member === 'b' && h.partition === p && h.at >= leftAt)?.at ?? Infinity,
      ),
    );
    await until('everything committed', 60_000, async () => {
      const lags = await engine.describeGroupOffsets(groupId, [topic]);
      return lags.every((l) => l.startOffset === perPartition && l.lag === 0);
    });
    await b.close();

    // A fresh broker may still be loading the group's coordinator (retriable, kafkajs retries): only others fail.
    const retriable = (e: Error) => (e.cause as { retriable?: unknown } | undefined)?.retriable === true;
    expect(errors.filter((e) => !retriable(e))).toEqual([]);
    // Nothing skipped: every offset got a verdict from a member that still owned its partition.
    for (const partition of [0, 1]) {
      const counted = new Set(
        handed.filter((h) => h.partition === partition && h.counted).map((h) => h.offset),
      );
      expect(counted.size, `partition ${partition}`).toBe(perPartition);
    }
    // Every record whose ownership aborted while it was in flight was handed again, to b.
    for (const lost of aborted.filter((h) => h.member === 'a' && !h.counted)) {
      expect(
        handed.some((h) => h.member === 'b' && h.partition === lost.partition && h.offset === lost.offset),
      ).toBe(true);
    }
    const inFlightAtClose = handed.filter(
      (h) => h.member === 'a' && h.at <= leftAt && (h.doneAt ?? Number.POSITIVE_INFINITY) > leftAt,
    ).length;
    const seen = new Map<string, number>();
    for (const h of handed)
      seen.set(`${h.partition}@${h.offset}`, (seen.get(`${h.partition}@${h.offset}`) ?? 0) + 1);
    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    process.stderr.write(
      `[windowed] b's first record ${bFirst} ms after it started; b had both partitions ${takeover - leftAt} ms ` +
        `after a.close() began; ${handed.length} hand-outs for ${2 * perPartition} records, ${duplicates} handed more ` +
        `than once, ${aborted.filter((h) => h.member === 'a' && !h.counted).length} aborted in flight at a ` +
        `(${inFlightAtClose} in flight when it closed); ` +
        `errors: ${errors.map((e) => e.message).join(' | ') || 'none'}\n`,
    );
  });
});
