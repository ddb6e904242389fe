/**
 * One sessionless Fetch (key 1) to one leader for some partitions of one topic, records decoded.
 *
 * Used by readTopic and tail, which read without any consumer group. Sessionless (SessionId 0,
 * SessionEpoch -1) because these reads are short-lived or few, and a fetch session per tail would use up
 * the broker's max.incremental.fetch.session.cache.slots for nothing. read_uncommitted: Sharq does not
 * produce transactionally; control batches are dropped by the decoder.
 */
import type { Cluster } from '../client/cluster.js';
import { fetchApi } from '../protocol/apis/fetch/index.js';
import { decodeRecordBatches } from '../protocol/records/decode.js';
import type { KafkaRecord } from '../protocol/records/types.js';

export interface PartitionFetch {
  partition: number;
  offset: number;
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  /** Only records at or after the requested offset (a batch may start before it). */
  records: KafkaRecord[];
  /**
   * Where the next fetch starts: one past the last batch returned, control batches and compaction gaps
   * included (so a fetch that returned only a transaction marker still makes progress); the requested
   * offset when nothing came back.
   */
  nextOffset: number;
}

export interface FetchLimits {
  maxWaitMs: number;
  /**
   * A Cluster lane (its own connection per broker) for long polls: a broker serves one request per
   * connection at a time, so a long poll on the shared connection holds every other request of the process.
   */
  lane?: string;
  /** Per partition. */
  partitionMaxBytes: number;
  /** Per response. */
  maxBytes: number;
}

export async function fetchPartitions(
  cluster: Cluster,
  leaderId: number,
  topic: { name: string; topicId: string },
  partitions: readonly PartitionFetch[],
  limits: FetchLimits,
): Promise<FetchedPartition[]> {
  const from = new Map(partitions.map((p) => [p.partition, p.offset]));
  const res = await cluster.send(
    leaderId,
    fetchApi,
    {
      clusterId: null,
      replicaId: -1,
      maxWaitMs: limits.maxWaitMs,
      minBytes: limits.maxWaitMs > 0 ? 1 : 0,
      maxBytes: limits.maxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topicId: topic.topicId,
          partitions: partitions.map((p) => ({
            partition: p.partition,
            currentLeaderEpoch: -1,
            fetchOffset: p.offset,
            lastFetchedEpoch: -1,
            logStartOffset: -1,
            partitionMaxBytes: limits.partitionMaxBytes,
          })),
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    },
    { timeoutMs: limits.maxWaitMs + 30_000, ...(limits.lane ? { lane: limits.lane } : {}) },
  );
  const out: FetchedPartition[] = [];
  for (const t of res.responses) {
    for (const p of t.partitions) {
      const start = from.get(p.partitionIndex) ?? 0;
      const batches = p.records && p.records.length > 0 ? decodeRecordBatches(p.records) : [];
      const records: KafkaRecord[] = [];
      let nextOffset = start;
      for (const batch of batches) {
        nextOffset = Math.max(nextOffset, batch.baseOffset + batch.lastOffsetDelta + 1);
        for (const r of batch.records) if (r.offset >= start) records.push(r);
      }
      out.push({
        partition: p.partitionIndex,
        errorCode: p.errorCode,
        highWatermark: Number(p.highWatermark),
        logStartOffset: Number(p.logStartOffset),
        records,
        nextOffset,
      });
    }
  }
  return out;
}
