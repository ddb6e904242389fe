/**
 * listOffsets — earliest or latest (high watermark) offset of every partition of some topics.
 *
 * In:  topics, 'earliest' | 'latest'.
 * Out: { topic, partition, offset }[] (latest = the high watermark: the next offset to be written).
 * RPC: ListOffsets (2) to each partition's leader, Timestamp -2 (earliest) / -1 (latest), read_uncommitted.
 * Errors: partition ErrorCode as KafkaProtocolError; NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION
 *      refresh metadata and retry.
 */
import type { Cluster } from '../../client/cluster.js';
import { brokerError, isKafkaProtocolError } from '../../client/errors.js';
import { listOffsetsApi } from '../../protocol/apis/list-offsets/index.js';
import { withRetries } from './coordinator.js';

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

const EARLIEST_TIMESTAMP = -2;
const LATEST_TIMESTAMP = -1;

export async function listOffsets(
  cluster: Cluster,
  topics: string[],
  which: 'earliest' | 'latest',
): Promise<PartitionOffset[]> {
  if (topics.length === 0) return [];
  return withRetries(async () => {
    try {
      return await listOnce(cluster, topics, which === 'earliest' ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP);
    } catch (error) {
      if (isKafkaProtocolError(error) && error.refreshMetadata) await cluster.refreshMetadata(topics);
      throw error;
    }
  });
}

async function listOnce(cluster: Cluster, topics: string[], timestamp: number): Promise<PartitionOffset[]> {
  const meta = await cluster.metadata(topics);
  // Group partitions by leader: one request per broker.
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const t of meta) {
    for (const p of t.partitions) {
      const perTopic = byLeader.get(p.leaderId) ?? new Map<string, number[]>();
      byLeader.set(p.leaderId, perTopic);
      const parts = perTopic.get(t.name) ?? [];
      perTopic.set(t.name, parts);
      parts.push(p.partition);
    }
  }
  const answers = await Promise.all(
    [...byLeader].map(async ([leaderId, perTopic]) => {
      const res = await cluster.send(leaderId, listOffsetsApi, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [...perTopic].map(([name, partitions]) => ({
          name,
          partitions: partitions.map((partitionIndex) => ({
            partitionIndex,
            currentLeaderEpoch: -1,
            timestamp,
          })),
        })),
        timeoutMs: 0,
      });
      const out: PartitionOffset[] = [];
      for (const t of res.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== 0) throw brokerError(p.errorCode, `ListOffsets ${t.name}[${p.partitionIndex}]`);
          out.push({ topic: t.name, partition: p.partitionIndex, offset: Number(p.offset) });
        }
      }
      return out;
    }),
  );
  return answers
    .flat()
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}
