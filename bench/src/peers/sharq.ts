/** Sharq queues on a scenario's own broker. */
import { Queue } from '@sharq/core';

export type BenchJob = { i: number; t?: number };

export async function sharqQueue(
  brokers: string[],
  name: string,
  options: { partitions?: number; deduplicateJobIds?: boolean; priorities?: number; ordering?: 'key' } = {},
): Promise<Queue<BenchJob>> {
  const queue = new Queue<BenchJob>(name, {
    connection: { brokers },
    partitions: options.partitions ?? 1,
    ...(options.deduplicateJobIds ? { deduplicateJobIds: true } : {}),
    ...(options.priorities ? { priorities: options.priorities } : {}),
    ...(options.ordering ? { ordering: options.ordering } : {}),
  });
  await queue.waitUntilReady();
  return queue;
}
