/**
 * A worker child process: Sharq's Worker or BullMQ's Worker on one queue, started on 'go', closed on 'stop'.
 * Reports completed job indices (and optionally start/complete times) to the parent every 50 ms.
 * Job data is { i: number, t?: number }.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker as SharqWorker } from '@sharq/worker';
import { Worker as BullWorker } from 'bullmq';
import { type ChildMessage, type ParentMessage, type WorkerProcConfig, nowMs } from './protocol.js';

interface JobData {
  i: number;
  t?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerProcConfig;
const send = (message: ChildMessage) => process.send?.(message);
let pending: number[] = [];
const started = new Map<number, number>();

function onStart(i: number): void {
  if (config.timings) started.set(i, nowMs());
}
function onComplete(i: number): void {
  if (config.timings) {
    pending.push(i, started.get(i) ?? Number.NaN, nowMs());
    started.delete(i);
  } else pending.push(i);
}
const flusher = setInterval(() => {
  if (pending.length === 0) return;
  send({ type: 'done', flat: pending });
  pending = [];
}, 50);

async function processJob(i: number): Promise<void> {
  onStart(i);
  if (config.jobMs > 0) await sleep(config.jobMs);
}

interface Runner {
  ready(): Promise<void>;
  go(): void;
  close(): Promise<void>;
}

function sharqRunner(): Runner {
  const worker = new SharqWorker<JobData>(config.queue, async (job) => processJob(job.data.i), {
    connection: { brokers: config.brokers ?? [] },
    concurrency: config.concurrency,
    autorun: false,
    delayForwarder: false,
  });
  worker.on('completed', (job) => onComplete(job.data.i));
  worker.on('error', (error) => send({ type: 'error', message: `sharq worker: ${error.message}` }));
  return {
    ready: () => worker.waitUntilReady(),
    go: () => {
      void worker.run().catch((error: unknown) => send({ type: 'error', message: String(error) }));
    },
    close: () => worker.close({ timeout: 5_000 }),
  };
}

function bullRunner(): Runner {
  const url = new URL(config.redisUrl ?? 'redis://127.0.0.1:6379');
  const worker = new BullWorker<JobData>(config.queue, async (job) => processJob(job.data.i), {
    connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
    prefix: config.prefix,
    concurrency: config.concurrency,
    autorun: false,
  });
  worker.on('completed', (job) => onComplete(job.data.i));
  worker.on('error', (error) => send({ type: 'error', message: `bullmq worker: ${error.message}` }));
  return {
    ready: () => worker.waitUntilReady().then(() => undefined),
    go: () => {
      void worker.run().catch((error: unknown) => send({ type: 'error', message: String(error) }));
    },
    close: () => worker.close(),
  };
}

const runner = config.system === 'sharq' ? sharqRunner() : bullRunner();
process.on('message', (message: ParentMessage) => {
  if (message.type === 'go') runner.go();
  if (message.type === 'stop') {
    void (async () => {
      try {
        await runner.close();
      } catch (error) {
        send({ type: 'error', message: `close: ${String(error)}` });
      }
      clearInterval(flusher);
      if (pending.length > 0) send({ type: 'done', flat: pending });
      const cpu = process.cpuUsage();
      send({
        type: 'cpu',
        userMicros: cpu.user,
        systemMicros: cpu.system,
        rssBytes: process.memoryUsage.rss(),
      });
      send({ type: 'closed' });
      process.disconnect();
    })();
  }
});
runner
  .ready()
  .then(() => send({ type: 'ready' }))
  .catch((error: unknown) => {
    send({ type: 'error', message: `start: ${String(error)}` });
    process.exitCode = 1;
  });
