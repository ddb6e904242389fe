/**
 * Creates the two compacted topics of a queue's control plane — the schedulers topic and the control
 * (pause) topic — beside provisionQueue, on first use of a scheduler or pause API (Queue) and when a worker
 * starts. Idempotent and memoised per engine like provisionQueue (provision-once.ts). Plain
 * topic configs only (cleanup.policy, segment.ms…): every Kafka release since 4.2 knows them.
 */
import type { Engine } from '../../engine/engine.js';
import { ensureTopicsRetrying, provisionOnce } from '../provision-once.js';
import { schedulersTopicSpec } from '../schedule/schedulers-topic.js';
import type { QueueTopology } from '../topology.js';
import { controlTopicSpec } from './control-topic.js';

export function provisionControlTopics(engine: Engine, topology: QueueTopology): Promise<void> {
  return provisionOnce(engine, `control|${topology.topic}`, () =>
    ensureTopicsRetrying(engine, [schedulersTopicSpec(topology), controlTopicSpec(topology)]),
  );
}
