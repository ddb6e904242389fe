import { uniqueName } from '@sharq/testkit';
import { expect, it } from 'vitest';
import { BROKER_DLQ_HEADERS, BROKER_DLQ_REASONS } from '../../../src/share/admin/broker-dlq.js';
import type { ContractContext } from '../context.js';
import { eventually, pollAtLeast, text, totalLag } from '../helpers.js';

/** Broker-side dead-lettering (KIP-1191): records archived by the delivery limit or REJECT land on the group DLQ topic. */
export function deadLetterCases(ctx: ContractContext): void {
  it('archives a record at the delivery limit and writes it to the group dead-letter topic', async () => {
    const { engine, setup, consumer, settleMs } = ctx;
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
    const { engine, setup, consumer, produceValues, settleMs } = ctx;
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
}
