/**
 * resetShareGroupOffsets — move a share group's start offset (SPSO) on a topic, or forget it.
 *
 * In:  groupId and one of
 *        { topic, to: 'earliest' | 'latest' }          every partition to its log start / high watermark
 *        { topic, offsets: { [partition]: offset } }   explicit start offsets
 *        { topic, to: 'delete' }                       drop the group's state for the topic: the next fetch
 *                                                      starts again from share.auto.offset.reset
 * Out: void.
 * RPC: AlterShareGroupOffsets (91) v0 / DeleteShareGroupOffsets (92) v0 to the group coordinator
 *      (earliest/latest first ask ListOffsets). The group must be EMPTY (no members).
 * Errors: NON_EMPTY_GROUP (68) while members are connected, GROUP_ID_NOT_FOUND, UNKNOWN_TOPIC_OR_PARTITION,
 *      per-topic/partition errors, all as KafkaProtocolError; coordinator moves are retried.
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import { alterShareGroupOffsetsApi } from '../../protocol/apis/alter-share-group-offsets/index.js';
import { deleteShareGroupOffsetsApi } from '../../protocol/apis/delete-share-group-offsets/index.js';
import { withCoordinator } from './coordinator.js';
import { listOffsets } from './list-offsets.js';

export type ShareOffsetReset =
  | { topic: string; to: 'earliest' | 'latest' | 'delete' }
  | { topic: string; offsets: Readonly<Record<number, number>> };

export async function resetShareGroupOffsets(
  cluster: Cluster,
  groupId: string,
  reset: ShareOffsetReset,
): Promise<void> {
  let offsets: { partition: number; offset: number }[];
  if ('offsets' in reset) {
    offsets = Object.entries(reset.offsets).map(([p, offset]) => ({ partition: Number(p), offset }));
  } else if (reset.to === 'delete') {
    await deleteTopicState(cluster, groupId, reset.topic);
    return;
  } else {
    const listed = await listOffsets(cluster, [reset.topic], reset.to);
    offsets = listed.map((o) => ({ partition: o.partition, offset: o.offset }));
  }
  await withCoordinator(cluster, groupId, async (nodeId) => {
    const res = await cluster.send(nodeId, alterShareGroupOffsetsApi, {
      groupId,
      topics: [
        {
          topicName: reset.topic,
          partitions: offsets.map((o) => ({ partitionIndex: o.partition, startOffset: o.offset })),
        },
      ],
    });
    throwIfBrokerError(res.errorCode, `AlterShareGroupOffsets ${groupId}: ${res.errorMessage ?? ''}`);
    for (const t of res.responses) {
      for (const p of t.partitions) {
        throwIfBrokerError(
          p.errorCode,
          `AlterShareGroupOffsets ${groupId} ${t.topicName}[${p.partitionIndex}]: ${p.errorMessage ?? ''}`,
        );
      }
    }
  });
}

async function deleteTopicState(cluster: Cluster, groupId: string, topic: string): Promise<void> {
  await withCoordinator(cluster, groupId, async (nodeId) => {
    const res = await cluster.send(nodeId, deleteShareGroupOffsetsApi, {
      groupId,
      topics: [{ topicName: topic }],
    });
    throwIfBrokerError(res.errorCode, `DeleteShareGroupOffsets ${groupId}: ${res.errorMessage ?? ''}`);
    for (const t of res.responses) {
      throwIfBrokerError(
        t.errorCode,
        `DeleteShareGroupOffsets ${groupId} ${t.topicName}: ${t.errorMessage ?? ''}`,
      );
    }
  });
}
