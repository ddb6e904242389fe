/**
 * The schedulers topic `<prefix>.<q>.schedulers`: compacted, ONE partition so every writer's records are
 * totally ordered. It holds the schedulers, the last tick each fired, and the firing lease; the lease
 * renews every second, so compaction must actually run (10-minute segments, cleaning at 10 % dirty).
 * No 'delete' policy: a scheduler lives until removed, whatever its age.
 */
import type { TopicSpec } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

export function schedulersTopicSpec(t: QueueTopology): TopicSpec {
  return {
    name: t.schedulersTopic,
    partitions: 1,
    configs: {
      'cleanup.policy': 'compact',
      'segment.ms': String(600_000),
      'min.cleanable.dirty.ratio': '0.1',
      'delete.retention.ms': String(3_600_000),
    },
  };
}
