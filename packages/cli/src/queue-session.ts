import { Queue } from '@sharq/core';
import { resolveKafka } from './kafka-connection.js';
import type { CliContext } from './context.js';

/** Opens a Queue on the resolved Kafka for one command and always closes it. */
export async function withQueue<T>(
  queueName: string,
  brokersFlag: string | undefined,
  ctx: CliContext,
  action: (queue: Queue) => Promise<T>,
): Promise<T> {
  const kafka = await resolveKafka(brokersFlag, ctx);
  const queue = new Queue(queueName, { connection: { brokers: kafka.brokers } });
  try {
    return await action(queue);
  } finally {
    await queue.close();
    await kafka.release();
  }
}
