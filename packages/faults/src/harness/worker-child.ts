/**
 * A fault-suite worker process: one Worker running the ledger processor, reporting its counters to the
 * parent over IPC every 500 ms. It installs no crash handling of its own: a worker that dies on a
 * fault must show up as a dead process, which is what the scenarios look for.
 */
import { Worker } from '@sharq/worker';
import { CHILD_SPEC_ENV, type ChildCounters, type ChildMessage, childSpecSchema } from './child-protocol.js';
import ledgerProcessor, { LEDGER_ENV, SLEEP_ENV, TAG_ENV } from './ledger-processor.js';

const send = (message: ChildMessage) => process.send?.(message);

const spec = childSpecSchema.parse(JSON.parse(process.env[CHILD_SPEC_ENV] ?? 'null'));
process.env[LEDGER_ENV] = spec.ledger;
process.env[SLEEP_ENV] = String(spec.sleepMs);
process.env[TAG_ENV] = spec.tag;

const counters: ChildCounters = {
  completed: 0,
  failed: 0,
  duplicate: 0,
  lockLost: 0,
  malformed: 0,
  dead: 0,
  errors: 0,
  rss: 0,
  errorKinds: {},
};
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
worker.on('completed', () => counters.completed++);
worker.on('failed', (_job, error) => {
  counters.failed++;
  kind(error);
});
worker.on('duplicate', () => counters.duplicate++);
worker.on('lockLost', () => counters.lockLost++);
worker.on('malformed', () => counters.malformed++);
worker.on('dead', () => counters.dead++);
worker.on('error', (error) => {
  counters.errors++;
  kind(error);
});

const report = () => {
  counters.rss = process.memoryUsage.rss();
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
