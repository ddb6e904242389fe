import { acquireEngine, type Engine, type QueueTopology, assertQueueName, queueTopology } from '@sharq/core';
import { UsageError } from './errors.js';
import { resolveKafka } from './kafka-connection.js';
import type { CliContext } from './context.js';

/** What operator commands need: the engine and the queue's topic names — never a provisioning Queue. */
export interface QueueView {
  name: string;
  engine: Engine;
  topology: QueueTopology;
}

/**
 * Opens a read/operate view of an existing queue. Unlike `new Queue()`, it creates nothing and never
 * rewrites the share group's configs (a `status` must not reset the lock duration the workers chose);
 * a queue whose topic does not exist is an error.
 */
export async function withQueueView<T>(
  queueName: string,
  brokersFlag: string | undefined,
  ctx: CliContext,
  action: (view: QueueView) => Promise<T>,
): Promise<T> {
  assertQueueName(queueName, 'queue');
  const kafka = await resolveKafka(brokersFlag, ctx);
  const lease = acquireEngine({ brokers: kafka.brokers });
  try {
    const topology = queueTopology(queueName);
    if ((await lease.engine.partitionCount(topology.topic)) === undefined) {
      throw new UsageError(`unknown queue "${queueName}": topic ${topology.topic} does not exist`);
    }
    return await action({ name: queueName, engine: lease.engine, topology });
  } finally {
    await lease.release();
    await kafka.release();
  }
}
