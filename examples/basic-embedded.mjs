// The smallest Sharq program: a queue and a worker on the embedded engine (no broker needed).
//   npm run build && node examples/basic-embedded.mjs
import { Queue } from '@sharq/core';
import { Worker } from '@sharq/worker';

const connection = { embedded: true };
const queue = new Queue('emails', { connection });
const worker = new Worker(
  'emails',
  async (job) => {
    await job.updateProgress(50);
    return `sent to ${job.data.to}`;
  },
  { connection, concurrency: 10 },
);

const finished = new Promise((resolve) => {
  let done = 0;
  worker.on('completed', (job, result) => {
    console.log(`${job.name} ${job.id}: ${result}`);
    if (++done === 3) resolve();
  });
});

await queue.addBulk([
  { name: 'welcome', data: { to: 'ada@example.com' } },
  { name: 'welcome', data: { to: 'grace@example.com' } },
  { name: 'digest', data: { to: 'linus@example.com' }, opts: { delay: 1_000 } },
]);
await finished;
await worker.close();
await queue.close();
