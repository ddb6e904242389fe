/**
 * Our KIP-932 share consumer (through KafkaEngine, as Sharq uses it) consuming a whole topic and ACCEPTing
 * every record, the way ShareConsumerPerformance does with implicit acks: N consumers, poll(500) like
 * Java's max.poll.records. The rate counts from consumer creation (group join included) to the last
 * confirmed ACCEPT, the same span the Java tool measures.
 */
import type { KafkaEngine } from '@sharq/core';
import { BenchError } from '../errors.js';
import { waitFor } from '../util/time.js';

export interface SharqShareResult {
  recordsPerSec: number;
  /** From the first delivered record, i.e. without the group join. */
  steadyPerSec: number;
  records: number;
  duplicates: number;
  ackErrors: number;
  cpuMs: number;
  ms: number;
}

export async function sharqShareConsume(options: {
  engine: KafkaEngine;
  topic: string;
  group: string;
  records: number;
  consumers: number;
  timeoutMs: number;
}): Promise<SharqShareResult> {
  const { engine, topic, group, records: total } = options;
  await engine.configureShareGroup(group, { autoOffsetReset: 'earliest' });
  const seen = new Map<number, Uint8Array>();
  let consumed = 0;
  let duplicates = 0;
  let acked = 0;
  let ackErrors = 0;
  let firstAt = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const consumers = Array.from({ length: options.consumers }, () =>
    engine.createShareConsumer({ groupId: group, topics: [topic] }),
  );
  try {
    await Promise.all(
      consumers.map(async (consumer) => {
        while (consumed < total) {
          if (performance.now() > deadline) {
            throw new BenchError(
              'TIMEOUT',
              `share consumer: ${consumed}/${total} records after ${options.timeoutMs} ms`,
            );
          }
          const batch = await consumer.poll(500, { maxWaitMs: 1_000 });
          if (batch.length > 0 && firstAt === 0) firstAt = performance.now();
          for (const record of batch) {
            let bits = seen.get(record.partition);
            if (!bits) {
              bits = new Uint8Array(total + 1);
              seen.set(record.partition, bits);
            }
            if (record.offset < bits.length && bits[record.offset]) duplicates++;
            else {
              if (record.offset < bits.length) bits[record.offset] = 1;
              consumed++;
            }
            consumer.acknowledge(record, 'accept').then(
              () => {
                acked++;
              },
              () => {
                ackErrors++;
              },
            );
          }
        }
      }),
    );
    await waitFor('acknowledgements', () => acked + ackErrors >= consumed + duplicates, 60_000, 2);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    return {
      recordsPerSec: (consumed / ms) * 1000,
      steadyPerSec: (consumed / (performance.now() - firstAt)) * 1000,
      records: consumed,
      duplicates,
      ackErrors,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ms,
    };
  } finally {
    await Promise.all(consumers.map((c) => c.close()));
  }
}
