import { type Engine, levelTopics, type QueueTopology, type ShareConsumer } from '@sharq/core';
import { PriorityConsumer } from './priority-consumer.js';

/**
 * The worker's consumer: one share consumer on the queue topic, or with `priorities: N` one per level
 * behind a PriorityConsumer. The same share group either way.
 */
export function createQueueConsumer(
  engine: Engine,
  topology: QueueTopology,
  options: { workerId: string; priorities?: number | undefined },
): ShareConsumer {
  const levels = options.priorities ?? 1;
  if (levels < 2) {
    return engine.createShareConsumer({
      groupId: topology.group,
      topics: [topology.topic],
      clientId: options.workerId,
    });
  }
  const topics = levelTopics(topology, levels);
  const consumers = topics.map((topic) =>
    engine.createShareConsumer({ groupId: topology.group, topics: [topic], clientId: options.workerId }),
  );
  return new PriorityConsumer(consumers, topics);
}
