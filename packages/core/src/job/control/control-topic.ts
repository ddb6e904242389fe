/**
 * The control topic `<prefix>.<q>.control`: compacted, one partition, one key per setting (today only
 * `paused`). Written rarely, so the default segment settings are fine; compaction keeps the last word.
 */
import type { TopicSpec } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

export function controlTopicSpec(t: QueueTopology): TopicSpec {
  return { name: t.controlTopic, partitions: 1, configs: { 'cleanup.policy': 'compact' } };
}
