import { expect, it } from 'vitest';
import type { ContractContext } from '../context.js';
import { eventually, pollAtLeast, sleep, text, totalLag } from '../helpers.js';

/** Share-group delivery: distinct records across consumers, poll bounds, RELEASE/REJECT/expiry/RENEW, close, describe. */
export function shareDeliveryCases(ctx: ContractContext): void {
  it('gives many consumers of one partition distinct records, each delivered exactly once', async () => {
    const { engine, setup, consumer, produceValues, settleMs } = ctx;
    const { topic, group } = await setup(1);
    const total = 200;
    await produceValues(
      topic,
      Array.from({ length: total }, (_, i) => `r${i}`),
    );
    const consumers = Array.from({ length: 4 }, () => consumer(group, topic));
    const seen: string[] = [];
    const deadline = Date.now() + settleMs + 5000;
    await Promise.all(
      consumers.map(async (c) => {
        while (seen.length < total && Date.now() < deadline) {
          const records = await c.poll(10, { maxWaitMs: 500 });
          for (const record of records) {
            expect(record.deliveryCount).toBe(1);
            seen.push(text(record.value)!);
          }
          // Settle the batch concurrently, as a worker does (acks are batched on the wire).
          await Promise.all(records.map((record) => c.acknowledge(record, 'accept')));
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
    const { setup, consumer, produceValues, settleMs } = ctx;
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
      await Promise.all(records.map((record) => c.acknowledge(record, 'accept')));
      received += records.length;
    }
    expect(received).toBe(30);
  });
  it('redelivers a RELEASEd record with deliveryCount 2', async () => {
    const { setup, consumer, produceValues, settleMs } = ctx;
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
    const { engine, setup, consumer, produceValues, settleMs } = ctx;
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
    const { setup, consumer, produceValues, lockMs, settleMs } = ctx;
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
    const { setup, consumer, produceValues, lockMs, settleMs } = ctx;
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
  it('returns the records of a closed consumer to the others, the attempt counting', async () => {
    const { setup, consumer, produceValues, settleMs } = ctx;
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
    const { engine, setup, consumer, settleMs } = ctx;
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
    expect(member.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort() }))).toEqual([
      { topic, partitions: [0, 1] },
    ]);
  });

  it('resolves an empty poll with [] after maxWaitMs, and at once when aborted', async () => {
    const { setup, consumer } = ctx;
    const { topic, group } = await setup(1);
    const c = consumer(group, topic);
    expect(await c.poll(5, { maxWaitMs: 300 })).toEqual([]);
    const controller = new AbortController();
    const pending = c.poll(5, { maxWaitMs: 600_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toEqual([]);
  });

  it('lets two consumers hold disjoint records of one partition at the same time', async () => {
    const { setup, consumer, produceValues, settleMs } = ctx;
    const { topic, group } = await setup(1);
    await produceValues(
      topic,
      Array.from({ length: 10 }, (_, i) => `r${i}`),
    );
    const a = consumer(group, topic);
    const b = consumer(group, topic);
    const heldByA = await pollAtLeast(a, 1, settleMs, 5);
    expect(heldByA.length).toBeLessThanOrEqual(5);
    const heldByB = await pollAtLeast(b, 1, settleMs, 5);
    const offsetsA = new Set(heldByA.map((r) => r.offset));
    expect(heldByB.some((r) => offsetsA.has(r.offset))).toBe(false);
    await Promise.all(heldByA.map((r) => a.acknowledge(r, 'accept')));
    await Promise.all(heldByB.map((r) => b.acknowledge(r, 'accept')));
  });
}
