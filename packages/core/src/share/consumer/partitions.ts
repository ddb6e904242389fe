/**
 * Per share-partition state on the client: where it lives (leader), whether the group assigned it to us,
 * and the acknowledgements waiting to go to its leader. Looked up by name (acknowledge()) and by topic id
 * (fetch responses); both lookups avoid building string keys on the hot path.
 */
import type { DeliveredRecord, RecordRef } from '../../engine/engine.js';
import type { PendingAck } from './ack-ranges.js';
import { getOrCreate } from './maps.js';
import type { SessionGeneration } from './session.js';

/** The share session a delivered record was acquired in, kept on the record (see SharePartitionState). */
const ACQUIRED_IN = Symbol('sharq.acquiredIn');
type TaggedRecord = RecordRef & { [ACQUIRED_IN]?: SessionGeneration };

export class SharePartitionState {
  /** Leader node id; undefined until metadata knows it. */
  leader: number | undefined;
  assigned = false;
  /** ACCEPT / RELEASE / REJECT / GAP waiting for the next ShareFetch or ShareAcknowledge. */
  acks: PendingAck[] = [];
  /** RENEW: sent on their own ShareAcknowledge (IsRenewAck=true cannot ride on a data fetch). */
  renews: PendingAck[] = [];
  /**
   * Records fetched from here and not yet acknowledge()d: the broker counts them against the
   * partition's lock cap (group.share.partition.max.record.locks) until their acks are applied.
   */
  private held = 0;
  /** Latest lock expiry of those records: past it the broker has taken them all back. */
  private heldUntil = 0;
  /**
   * The share session each delivered record was acquired in, so an ack for a record whose session the
   * broker lost fails at once instead of going to the broker (which answers INVALID_REQUEST or
   * INVALID_RECORD_STATE, or worse, applies it to a later delivery of the same offset to this member).
   * On the record object itself (exact even when the offset was delivered again; a property, not a
   * WeakMap entry per record, which cost a no-op worker's GC a visible share), and by offset for callers
   * that pass a copy: one entry per unsettled offset, removed by its final ack, kept after its session ended
   * so that a late ack still fails fast.
   */
  private readonly byOffset = new Map<number, SessionGeneration>();

  constructor(
    readonly topic: string,
    readonly topicId: string,
    readonly partition: number,
  ) {}

  get hasAcks(): boolean {
    return this.acks.length > 0;
  }

  /** `count` records were acquired here, locked until `lockExpiresAt`. */
  acquired(count: number, lockExpiresAt: number): void {
    this.held += count;
    this.heldUntil = Math.max(this.heldUntil, lockExpiresAt);
  }

  /** `record` was delivered, acquired in `generation` (a redelivery of its offset replaces the offset's entry). */
  delivered(record: DeliveredRecord, generation: SessionGeneration): void {
    (record as TaggedRecord)[ACQUIRED_IN] = generation;
    this.byOffset.set(record.offset, generation);
  }

  /** The session `ref` was acquired in: exact for a delivered record, else its offset's latest unsettled delivery. */
  generationOf(ref: RecordRef): SessionGeneration | undefined {
    return (ref as TaggedRecord)[ACQUIRED_IN] ?? this.byOffset.get(ref.offset);
  }

  /** The delivery of `offset` acquired in `generation` got its final ack (or failed): stop tracking it. */
  settled(offset: number, generation: SessionGeneration | undefined): void {
    if (generation && this.byOffset.get(offset) === generation) this.byOffset.delete(offset);
  }

  /** The broker released what this partition's session held for us: nothing counts against the lock cap. */
  lostHeld(): void {
    this.held = 0;
  }

  /** One record was acknowledged (its ack is queued, it counts as carried from now on). */
  released(): void {
    if (this.held > 0) this.held--;
  }

  /** Records fetched and not acknowledged yet; 0 once every lock has lapsed (a lost ack cannot pin it). */
  heldAt(now: number): number {
    if (now >= this.heldUntil) this.held = 0;
    return this.held;
  }

  /** Offsets of the queued acks (ACCEPT/RELEASE/REJECT/GAP): still locked until the broker applies them. */
  get queuedAckRecords(): number {
    let n = 0;
    for (const e of this.acks) n += e.lastOffset - e.firstOffset + 1;
    return n;
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
