/**
 * Creates the topics of levels above the lowest (the lowest is the queue topic, made by provisionQueue),
 * with the queue's partition count. They join the queue's share group when a consumer subscribes, so the
 * group's configs (lock, delivery limit, broker-side DLQ) apply to them unchanged. Memoised per engine.
 */
import type { Engine } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { levelTopics } from './levels.js';

const provisioned = new WeakMap<Engine, Map<string, Promise<void>>>();

export function provisionPriorityLevels(
  engine: Engine,
  topology: QueueTopology,
  levels: number,
  partitions: number,
): Promise<void> {
  let perEngine = provisioned.get(engine);
  if (!perEngine) {
    perEngine = new Map();
    provisioned.set(engine, perEngine);
  }
  const key = `${topology.topic}|${levels}|${partitions}`;
  let pending = perEngine.get(key);
  if (!pending) {
    const topics = levelTopics(topology, levels).slice(0, -1);
    pending = Promise.all(topics.map((name) => ensure(engine, name, partitions))).then(() => undefined);
    perEngine.set(key, pending);
    pending.catch(() => perEngine.delete(key));
  }
  return pending;
}

/** Right after CreateTopics a broker can briefly answer UNKNOWN_TOPIC_OR_PARTITION: a few retries. */
async function ensure(engine: Engine, name: string, partitions: number, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.ensureTopic({ name, partitions });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
