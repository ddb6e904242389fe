/**
 * Creates the topics of levels above the lowest (the lowest is the queue topic, made by provisionQueue),
 * with the queue's partition count. They join the queue's share group when a consumer subscribes, so the
 * group's configs (lock, delivery limit, broker-side DLQ) apply to them unchanged. Memoised per engine.
 */
import type { Engine } from '../../engine/engine.js';
import { ensureTopicsRetrying, provisionOnce } from '../provision-once.js';
import type { QueueTopology } from '../topology.js';
import { levelTopics } from './levels.js';

export function provisionPriorityLevels(
  engine: Engine,
  topology: QueueTopology,
  levels: number,
  partitions: number,
): Promise<void> {
  return provisionOnce(engine, `levels|${topology.topic}|${levels}|${partitions}`, () =>
    ensureTopicsRetrying(
      engine,
      levelTopics(topology, levels)
        .slice(0, -1)
        .map((name) => ({ name, partitions })),
    ),
  );
}
