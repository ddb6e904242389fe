/** The three kinds of worker a worker process can run, behind one small interface. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker as SharqWorker } from '@sharq/worker';
import { Worker as BullWorker } from 'bullmq';
import { Kafka, logLevel } from 'kafkajs';
import type { BenchJobData, WorkerProcConfig } from './protocol.js';

export interface Runner {
  ready(): Promise<void>;
  go(): void;
  close(): Promise<void>;
}

export interface RunnerHooks {
  /** Runs one attempt of a job (sleeps, or throws for a failing job). */
  /**
   * `signal` is read only by a job that sleeps: a Sharq job's AbortSignal is made on first access (~5 µs of
   * CPU per job), and BullMQ's no-op processor gets none either.
   */
  process(data: BenchJobData, signal?: () => AbortSignal): Promise<void>;
  completed(i: number): void;
  error(message: string): void;
}

export function sharqRunner(config: WorkerProcConfig, hooks: RunnerHooks): Runner {
  const workers = Array.from({ length: config.members ?? 1 }, () => {
    const worker = new SharqWorker<BenchJobData>(
      config.queue,
      (job, context) => hooks.process(job.data, () => context.signal),
      {
        connection: { brokers: config.brokers ?? [] },
        concurrency: config.concurrency,
        autorun: false,
        delayForwarder: config.delayForwarder ?? false,
        ...(config.priorities ? { priorities: config.priorities } : {}),
        ...(config.ordering ? { ordering: config.ordering } : {}),
      },
    );
    worker.on('completed', (job) => hooks.completed(job.data.i));
    worker.on('error', (error) => hooks.error(`sharq worker: ${error.message}`));
    return worker;
  });
  return {
    ready: async () => {
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    go: () => {
      for (const w of workers) void w.run().catch((error: unknown) => hooks.error(String(error)));
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.close({ timeout: 2_000 })));
    },
  };
}

export function bullRunner(config: WorkerProcConfig, hooks: RunnerHooks): Runner {
  const url = new URL(config.redisUrl ?? 'redis://127.0.0.1:6379');
  const workers = Array.from({ length: config.members ?? 1 }, () => {
    const worker = new BullWorker<BenchJobData>(config.queue, (job) => hooks.process(job.data), {
      connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
      prefix: config.prefix,
      concurrency: config.concurrency,
      autorun: false,
    });
    worker.on('completed', (job) => hooks.completed(job.data.i));
    worker.on('error', (error) => hooks.error(`bullmq worker: ${error.message}`));
    return worker;
  });
  return {
    ready: async () => {
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    go: () => {
      for (const w of workers) void w.run().catch((error: unknown) => hooks.error(String(error)));
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.close(true)));
    },
  };
}

/**
 * The Kafka peer: a kafkajs classic consumer group, one record at a time per partition (its ordering and
 * commit model). A failing record is retried inline `classicAttempts` times with a fixed backoff, then skipped.
 */
export function classicRunner(config: WorkerProcConfig, hooks: RunnerHooks): Runner {
  const kafka = new Kafka({
    clientId: 'bench-classic',
    brokers: config.brokers ?? [],
    logLevel: logLevel.NOTHING,
  });
  const attempts = config.classicAttempts ?? 3;
  const backoffMs = config.classicBackoffMs ?? 1_000;
  const sessionTimeoutMs = config.classicSessionTimeoutMs ?? 30_000;
  const consumers = Array.from({ length: config.members ?? 1 }, () =>
    kafka.consumer({
      groupId: config.groupId ?? `${config.queue}-classic`,
      maxWaitTimeInMs: 100,
      sessionTimeout: sessionTimeoutMs,
      rebalanceTimeout: Math.max(60_000, sessionTimeoutMs),
    }),
  );
  return {
    ready: async () => {
      for (const c of consumers) {
        await c.connect();
        await c.subscribe({ topic: config.queue, fromBeginning: true });
      }
    },
    go: () => {
      for (const c of consumers) {
        void c
          .run({
            eachMessage: async ({ message }) => {
              const data = JSON.parse(message.value?.toString() ?? '{}') as BenchJobData;
              for (let attempt = 1; attempt <= attempts; attempt++) {
                try {
                  await hooks.process(data);
                  hooks.completed(data.i);
                  return;
                } catch {
                  if (attempt < attempts) await sleep(backoffMs);
                }
              }
            },
          })
          .catch((error: unknown) => hooks.error(`classic consumer: ${String(error)}`));
      }
    },
    close: async () => {
      await Promise.all(consumers.map((c) => c.disconnect()));
    },
  };
}
