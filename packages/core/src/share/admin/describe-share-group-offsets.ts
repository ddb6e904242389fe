/**
 * describeShareGroupOffsets — per partition: the SPSO (share-partition start offset) and the lag.
 *
 * In:  groupId, topics (null = every topic the group has state for).
 * Out: ShareGroupOffset[] — topic, partition, startOffset (SPSO; -1 when the partition has no state yet,
 *      i.e. no member ever fetched it), endOffset (high watermark), lag (records at or above SPSO not yet
 *      settled; KIP-1226, v1; -1 when the broker cannot tell, or on a v0 broker), leaderEpoch.
 * RPC: DescribeShareGroupOffsets (90) v1 (v0 on 4.1, without Lag) to the group coordinator,
 *      then ListOffsets (latest) to the partition leaders for the end offsets.
 * Errors: group-level and partition-level ErrorCode as KafkaProtocolError; coordinator moves are retried.
 *      A partition with no persisted state is not an error: startOffset -1.
 * Measured (4.4.0): the persisted SPSO may trail by the last acknowledged record until the next fetch
 *      moves it (SPSO 4 with all of 0..4 accepted); Lag is exact, so "how much is waiting" should read lag.
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import { describeShareGroupOffsetsApi } from '../../protocol/apis/describe-share-group-offsets/index.js';
import { withCoordinator } from './coordinator.js';
import { listOffsets } from './list-offsets.js';

export interface ShareGroupOffset {
  topic: string;
  partition: number;
  /** SPSO, or -1 if the share partition has no state yet. */
  startOffset: number;
  /** High watermark: the offset the next record will get. */
  endOffset: number;
  /** Broker-computed lag (v1), or -1 if unknown. */
  lag: number;
  leaderEpoch: number;
}

export async function describeShareGroupOffsets(
  cluster: Cluster,
  groupId: string,
  topics: string[] | null,
): Promise<ShareGroupOffset[]> {
  // Partitions must be listed per topic; ask metadata for them so the caller names topics only.
  const requestTopics =
    topics === null
      ? null
      : (await cluster.metadata(topics)).map((t) => ({
          topicName: t.name,
          partitions: t.partitions.map((p) => p.partition),
        }));
  const offsets = await withCoordinator(cluster, groupId, async (nodeId) => {
    const res = await cluster.send(nodeId, describeShareGroupOffsetsApi, {
      groups: [{ groupId, topics: requestTopics }],
    });
    const out: ShareGroupOffset[] = [];
    for (const group of res.groups) {
      throwIfBrokerError(
        group.errorCode,
        `DescribeShareGroupOffsets ${groupId}: ${group.errorMessage ?? ''}`,
      );
      for (const topic of group.topics) {
        for (const p of topic.partitions) {
          throwIfBrokerError(
            p.errorCode,
            `DescribeShareGroupOffsets ${groupId} ${topic.topicName}[${p.partitionIndex}]: ${p.errorMessage ?? ''}`,
          );
          out.push({
            topic: topic.topicName,
            partition: p.partitionIndex,
            startOffset: Number(p.startOffset),
            endOffset: -1,
            lag: p.lag === undefined ? -1 : Number(p.lag),
            leaderEpoch: p.leaderEpoch,
          });
        }
      }
    }
    return out;
  });
  const ends = await listOffsets(cluster, [...new Set(offsets.map((o) => o.topic))], 'latest');
  const endOf = new Map(ends.map((e) => [`${e.topic}\u0000${e.partition}`, e.offset]));
  for (const o of offsets) o.endOffset = endOf.get(`${o.topic}\u0000${o.partition}`) ?? -1;
  return offsets.sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
}
