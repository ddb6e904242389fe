import type {
  AckReceipt,
  AckType,
  DeliveredRecord,
  PartitionLag,
  RecordRef,
  ShareGroupConfig,
  ShareGroupDescription,
} from '../engine/engine.js';
import type { Clock, TimerHandle } from './clock.js';
import { writeBrokerDeadLetter } from './dead-letter.js';
import { unknownTopicOrPartition } from './errors.js';
import { type GroupDefaults, type GroupSettings, groupSettings } from './options.js';
import { type ArchivedRecord, SharePartition } from './share-partition.js';
import type { TopicStore } from './topic-store.js';
import { WorkSignal } from './work-signal.js';

export interface GroupMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly topics: readonly string[];
  lastSeen: number;
  /** Polls of this member currently waiting: a member inside a long poll is alive. */
  polling: number;
  /** Where the next poll starts in the member's partition list (fair rotation). */
  cursor: number;
}

export interface GroupContext {
  readonly topics: TopicStore;
  readonly clock: Clock;
  readonly defaults: GroupDefaults;
}

/**
 * One share group: its configs, members, and a SharePartition per (topic, partition) it consumes.
 * Every member is assigned every partition of its topics (many members share one partition).
 * Owns the timers: one lock-expiry timer at the group's earliest lock, and a session sweep.
 */
export class ShareGroup {
  private config: ShareGroupConfig = {};
  private settings: GroupSettings;
  private readonly members = new Map<string, GroupMember>();
  /** Per topic, SharePartitions indexed by partition (created on first use, like the broker's lazy init). */
  private readonly partitions = new Map<string, SharePartition[]>();
  private readonly unlisten = new Map<string, () => void>();
  private readonly work = new WorkSignal();
  private lockTimer: { at: number; handle: TimerHandle } | undefined;
  private sessionTimer: TimerHandle | undefined;

  constructor(
    readonly groupId: string,
    private readonly ctx: GroupContext,
  ) {
    this.settings = groupSettings(ctx.defaults, this.config);
  }

  configure(config: ShareGroupConfig): void {
    this.config = { ...this.config, ...config };
    this.settings = groupSettings(this.ctx.defaults, this.config);
    this.wake();
  }

  join(memberId: string, clientId: string, topics: readonly string[]): GroupMember {
    const member: GroupMember = {
      memberId,
      clientId,
      topics,
      lastSeen: this.ctx.clock.now(),
      polling: 0,
      cursor: 0,
    };
    this.members.set(memberId, member);
    for (const topic of topics) {
      if (this.unlisten.has(topic)) continue;
      // A partition that appears later (topic created or grown) starts where the reset policy says at
      // that moment, not at the next poll: records produced in between belong to the group.
      const onAppend = () => {
        this.sharePartitions(topic);
        this.wake();
      };
      this.unlisten.set(topic, this.ctx.topics.listen(topic, onAppend));
    }
    // The first member's join fixes the start of each share-partition (share.auto.offset.reset).
    this.assigned(member);
    this.armSessionSweep();
    return member;
  }

  /** A member is back after a session timeout removed it: it rejoins under the same id. */
  ensureMember(member: GroupMember): void {
    if (this.members.get(member.memberId) !== member) this.members.set(member.memberId, member);
    member.lastSeen = this.ctx.clock.now();
    this.armSessionSweep();
  }

  /** Leave (consumer close): release what the member holds, the attempt counting (Kafka ≥ 4.2). */
  leave(memberId: string): void {
    this.members.delete(memberId);
    let changed = false;
    for (const list of this.partitions.values()) {
      for (const sp of list) {
        const result = sp.releaseMember(memberId, this.settings);
        this.deadLetter(result.archived);
        if (result.released > 0 || result.archived.length > 0) changed = true;
      }
    }
    if (changed) this.wake();
  }

