import { Queue } from '@sharq/core';
import { resolveKafka } from './kafka-connection.js';
import type { Output } from './output.js';

/** Opens a Queue on the resolved Kafka for one command and always closes it. */
export async function withQueue<T>(
  queueName: string,
  brokersFlag: string | undefined,
  output: Output,
  action: (queue: Queue) => Promise<T>,
): Promise<T> {
  const kafka = await resolveKafka(brokersFlag, output);
  const queue = new Queue(queueName, { connection: { brokers: kafka.brokers } });
  try {
    return await action(queue);
  } finally {
    await queue.close();
    await kafka.release();
  }
}
