/**
 * Which partitions this member of a classic group owns, and one AbortSignal per record in onRecord: a
 * record's signal aborts when a rebalance gives its partition away, when the consumer crashes (kafkajs
 * has left the group by then), or on close. One signal per record rather than one per partition, so a
 * handler that listens on its signal never piles listeners onto a signal that outlives its record.
 *
 * kafkajs has no revoke callback; it reports each completed join (GROUP_JOIN, emitted synchronously at
 * the end of JoinGroup + SyncGroup, before the first fetch of the new generation) with the member's whole
 * assignment, so losing a partition is learned there.
 */
export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface AssignmentChange {
  kept: TopicPartition[];
  lost: TopicPartition[];
  gained: TopicPartition[];
}

/** One record's ownership: `signal` goes to onRecord; release() once its verdict is in. */
export interface RecordLease {
  readonly signal: AbortSignal;
  release(): void;
}

interface Owned {
  readonly tp: TopicPartition;
  readonly records: Set<AbortController>;
}

export class PartitionOwnership {
  private readonly owned = new Map<string, Owned>();

  /** A lease for one record of this partition (a partition first seen in a batch counts as owned). */
  lease(topic: string, partition: number): RecordLease {
    const owned = this.entry(topic, partition);
    const controller = new AbortController();
    owned.records.add(controller);
    return { signal: controller.signal, release: () => owned.records.delete(controller) };
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
          this.entry(topic, partition);
        }
      }
    }
    for (const [k, owned] of this.owned) {
      if (next.has(k)) continue;
      this.owned.delete(k);
      abortAll(owned);
      change.lost.push(owned.tp);
    }
    return change;
  }

  /** Every partition is gone (crash, close). */
  loseAll(): void {
    const lost = [...this.owned.values()];
    this.owned.clear();
    for (const owned of lost) abortAll(owned);
  }

  private entry(topic: string, partition: number): Owned {
    const k = key(topic, partition);
    let owned = this.owned.get(k);
    if (!owned) {
      owned = { tp: { topic, partition }, records: new Set() };
      this.owned.set(k, owned);
    }
    return owned;
  }
}

function abortAll(owned: Owned): void {
  const records = [...owned.records];
  owned.records.clear();
  for (const controller of records) controller.abort();
}

export function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
