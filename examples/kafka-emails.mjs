// The same program on Kafka. Start a local broker first:
//   npx sharq kafka start          (prints SHARQ_BROKERS=127.0.0.1:<port>)
//   SHARQ_BROKERS=127.0.0.1:<port> node examples/kafka-emails.mjs
import { Queue, QueueEvents } from '@sharq/core';
import { Worker } from '@sharq/worker';
import { z } from 'zod';

const brokers = (process.env.SHARQ_BROKERS ?? '127.0.0.1:9092').split(',');
const connection = { brokers };
const Email = z.object({ to: z.string().email(), subject: z.string() });

const queue = new Queue('emails', { connection, schema: Email, partitions: 1 });
const events = new QueueEvents('emails', { connection });
const worker = new Worker(
  'emails',
  async (job, { signal }) => {
    if (signal.aborted) throw new Error('aborted');
    return { delivered: job.data.to };
  },
  { connection, concurrency: 50 },
);

const job = await queue.add(
  'welcome',
  { to: 'ada@example.com', subject: 'Hi' },
  { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
);
console.log('result:', await job.waitUntilFinished(events, 30_000));
await worker.close();
await events.close();
await queue.close();