  acquire(member: GroupMember, max: number): DeliveredRecord[] {
    const now = this.ctx.clock.now();
    member.lastSeen = now;
    this.expireDue(now);
    const list = this.assigned(member);
    const out: DeliveredRecord[] = [];
    const n = list.length;
    let earliest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n && out.length < max; k++) {
      const sp = list[(member.cursor + k) % n]!;
      const result = sp.acquire(member.memberId, max - out.length, now, this.settings);
      for (const record of result.records) out.push(record);
      if (result.records.length > 0) earliest = Math.min(earliest, result.records[0]!.lockExpiresAt);
    }
    if (n > 0) member.cursor = (member.cursor + 1) % n;
    if (out.length > 0) this.armLockTimer(earliest);
    return out;
  }

  acknowledge(member: GroupMember, ref: RecordRef, type: AckType): AckReceipt {
    const now = this.ctx.clock.now();
    member.lastSeen = now;
    this.expireDue(now);
    const sp = this.partitions.get(ref.topic)?.[ref.partition];
    if (!sp) throw unknownTopicOrPartition(ref.topic, ref.partition);
    const result = sp.acknowledge(member.memberId, ref.offset, type, now, this.settings);
    if (result.archived) this.deadLetter([result.archived]);
    if (result.freed) this.wake();
    if (result.lockExpiresAt !== undefined) return { lockExpiresAt: result.lockExpiresAt };
    return {};
  }

  /** Resolves on the next event that may make records acquirable; `cancel` drops the wait. */
  waitForWork(): { promise: Promise<void>; cancel: () => void } {
    return this.work.wait();
  }

  describe(): ShareGroupDescription {
    return {
      groupId: this.groupId,
      state: this.members.size > 0 ? 'Stable' : 'Empty',
      members: [...this.members.values()].map((member) => ({
        memberId: member.memberId,
        clientId: member.clientId,
        clientHost: '/127.0.0.1',
        assignment: member.topics
          .filter((topic) => this.ctx.topics.get(topic))
          .map((topic) => ({
            topic,
            partitions: this.ctx.topics.get(topic)!.partitions.map((log) => log.partition),
          })),
      })),
    };
  }

  /**
   * SPSO, end offset and lag per partition. A partition no member has touched yet reports where it
   * would start (share.auto.offset.reset), so waiting work is visible before the first worker joins.
   */
  offsets(topics: readonly string[]): PartitionLag[] {
    const out: PartitionLag[] = [];
    for (const name of topics) {
      const topic = this.ctx.topics.get(name);
      if (!topic) continue;
      for (const log of topic.partitions) {
        const sp = this.partitions.get(name)?.[log.partition];
        const startOffset = sp ? sp.startOffset : this.initialOffset(log.startOffset, log.endOffset);
        const lag = sp ? sp.lag() : log.endOffset - startOffset;
        out.push({ topic: name, partition: log.partition, startOffset, endOffset: log.endOffset, lag });
      }
    }
    return out;
  }

  close(): void {
    this.lockTimer?.handle.cancel();
    this.lockTimer = undefined;
    this.sessionTimer?.cancel();
    this.sessionTimer = undefined;
    for (const stop of this.unlisten.values()) stop();
    this.unlisten.clear();
    this.members.clear();
    this.work.notifyNow();
  }

  private initialOffset(logStart: number, logEnd: number): number {
    return this.settings.autoOffsetReset === 'earliest' ? logStart : logEnd;
  }

  /** The member's partitions: every partition of its topics that exists. */
  private assigned(member: GroupMember): SharePartition[] {
    if (member.topics.length === 1) return this.sharePartitions(member.topics[0]!);
    return member.topics.flatMap((topic) => this.sharePartitions(topic));
  }

  /** The SharePartitions of one topic, created on first sight (the broker's lazy initialisation). */
  private sharePartitions(name: string): SharePartition[] {
    const topic = this.ctx.topics.get(name);
    if (!topic) return [];
    let list = this.partitions.get(name);
    if (!list) {
      list = [];
      this.partitions.set(name, list);
    }
    for (let p = list.length; p < topic.partitions.length; p++) {
      const log = topic.partitions[p]!;
      list.push(new SharePartition(log, this.initialOffset(log.startOffset, log.endOffset)));
    }
    return list;
  }

  private expireDue(now: number): void {
    if (this.lockTimer === undefined || this.lockTimer.at > now) return;
    this.onLockTimer();
  }

  private onLockTimer(): void {
    this.lockTimer?.handle.cancel();
    this.lockTimer = undefined;
    const now = this.ctx.clock.now();
    let changed = false;
    let next = Number.POSITIVE_INFINITY;
    for (const list of this.partitions.values()) {
      for (const sp of list) {
        const result = sp.expireLocks(now, this.settings);
        this.deadLetter(result.archived);
        if (result.released > 0 || result.archived.length > 0) changed = true;
        next = Math.min(next, sp.nextLockExpiry() ?? Number.POSITIVE_INFINITY);
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.armLockTimer(next);
    if (changed) this.wake();
  }

  private armLockTimer(at: number): void {
    if (this.lockTimer && this.lockTimer.at <= at) return;
    this.lockTimer?.handle.cancel();
    const handle = this.ctx.clock.setTimer(() => this.onLockTimer(), at - this.ctx.clock.now());
    this.lockTimer = { at, handle };
  }

  /** Members that neither poll nor acknowledge for a session timeout are dropped; their locks run out. */
  private armSessionSweep(): void {
    if (this.sessionTimer || this.members.size === 0) return;
    this.sessionTimer = this.ctx.clock.setTimer(() => {
      this.sessionTimer = undefined;
      const now = this.ctx.clock.now();
      for (const member of [...this.members.values()]) {
        if (member.polling === 0 && now - member.lastSeen > this.settings.sessionTimeoutMs) {
          this.members.delete(member.memberId);
        }
      }
      this.armSessionSweep();
    }, this.settings.heartbeatIntervalMs);
  }

  private deadLetter(archived: readonly ArchivedRecord[]): void {
    const topic = this.settings.deadLetterTopic;
    if (!topic || archived.length === 0) return;
    const now = this.ctx.clock.now();
    for (const entry of archived) {
      writeBrokerDeadLetter(
        this.ctx.topics,
        topic,
        this.groupId,
        this.settings.deadLetterCopyRecord,
        entry,
        now,
      );
    }
  }

  private wake(): void {
    this.work.notify();
  }
}
