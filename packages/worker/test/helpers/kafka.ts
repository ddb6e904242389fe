import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '../../src/index.js';

export interface KafkaQueueSettings {
  lockDurationMs?: number;
  deliveryCountLimit?: number;
  partitions?: number;
}

/** One unique queue on the test broker, with a Queue and a factory for workers sharing its group settings. */
export function kafkaQueue(settings: KafkaQueueSettings = {}) {
  const connection = { brokers: testBrokers(), clientId: 'sharq-worker-it' };
  const name = uniqueName('wit');
  const group = {
    lockDurationMs: settings.lockDurationMs ?? 2_000,
    deliveryCountLimit: settings.deliveryCountLimit ?? 10,
    partitions: settings.partitions ?? 1,
  };
  const queue = new Queue(name, { connection, ...group });
  const workers: Worker<unknown, unknown>[] = [];
  return {
    name,
    connection,
    group,
    queue,
    worker<D, R>(
      processor: ConstructorParameters<typeof Worker<D, R>>[1],
      extra: Partial<ConstructorParameters<typeof Worker<D, R>>[2]> = {},
    ): Worker<D, R> {
      const worker = new Worker<D, R>(name, processor, { connection, drainDelayMs: 500, ...group, ...extra });
      worker.on('error', (error) => console.error(`[${name}] worker error:`, error));
      workers.push(worker as Worker<unknown, unknown>);
      return worker;
    },
    async close(): Promise<void> {
      await Promise.all(workers.splice(0).map((w) => w.close({ timeout: 1_000 })));
      await queue.close();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when `check` passes, polling; rejects after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}
