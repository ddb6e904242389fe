/**
 * Creates the deduplication topic on first use (a Queue's first deduplicated add, a release), not in
 * provisionQueue: queues that never deduplicate never get it. Memoised per engine; failures are not (provision-once.ts).
 */
import type { Engine } from '../../engine/engine.js';
import { ensureTopicRetrying, provisionOnce } from '../provision-once.js';
import type { QueueTopology } from '../topology.js';
import { dedupTopicSpec } from './dedup-topic.js';

export function provisionDedupTopic(engine: Engine, topology: QueueTopology): Promise<void> {
  return provisionOnce(engine, `dedup|${topology.dedupTopic}`, () =>
    ensureTopicRetrying(engine, dedupTopicSpec(topology)),
  );
}
