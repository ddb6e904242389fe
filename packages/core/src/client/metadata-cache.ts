/**
 * What we know about topics: name ↔ topic id and each partition's leader. Share RPCs address topics
 * by id, so both directions are kept. Replaced per topic on every metadata answer.
 */
import type { MetadataTopic } from '../protocol/apis/metadata/types.js';

export interface ClusterPartition {
  partition: number;
  /** -1 while the partition has no leader. */
  leaderId: number;
  leaderEpoch: number;
}

export interface ClusterTopic {
  name: string;
  topicId: string;
  partitions: ClusterPartition[];
}

export class MetadataCache {
  private readonly byName = new Map<string, ClusterTopic>();
  private readonly nameById = new Map<string, string>();

  get(name: string): ClusterTopic | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  nameOf(topicId: string): string | undefined {
    return this.nameById.get(topicId);
  }

  /** Stores an error-free topic from a metadata answer. */
  put(topic: MetadataTopic & { name: string }): ClusterTopic {
    const previous = this.byName.get(topic.name);
    if (previous && previous.topicId !== topic.topicId) this.nameById.delete(previous.topicId);
    const entry: ClusterTopic = {
      name: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitions
        .map((p) => ({ partition: p.partitionIndex, leaderId: p.leaderId, leaderEpoch: p.leaderEpoch }))
        .sort((a, b) => a.partition - b.partition),
    };
    this.byName.set(entry.name, entry);
    this.nameById.set(entry.topicId, entry.name);
    return entry;
  }

  /** Forgets a topic (deleted, or unknown to the broker). */
  delete(name: string): void {
    const previous = this.byName.get(name);
    if (!previous) return;
    this.byName.delete(name);
    this.nameById.delete(previous.topicId);
  }

  leaderOf(name: string, partition: number): number | undefined {
    const partitions = this.byName.get(name)?.partitions;
    if (!partitions) return undefined;
    // Partitions are dense and sorted, so the index is the position; find() only for a gap.
    const direct = partitions[partition];
    const leader = (
      direct?.partition === partition ? direct : partitions.find((p) => p.partition === partition)
    )?.leaderId;
    return leader === undefined || leader < 0 ? undefined : leader;
  }
}
