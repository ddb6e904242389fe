/**
 * Creates the two compacted topics of a queue's control plane — the schedulers topic and the control
 * (pause) topic — beside provisionQueue, on first use of a scheduler or pause API (Queue) and when a worker
 * starts. Idempotent and memoised per engine like provisionQueue; a failure is not memoised. Plain
 * topic configs only (cleanup.policy, segment.ms…): every Kafka release since 4.2 knows them.
 */
import type { Engine, TopicSpec } from '../../engine/engine.js';
import { schedulersTopicSpec } from '../schedule/schedulers-topic.js';
import type { QueueTopology } from '../topology.js';
import { controlTopicSpec } from './control-topic.js';

const provisioned = new WeakMap<Engine, Map<string, Promise<void>>>();

export function provisionControlTopics(engine: Engine, topology: QueueTopology): Promise<void> {
  let perEngine = provisioned.get(engine);
  if (!perEngine) {
    perEngine = new Map();
    provisioned.set(engine, perEngine);
  }
  const key = topology.topic;
  let pending = perEngine.get(key);
  if (!pending) {
    pending = Promise.all([
      ensure(engine, schedulersTopicSpec(topology)),
      ensure(engine, controlTopicSpec(topology)),
    ]).then(() => undefined);
    perEngine.set(key, pending);
    pending.catch(() => perEngine.delete(key));
  }
  return pending;
}

/** Right after CreateTopics a broker can briefly answer UNKNOWN_TOPIC_OR_PARTITION: a few retries. */
async function ensure(engine: Engine, spec: TopicSpec, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.ensureTopic(spec);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
