/**
 * Delivery-count exhaustion (KIP-932) and the broker-side dead-letter queue (KIP-1191, Kafka 4.4 with
 * share.version=2): a record released until the group's share.delivery.count.limit is archived, never
 * delivered again, and the broker writes it to the group's DLQ topic (auto-created on the dev broker).
 */
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../../src/engine/engine.js';
import { type ShareFixture, shareFixture, text } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DlqMessage {
  value: string | null;
  headers: Record<string, string>;
}

async function readDlq(fx: ShareFixture, topic: string, timeoutMs: number): Promise<DlqMessage[]> {
  const admin = fx.kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline) return [];
      await sleep(250);
    }
  } finally {
    await admin.disconnect();
  }
  const consumer = fx.kafka.consumer({ groupId: uniqueName('dlq-reader') });
  const messages: DlqMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        messages.push({ value: message.value?.toString() ?? null, headers });
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (messages.length === 0 && Date.now() < deadline) await sleep(200);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

describe('share consumer: delivery limit and DLQ', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('archives a record at the delivery-count limit and the broker writes it to the DLQ topic', async () => {
    const dlq = `dlq.${uniqueName('sc')}`;
    fx = await shareFixture({
      prefix: 'dlq',
      group: { lockDurationMs: 1000, deliveryCountLimit: 2, deadLetterTopic: dlq },
    });
    await fx.produce(['poison', 'healthy']);
    const consumer = fx.consumer();
    const deliveries: DeliveredRecord[] = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      for (const r of await consumer.poll(10, { maxWaitMs: 500 })) {
        deliveries.push(r);
        await consumer.acknowledge(r, text(r) === 'poison' ? 'release' : 'accept');
      }
    }
    const poison = deliveries.filter((r) => text(r) === 'poison').map((r) => r.deliveryCount);
    expect(poison).toEqual([1, 2]); // then archived: no third delivery
    expect(deliveries.filter((r) => text(r) === 'healthy').length).toBe(1);

    const dead = await readDlq(fx, dlq, 20_000);
    console.log('DLQ records:', JSON.stringify(dead, null, 1));
    expect(dead.length).toBeGreaterThanOrEqual(1);
    expect(dead[0]?.headers).toMatchObject({
      '__dlq.errors.topic': fx.topic,
      '__dlq.errors.partition': '0',
      '__dlq.errors.offset': '0',
      '__dlq.errors.group': fx.groupId,
    });
  }, 60_000);
});
