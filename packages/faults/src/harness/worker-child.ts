/**
 * A fault-suite worker process: one Worker running the ledger processor, reporting its counters to the
 * parent over IPC every 500 ms. It installs no crash handling of its own: a worker that dies on a
 * fault must show up as a dead process, which is what the scenarios look for.
 */
import { appendFileSync } from 'node:fs';
import { Worker } from '@sharq/worker';
import {
  CHILD_SPEC_ENV,
  type ChildCounters,
  type ChildMessage,
  childSpecSchema,
  emptyCounters,
} from './child-protocol.js';
import ledgerProcessor, { LEDGER_ENV, REDELIVERY_SLEEP_ENV, SLEEP_ENV, TAG_ENV } from './ledger-processor.js';

const send = (message: ChildMessage) => process.send?.(message);

const spec = childSpecSchema.parse(JSON.parse(process.env[CHILD_SPEC_ENV] ?? 'null'));
process.env[LEDGER_ENV] = spec.ledger;
process.env[SLEEP_ENV] = String(spec.sleepMs);
process.env[TAG_ENV] = spec.tag;
if (spec.redeliverySleepMs !== undefined) process.env[REDELIVERY_SLEEP_ENV] = String(spec.redeliverySleepMs);

const counters: ChildCounters = emptyCounters();
const kind = (error: Error) => {
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : error.name;
  counters.errorKinds[name] = (counters.errorKinds[name] ?? 0) + 1;
};

const worker = new Worker(spec.queue, ledgerProcessor, {
  connection: { brokers: spec.brokers },
  concurrency: spec.concurrency,
  lockDurationMs: spec.lockDurationMs,
  partitions: spec.partitions,
  drainDelayMs: 500,
  ...(spec.limiter ? { limiter: spec.limiter } : {}),
});
const trace = (event: string, jobId: string | undefined, detail = '') => {
  if (spec.eventsLog)
    appendFileSync(spec.eventsLog, `${Date.now()} ${spec.tag} ${event} ${jobId ?? '-'} ${detail}\n`);
};
worker.on('completed', (job) => {
  counters.completed++;
  trace('completed', job.id);
});
worker.on('failed', (job, error) => {
  counters.failed++;
  kind(error);
  trace('failed', job.id, error.message);
});
worker.on('duplicate', (job) => {
  counters.duplicate++;
  trace('duplicate', job.id);
});
worker.on('lockLost', (job) => {
  counters.lockLost++;
  trace('lockLost', job.id);
});
worker.on('malformed', (_record, reason) => {
  counters.malformed++;
  trace('malformed', undefined, reason);
});
worker.on('dead', (job, reason) => {
  counters.dead++;
  trace('dead', job?.id, reason);
});
worker.on('error', (error, job) => {
  counters.errors++;
  kind(error);
  trace('error', job?.id, `${error.name}: ${error.message}`.replaceAll('\n', ' '));
});

const report = () => {
  counters.rss = process.memoryUsage.rss();
  counters.active = worker.activeCount;
  counters.running = worker.isRunning();
  send({ type: 'stats', counters });
};
setInterval(report, 500).unref();

process.on('message', (message: { type: string }) => {
  if (message.type !== 'shutdown') return;
  void worker.close({ timeout: 5000 }).finally(() => {
    report();
    process.exit(0);
  });
});
process.on('disconnect', () => process.exit(0));

worker.waitUntilReady().then(
  () => send({ type: 'ready', workerId: worker.id }),
  (error: unknown) => {
    send({ type: 'fatal', message: String(error) });
    process.exit(1);
  },
);
