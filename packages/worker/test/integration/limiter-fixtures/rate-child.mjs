// One worker process of the 4-process limiter test: plain JS on the built dist, as a user runs it.
// Prints "start <epoch ms>" for every job it starts; the parent measures the combined rate.
import { Worker } from '@sharq/worker';

const [queue, brokers, redis, max, duration, concurrency, lockDurationMs, partitions] = process.argv.slice(2);
const worker = new Worker(
  queue,
  async () => {
    process.stdout.write(`start ${Date.now()}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  },
  {
    connection: { brokers: brokers.split(',') },
    concurrency: Number(concurrency),
    lockDurationMs: Number(lockDurationMs),
    partitions: Number(partitions),
    drainDelayMs: 500,
    limiter: { max: Number(max), duration: Number(duration), redis },
  },
);
worker.on('error', (error) => process.stderr.write(`rate-child worker error: ${error.message}\n`));
worker.on('ready', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  void worker.close({ timeout: 1_000 }).then(() => process.exit(0));
});
