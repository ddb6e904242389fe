/**
 * Creates the deduplication topic on first use (a Queue's first deduplicated add, a release), not in
 * provisionQueue: queues that never deduplicate never get it. Memoised per engine; failures are not.
 */
import type { Engine } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { dedupTopicSpec } from './dedup-topic.js';

const provisioned = new WeakMap<Engine, Map<string, Promise<void>>>();

export function provisionDedupTopic(engine: Engine, topology: QueueTopology): Promise<void> {
  let perEngine = provisioned.get(engine);
  if (!perEngine) {
    perEngine = new Map();
    provisioned.set(engine, perEngine);
  }
  const key = topology.dedupTopic;
  let pending = perEngine.get(key);
  if (!pending) {
    pending = ensure(engine, topology);
    perEngine.set(key, pending);
    pending.catch(() => perEngine.delete(key));
  }
  return pending;
}

/** Right after CreateTopics a broker can briefly answer UNKNOWN_TOPIC_OR_PARTITION: a few retries. */
async function ensure(engine: Engine, topology: QueueTopology, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.ensureTopic(dedupTopicSpec(topology));
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
