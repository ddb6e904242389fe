import type { Kafka, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { EngineProducer } from '../../src/kafka/producer.js';

/** A kafkajs stand-in that holds each sendBatch until released, so later calls queue behind it. */
function fakeKafka() {
  const requests: { bytes: number; records: number }[] = [];
  const releases: (() => void)[] = [];
  const producer = {
    connect: async () => {},
    disconnect: async () => {},
    sendBatch: (batch: ProducerBatch): Promise<RecordMetadata[]> => {
      let bytes = 0;
      let records = 0;
      for (const { messages } of batch.topicMessages ?? []) {
        for (const m of messages) {
          records++;
          bytes += Buffer.byteLength(m.value as Buffer);
        }
      }
      requests.push({ bytes, records });
      return new Promise((resolve) => {
        releases.push(() => resolve([{ topicName: 'events', partition: 0, errorCode: 0, baseOffset: '0' }]));
      });
    },
  } as unknown as Producer;
  const kafka = { producer: () => producer } as unknown as Kafka;
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { kafka, requests, releaseAll };
}

const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

describe('EngineProducer coalescing', () => {
  it('never merges queued calls into a request above the byte bound, however many callers', async () => {
    const { kafka, requests, releaseAll } = fakeKafka();
    const producer = new EngineProducer(kafka, async () => 1);
    const record = { value: Buffer.alloc(256 * 1024) };
    // One call goes out; eight more (2 MiB) queue behind it, as four event publishers would.
    const calls = Array.from({ length: 9 }, () => producer.produce('events', [record]));
    for (let i = 0; i < 20 && calls.length > 0; i++) {
      await flushMicrotasks();
      releaseAll();
    }
    await Promise.all(calls);
    expect(requests.reduce((sum, r) => sum + r.records, 0)).toBe(9);
    for (const request of requests) expect(request.bytes).toBeLessThanOrEqual(768 * 1024);
    // Still coalesced: fewer requests than calls.
    expect(requests.length).toBeLessThan(9);
  });
});
