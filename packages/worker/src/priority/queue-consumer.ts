import {
  type Engine,
  levelTopics,
  type QueueTopology,
  type ShareConsumer,
  type ShareConsumerOptions,
} from '@sharq/core';
import type { WorkerObserver } from '../metrics/observer.js';
import { PriorityConsumer } from './priority-consumer.js';

/**
 * The worker's consumer: one share consumer on the queue topic, or with `priorities: N` one per level
 * behind a PriorityConsumer. The same share group either way.
 */
export function createQueueConsumer(
  engine: Engine,
  topology: QueueTopology,
  options: { workerId: string; priorities?: number | undefined },
  observer?: WorkerObserver,
): ShareConsumer {
  const levels = options.priorities ?? 1;
  const consumerOf = (topic: string): ShareConsumer => {
    const settings: ShareConsumerOptions = {
      groupId: topology.group,
      topics: [topic],
      clientId: options.workerId,
    };
    if (observer) settings.onFetch = (sample) => observer.shareFetched(sample.roundTripMs, sample.records);
    return engine.createShareConsumer(settings);
  };
  if (levels < 2) return consumerOf(topology.topic);
  const topics = levelTopics(topology, levels);
  const consumers = topics.map(consumerOf);
  return new PriorityConsumer(consumers, topics);
}
