/**
 * Which partitions this member of a classic group owns, as one AbortSignal per partition: the signal
 * handed with every record of a partition aborts when a rebalance gives the partition away, when the
 * consumer crashes (kafkajs has left the group by then), or on close.
 *
 * kafkajs has no revoke callback; it reports each completed join (GROUP_JOIN, emitted synchronously at
 * the end of JoinGroup + SyncGroup, before the first fetch of the new generation) with the member's whole
 * assignment, so losing a partition is learned there.
 */
export interface AssignmentChange {
  kept: TopicPartition[];
  lost: TopicPartition[];
  gained: TopicPartition[];
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export class PartitionOwnership {
  private readonly owned = new Map<string, { tp: TopicPartition; controller: AbortController }>();

  /** The signal for records of this partition (a partition first seen in a batch counts as owned). */
  signal(topic: string, partition: number): AbortSignal {
    const k = key(topic, partition);
    let entry = this.owned.get(k);
    if (!entry) {
      entry = { tp: { topic, partition }, controller: new AbortController() };
      this.owned.set(k, entry);
    }
    return entry.controller.signal;
  }

  /** A join completed with this assignment (kafkajs' memberAssignment: topic → partitions). */
  assign(assignment: Record<string, number[]>): AssignmentChange {
    const next = new Set<string>();
    const change: AssignmentChange = { kept: [], lost: [], gained: [] };
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const k = key(topic, partition);
        next.add(k);
        if (this.owned.has(k)) change.kept.push({ topic, partition });
        else {
          change.gained.push({ topic, partition });
          this.signal(topic, partition);
        }
      }
    }
    for (const [k, entry] of this.owned) {
      if (next.has(k)) continue;
      this.owned.delete(k);
      entry.controller.abort();
      change.lost.push(entry.tp);
    }
    return change;
  }

  /** Every partition is gone (crash, close). */
  loseAll(): TopicPartition[] {
    const lost = [...this.owned.values()];
    this.owned.clear();
    for (const entry of lost) entry.controller.abort();
    return lost.map((entry) => entry.tp);
  }
}

export function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
