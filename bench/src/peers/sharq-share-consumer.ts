/**
 * Our KIP-932 share consumer (its public API: a Cluster and createKafkaShareConsumer, what KafkaEngine
 * builds) consuming a whole topic and ACCEPTing every record, the way ShareConsumerPerformance does with
 * implicit acks: N consumers, poll(500) like Java's max.poll.records, in the acquire mode the config names.
 * The span runs from consumer creation (connection and group join included) to the last confirmed
 * ACCEPT. Runs inside share-consume-proc.ts.
 */
import { Cluster, createKafkaShareConsumer } from '@sharq/core';
import { BenchError } from '../errors.js';
import { waitFor } from '../util/time.js';
import { OffsetTally, type ShareConsumeConfig, type ShareConsumeResult } from './share-consume-protocol.js';

export async function sharqShareConsume(options: ShareConsumeConfig): Promise<ShareConsumeResult> {
  const { topic, group, records: total } = options;
  const cluster = new Cluster({ brokers: options.brokers, clientId: 'sharq-bench' });
  const tally = new OffsetTally(total);
  let acked = 0;
  let ackErrors = 0;
  let firstAt = 0;
  const onAcked = () => {
    acked++;
  };
  const onAckError = () => {
    ackErrors++;
  };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  await cluster.connect();
  const consumers = Array.from({ length: options.consumers }, () =>
    createKafkaShareConsumer(cluster, {
      groupId: group,
      topics: [topic],
      acquireMode: options.acquireMode ?? 'batch_optimized',
    }),
  );
  try {
    await Promise.all(
      consumers.map(async (consumer) => {
        while (tally.consumed < total) {
          if (performance.now() > deadline) {
            throw new BenchError(
              'TIMEOUT',
              `share consumer: ${tally.consumed}/${total} records after ${options.timeoutMs} ms`,
            );
          }
          const batch = await consumer.poll(500, { maxWaitMs: 1_000 });
          if (batch.length > 0 && firstAt === 0) firstAt = performance.now();
          for (const record of batch) {
            tally.add(record.partition, record.offset);
            consumer.acknowledge(record, 'accept').then(onAcked, onAckError);
          }
        }
      }),
    );
    const delivered = tally.consumed + tally.duplicates;
    await waitFor('acknowledgements', () => acked + ackErrors >= delivered, 60_000, 2);
    const ended = performance.now();
    const cpu = process.cpuUsage(cpu0);
    return {
      records: tally.consumed,
      duplicates: tally.duplicates,
      ackErrors,
      ms: ended - started,
      steadyMs: ended - firstAt,
      cpuMicros: cpu.user + cpu.system,
    };
  } finally {
    await Promise.all(consumers.map((c) => c.close()));
    await cluster.close();
  }
}
