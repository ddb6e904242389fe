/**
 * Engine.describeShareGroupOffsets on Kafka: the admin's SPSO + broker Lag + high watermark, shaped as
 * the engine's PartitionLag, for every partition of the given topics (not only those with state).
 *
 * A partition the group has never fetched has no SPSO yet (broker answers -1 or omits it). What a first
 * fetch will start from depends on share.auto.offset.reset; Sharq's groups use earliest, so such a
 * partition is reported from its log start offset with lag = end - start: every record is waiting.
 */
import type { Cluster } from '../client/cluster.js';
import type { PartitionLag } from '../engine/engine.js';
import { describeShareGroupOffsets } from '../share/admin/describe-share-group-offsets.js';
import { listOffsets } from '../share/admin/list-offsets.js';

export async function shareGroupLag(
  cluster: Cluster,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  if (topics.length === 0) return [];
  const [offsets, starts, ends] = await Promise.all([
    describeShareGroupOffsets(cluster, groupId, topics),
    listOffsets(cluster, topics, 'earliest'),
    listOffsets(cluster, topics, 'latest'),
  ]);
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const state = new Map(offsets.map((o) => [key(o.topic, o.partition), o]));
  const logStart = new Map(starts.map((s) => [key(s.topic, s.partition), s.offset]));
  return ends.map((end): PartitionLag => {
    const k = key(end.topic, end.partition);
    const s = state.get(k);
    const endOffset = end.offset;
    if (!s || s.startOffset < 0) {
      const startOffset = logStart.get(k) ?? 0;
      return {
        topic: end.topic,
        partition: end.partition,
        startOffset,
        endOffset,
        lag: endOffset - startOffset,
      };
    }
    // The broker's Lag excludes settled records above the SPSO; fall back to end - SPSO on a v0 broker.
    const lag = s.lag >= 0 ? s.lag : Math.max(0, endOffset - s.startOffset);
    // Measured on 4.4.0: the persisted SPSO can trail on the last acknowledged record until the next fetch.
    // Lag 0 means every offset below the end is settled, which is exactly what startOffset promises.
    const startOffset = lag === 0 ? Math.max(s.startOffset, endOffset) : s.startOffset;
    return { topic: end.topic, partition: end.partition, startOffset, endOffset, lag };
  });
}
