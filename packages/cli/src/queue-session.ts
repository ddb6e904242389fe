import { Queue, readQueueOrdering } from '@sharq/core';
import { resolveKafka } from './kafka-connection.js';
import type { CliContext } from './context.js';

/**
 * Opens a Queue on the resolved Kafka for one command and always closes it. A queue recorded as key-ordered
 * is opened as one (so `orderingKey` is accepted and counts come from its ordered group).
 */
export async function withQueue<T>(
  queueName: string,
  brokersFlag: string | undefined,
  ctx: CliContext,
  action: (queue: Queue) => Promise<T>,
): Promise<T> {
  const kafka = await resolveKafka(brokersFlag, ctx);
  const connection = { brokers: kafka.brokers };
  let queue = new Queue(queueName, { connection });
  try {
    if (await readQueueOrdering(queue.engine, queue.topology)) {
      await queue.close();
      queue = new Queue(queueName, { connection, ordering: 'key' });
    }
    return await action(queue);
  } finally {
    await queue.close();
    await kafka.release();
  }
}
