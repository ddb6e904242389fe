/**
 * The deduplication topic `<prefix>.<q>.dedup`: one partition, so log order alone decides which of two
 * racing claims for an id came first, and every reader (every Queue in every process) agrees. Plain
 * delete retention, not compaction: a losing claim written after the winner would be the key's last
 * record, and compaction would keep it and forget the winner. Retention bounds both the topic and how
 * long a claim can live (MAX_CLAIM_AGE_MS), so a reader's verdict never depends on what was deleted.
 */
import type { TopicSpec } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

/** A claim never outlives this (7 days): the topic's retention, and the cap of `deduplication.ttl`. */
export const MAX_CLAIM_AGE_MS = 7 * 24 * 3_600_000;

export function dedupTopicSpec(t: QueueTopology): TopicSpec {
  return {
    name: t.dedupTopic,
    partitions: 1,
    configs: {
      'cleanup.policy': 'delete',
      // A day of slack past the claim age, so a claim is always expired by rule before it is deleted.
      'retention.ms': String(MAX_CLAIM_AGE_MS + 24 * 3_600_000),
      'segment.ms': String(3_600_000),
    },
  };
}
