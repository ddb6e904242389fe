/**
 * A worker child process: Sharq Workers, BullMQ Workers or kafkajs classic consumers on one queue/topic,
 * started on 'go', closed on 'stop'. Reports completed job indices (and optionally start/complete times)
 * to the parent every 50 ms.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BenchJobData,
  type ChildMessage,
  type ParentMessage,
  type WorkerProcConfig,
  nowMs,
} from './protocol.js';
import { countClusterRequests } from './request-counter.js';
import { bullRunner, classicRunner, type RunnerHooks, sharqRunner } from './runners.js';

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerProcConfig;
const requestReport = process.env.SHARQ_BENCH_COUNT_REQUESTS === '1' ? countClusterRequests() : undefined;
const send = (message: ChildMessage) => process.send?.(message);
let pending: number[] = [];
const started = new Map<number, number>();

const flusher = setInterval(() => {
  if (pending.length === 0) return;
  send({ type: 'done', flat: pending });
  pending = [];
}, 50);

class JobFailure extends Error {}

const hooks: RunnerHooks = {
  async process(data: BenchJobData, signal?: () => AbortSignal) {
    if (config.timings && !started.has(data.i)) started.set(data.i, nowMs());
    if (data.fail) throw new JobFailure(`job ${data.i} fails every attempt`);
    const ms = data.ms ?? config.jobMs;
    if (ms > 0) await sleep(ms, undefined, signal ? { signal: signal() } : undefined);
  },
  completed(i: number) {
    if (config.timings) {
      pending.push(i, started.get(i) ?? Number.NaN, nowMs());
      started.delete(i);
    } else pending.push(i);
  },
  error(message: string) {
    send({ type: 'error', message });
  },
};

const runner =
  config.system === 'sharq'
    ? sharqRunner(config, hooks)
    : config.system === 'bullmq'
      ? bullRunner(config, hooks)
      : classicRunner(config, hooks);

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
      if (requestReport) process.stderr.write(`[worker ${process.pid}] ${requestReport()}\n`);
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
    process.disconnect();
  });
