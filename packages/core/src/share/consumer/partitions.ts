/**
 * Per share-partition state on the client: where it lives (leader), whether the group assigned it to us,
 * and the acknowledgements waiting to go to its leader. Looked up by name (acknowledge()) and by topic id
 * (fetch responses); both lookups avoid building string keys on the hot path.
 */
import type { PendingAck } from './ack-ranges.js';
import { getOrCreate } from './maps.js';

export class SharePartitionState {
  /** Leader node id; undefined until metadata knows it. */
  leader: number | undefined;
  assigned = false;
  /** ACCEPT / RELEASE / REJECT / GAP waiting for the next ShareFetch or ShareAcknowledge. */
  acks: PendingAck[] = [];
  /** RENEW: sent on their own ShareAcknowledge (IsRenewAck=true cannot ride on a data fetch). */
  renews: PendingAck[] = [];

  constructor(
    readonly topic: string,
    readonly topicId: string,
    readonly partition: number,
  ) {}

  get hasAcks(): boolean {
    return this.acks.length > 0;
  }
}

export class PartitionRegistry {
  private readonly byName = new Map<string, Map<number, SharePartitionState>>();
  private readonly byId = new Map<string, Map<number, SharePartitionState>>();

  get(topic: string, partition: number): SharePartitionState | undefined {
    return this.byName.get(topic)?.get(partition);
  }

  getById(topicId: string, partition: number): SharePartitionState | undefined {
    return this.byId.get(topicId)?.get(partition);
  }

  /** The state for this partition, created on first sight. A topic re-created under a new id gets a fresh state. */
  ensure(topic: string, topicId: string, partition: number): SharePartitionState {
    const existing = this.get(topic, partition);
    if (existing && existing.topicId === topicId) return existing;
    const state = new SharePartitionState(topic, topicId, partition);
    getOrCreate(this.byName, topic, () => new Map()).set(partition, state);
    getOrCreate(this.byId, topicId, () => new Map()).set(partition, state);
    return state;
  }

  *all(): IterableIterator<SharePartitionState> {
    for (const partitions of this.byName.values()) yield* partitions.values();
  }
}
