import {
  type Engine,
  levelTopics,
  type QueueTopology,
  type ShareConsumer,
  type ShareConsumerOptions,
} from '@sharq/core';
import type { WorkerObserver } from '../metrics/observer.js';
import { OrderedConsumer } from '../ordering/ordered-consumer.js';
import { PriorityConsumer } from './priority-consumer.js';

/**
 * The worker's consumer: one share consumer on the queue topic, or with `priorities: N` one per level
 * behind a PriorityConsumer (the same share group either way); on a key-ordered queue an OrderedConsumer
 * on the queue's classic group instead.
 */
export function createQueueConsumer(
  engine: Engine,
  topology: QueueTopology,
  options: {
    workerId: string;
    priorities?: number | undefined;
    ordering?: 'share' | 'key';
    lockDurationMs?: number;
    onError?: (error: Error) => void;
  },
  observer?: WorkerObserver,
): ShareConsumer {
  if (options.ordering === 'key') {
    const ordered: ConstructorParameters<typeof OrderedConsumer>[1] = {
      groupId: topology.orderedGroup,
      topics: [topology.topic],
      lockDurationMs: options.lockDurationMs ?? 30_000,
      clientId: options.workerId,
    };
    if (options.onError) ordered.onError = options.onError;
    return new OrderedConsumer(engine, ordered);
  }
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
