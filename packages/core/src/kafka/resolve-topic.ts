import type { Cluster } from '../client/cluster.js';
import { brokerError } from '../client/errors.js';

const UNKNOWN_TOPIC_OR_PARTITION = 3;

export interface ResolvedTopic {
  name: string;
  topicId: string;
  partitions: { partition: number; leaderId: number }[];
}

/**
 * Fresh topic metadata (id, partitions, leaders): the cluster caches metadata, and a topic may have grown
 * partitions or been recreated since. UNKNOWN_TOPIC_OR_PARTITION when the topic does not exist.
 */
export async function resolveTopic(cluster: Cluster, topic: string): Promise<ResolvedTopic> {
  await cluster.refreshMetadata([topic]);
  const found = (await cluster.metadata([topic])).find((t) => t.name === topic);
  if (!found || found.partitions.length === 0) throw brokerError(UNKNOWN_TOPIC_OR_PARTITION, topic);
  return found;
}
