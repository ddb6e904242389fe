/**
 * The other TypeScript share consumer: @kafkats/client's ShareConsumer.runEach at concurrency 50, its
 * documented way to consume a share group (a record is ACCEPTed when its handler resolves; acks are
 * batched by the library). Each of the N consumers has its own KafkaClient, so its own connections, as
 * each Sharq consumer has its own lane. The span runs from consumer creation to the last record handled
 * plus stop() (which flushes the pending acks and leaves the group). Runs inside share-consume-proc.ts.
 */
import { KafkaClient, type ShareConsumer } from '@kafkats/client';
import { BenchError } from '../errors.js';
import { OffsetTally, type ShareConsumeConfig, type ShareConsumeResult } from './share-consume-protocol.js';

export const KAFKATS_VERSION = '0.12.0';
const CONCURRENCY = 50;

export async function kafkatsShareConsume(options: ShareConsumeConfig): Promise<ShareConsumeResult> {
  const { topic, group, records: total } = options;
  const tally = new OffsetTally(total);
  let firstAt = 0;
  let failure: Error | undefined;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const clients = Array.from(
    { length: options.consumers },
    (_, n) =>
      new KafkaClient({ brokers: options.brokers, clientId: `kafkats-bench-${n}`, logLevel: 'silent' }),
  );
  // Connecting is part of the span, as Sharq's consumer connects on its first poll.
  await Promise.all(clients.map((client) => client.connect()));
  const consumers: ShareConsumer[] = clients.map((client) => client.shareConsumer({ groupId: group }));
  let finish: () => void = () => {};
  const allSeen = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(() => {
    failure = new BenchError(
      'TIMEOUT',
      `@kafkats/client: ${tally.consumed}/${total} records after ${options.timeoutMs} ms`,
    );
    finish();
  }, options.timeoutMs);
  const runs = consumers.map((consumer) => {
    consumer.on('error', (error) => {
      failure ??= error;
    });
    return consumer
      .runEach(
        topic,
        async (message) => {
          if (firstAt === 0) firstAt = performance.now();
          tally.add(message.partition, Number(message.offset));
          if (tally.consumed >= total) finish();
        },
        { concurrency: CONCURRENCY },
      )
      .catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
        finish();
      });
  });
  try {
    await allSeen;
    await Promise.all(consumers.map((c) => c.stop()));
    const ended = performance.now();
    const cpu = process.cpuUsage(cpu0);
    await Promise.all(runs);
    if (failure && tally.consumed < total) throw failure;
    return {
      records: tally.consumed,
      duplicates: tally.duplicates,
      ackErrors: 0,
      ms: ended - started,
      steadyMs: ended - firstAt,
      cpuMicros: cpu.user + cpu.system,
    };
  } finally {
    clearTimeout(timer);
    await Promise.allSettled(consumers.map((c) => c.stop()));
    await Promise.allSettled(clients.map((c) => c.disconnect()));
  }
}
