/**
 * Engine.describeGroupOffsets on Kafka: a classic group's committed offset per partition, with the log
 * start and high watermark, shaped as the engine's PartitionLag.
 *
 * In:  groupId, topics.  Out: one PartitionLag per partition of every topic.
 * RPC: OffsetFetch to the group coordinator (the engine's kafkajs admin, TopicAdmin's), ListOffsets
 *      earliest and latest (our client).
 * A partition with nothing committed starts at its log start (the group consumers read from the earliest
 * offset); a committed offset below the log start (after truncateTopic) also reports the log start, where
 * the next owner really begins (kafkajs resets an out-of-range position to the earliest offset).
 */
import type { Admin } from 'kafkajs';
import type { Cluster } from '../client/cluster.js';
import type { PartitionLag } from '../engine/engine.js';
import { SharqError } from '../errors.js';
import { listOffsets } from '../share/admin/list-offsets.js';
import { fromKafkajs } from './kafkajs-errors.js';

export class GroupOffsets {
  /** `admin` is borrowed (TopicAdmin owns and closes it). */
  constructor(private readonly admin: () => Promise<Admin>) {}

  async describe(cluster: Cluster, groupId: string, topics: string[]): Promise<PartitionLag[]> {
    if (topics.length === 0) return [];
    const [committed, starts, ends] = await Promise.all([
      this.committed(groupId, topics),
      listOffsets(cluster, topics, 'earliest'),
      listOffsets(cluster, topics, 'latest'),
    ]);
    const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
    const logStart = new Map(starts.map((s) => [key(s.topic, s.partition), s.offset]));
    return ends.map((end): PartitionLag => {
      const k = key(end.topic, end.partition);
      const first = logStart.get(k) ?? 0;
      const offset = committed.get(k);
      const startOffset = Math.min(offset === undefined ? first : Math.max(offset, first), end.offset);
      return {
        topic: end.topic,
        partition: end.partition,
        startOffset,
        endOffset: end.offset,
        lag: end.offset - startOffset,
      };
    });
  }

  /** Committed offsets by topic\0partition; partitions with nothing committed (-1) are absent. */
  private async committed(groupId: string, topics: string[]): Promise<Map<string, number>> {
    try {
      const admin = await this.admin();
      const answer = await admin.fetchOffsets({ groupId, topics });
      const out = new Map<string, number>();
      for (const { topic, partitions } of answer) {
        for (const { partition, offset } of partitions) {
          const value = Number(offset);
          if (value >= 0) out.set(`${topic}\u0000${partition}`, value);
        }
      }
      return out;
    } catch (error) {
      throw fromKafkajs(error, 'describeGroupOffsets', (m) => new SharqError('KAFKA_ADMIN', m));
    }
  }
}
