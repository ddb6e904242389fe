/**
 * The KIP-932 share consumer: membership (membership.ts) tells which partitions are ours, one BrokerLink
 * per leader (fetcher.ts) runs that broker's share session, and this class decides what each link sends.
 *
 * Flow control: records are acquired only for a poll() that is waiting, and never more than it asked
 * for — the ShareFetch MaxRecords of all links in flight add up to at most the outstanding demand minus
 * what is already buffered (acquired-but-unprocessed records burn lock time and delivery attempts).
 * Acknowledgements queue per partition and ride on the next fetch to the partition's leader, or go out
 * in one ShareAcknowledge after `ackLingerMs` when no fetch is due. RENEWs go out at once.
 */
import type {
  AckReceipt,
  AckType,
  DeliveredRecord,
  PollOptions,
  RecordRef,
  ShareConsumer,
} from '../../engine/engine.js';
import { isKafkaProtocolError, type KafkaProtocolError } from '../../client/errors.js';
import { ClosedError, ValidationError } from '../../errors.js';
import type { PendingAck } from './ack-ranges.js';
import { type AckKind, rejectQueued, settleAcks } from './acknowledgements.js';
import { DeliveryBuffer } from './delivery-buffer.js';
import { BrokerLink, type FetcherHost, type FetchTunables } from './fetcher.js';
import { getOrCreate } from './maps.js';
import { type AssignedPartition, Membership } from './membership.js';
import {
  parseShareConsumerConfig,
  type ResolvedShareConsumerConfig,
  type ShareConsumerConfig,
} from './options.js';
import { PartitionRegistry, type SharePartitionState } from './partitions.js';
import type { ShareTransport } from './transport.js';
import { AckTypeCode } from './wire.js';

const ACK_CODES: Record<AckType, number> = {
  accept: AckTypeCode.accept,
  release: AckTypeCode.release,
  reject: AckTypeCode.reject,
  renew: AckTypeCode.renew,
};

export class KafkaShareConsumer implements ShareConsumer, FetcherHost {
  readonly memberId: string;
  readonly groupId: string;
  readonly tunables: FetchTunables;
  private readonly config: ResolvedShareConsumerConfig;
  private readonly partitions = new PartitionRegistry();
  private readonly links = new Map<number, BrokerLink>();
  private readonly buffer: DeliveryBuffer;
  private readonly membership: Membership;
  /** Assigned partitions by leader node. */
  private wanted = new Map<number, Set<SharePartitionState>>();
  /** MaxRecords of the fetches in flight. */
  private reserved = 0;
  /** Latest deadline among waiting polls: a fetch never long-polls past it. */
  private waitUntil = 0;
  private rotation = 0;
  private fatalError: Error | undefined;
  private closing: Promise<void> | undefined;
  private acceptingAcks = true;
  /** close() is flushing: the links belong to it, pump() stays out. */
  private draining = false;
  private refreshing: Promise<void> | undefined;
  private pumpQueued = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly transport: ShareTransport,
    config: ShareConsumerConfig,
  ) {
    this.config = parseShareConsumerConfig(config);
    this.groupId = this.config.groupId;
    this.tunables = {
      minBytes: this.config.minBytes,
      maxBytes: this.config.maxBytes,
      requestTimeoutMs: this.config.requestTimeoutMs,
    };
    this.buffer = new DeliveryBuffer(() => this.now());
    this.membership = new Membership({
      transport,
      groupId: this.groupId,
      topics: this.config.topics,
      initialHeartbeatIntervalMs: this.config.heartbeatIntervalMs,
      onAssignment: (assigned) => this.assign(assigned),
      onError: (error) => this.report(error),
      onFatal: (error) => this.fail(error),
    });
    this.memberId = this.membership.memberId;
  }

  now(): number {
    return Date.now();
  }

  /** Joins the group without waiting for a poll (poll() does it too). */
  start(): void {
    if (!this.closing && !this.fatalError) this.membership.start();
  }

  async poll(maxRecords: number, options: PollOptions = {}): Promise<DeliveredRecord[]> {
    if (this.fatalError) throw this.fatalError;
    if (this.closing) throw new ClosedError('share consumer');
    if (!Number.isInteger(maxRecords) || maxRecords < 1) {
      throw new ValidationError(`poll: maxRecords must be a positive integer, got ${maxRecords}`, [
        { path: 'maxRecords', message: 'must be a positive integer' },
      ]);
    }
    this.membership.start();
    const ready = this.buffer.take(maxRecords);
    if (ready.length > 0 || options.signal?.aborted) return ready;
    const waitMs = options.maxWaitMs ?? this.config.pollMaxWaitMs;
    this.waitUntil = Math.max(this.waitUntil, this.now() + waitMs);
    const waiting = this.buffer.wait(maxRecords, waitMs, options.signal);
    this.pump();
    const records = await waiting;
    if (records.length === 0 && this.fatalError) throw this.fatalError;
    return records;
  }

  acknowledge(record: RecordRef, type: AckType): Promise<AckReceipt> {
    if (!this.acceptingAcks) return Promise.reject(this.fatalError ?? new ClosedError('share consumer'));
    const p = this.partitions.get(record.topic, record.partition);
    const code = ACK_CODES[type];
    if (!p || code === undefined) {
      const what = p ? `ack type ${JSON.stringify(type)}` : `${record.topic}[${record.partition}]`;
      return Promise.reject(
        new ValidationError(`acknowledge: unknown ${what} (never delivered by this consumer)`, [
          { path: p ? 'type' : 'record', message: 'not acknowledgeable' },
        ]),
      );
    }
    return new Promise<AckReceipt>((resolve, reject) => {
      const entry: PendingAck = {
        firstOffset: record.offset,
        lastOffset: record.offset,
        type: code,
        attempts: 0,
        resolve,
        reject,
      };
      if (code === AckTypeCode.renew) p.renews.push(entry);
      else p.acks.push(entry);
      this.schedulePump();
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // ---- FetcherHost -------------------------------------------------------------------------------

  wantedOn(nodeId: number): ReadonlySet<SharePartitionState> {
    return this.wanted.get(nodeId) ?? EMPTY;
  }

  ackingOn(nodeId: number, kind: AckKind): SharePartitionState[] {
    const out: SharePartitionState[] = [];
    for (const p of this.partitions.all()) {
      if (p.leader === nodeId && (kind === 'acks' ? p.acks : p.renews).length > 0) out.push(p);
    }
    return out;
  }

  deliver(records: DeliveredRecord[]): void {
    this.buffer.push(records);
  }

  partitionFailed(_p: SharePartitionState, error: KafkaProtocolError): void {
    if (error.refreshMetadata) this.refreshMetadata();
    else this.report(error);
  }

  requestFailed(link: BrokerLink, error: Error): void {
    if (isKafkaProtocolError(error)) {
      if (error.fatal) {
        this.fail(error);
        return;
      }
      if (error.rejoin) this.membership.rejoin();
      if (error.refreshMetadata) this.refreshMetadata();
    } else {
      // Connection lost or timed out: the broker may be gone for good, its partitions led elsewhere.
      this.refreshMetadata();
    }
    this.report(error);
    this.wakeIn(link.backoffDelay());
  }

  // ---- scheduling --------------------------------------------------------------------------------

  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Decides what every idle link sends next. Cheap enough to run after every event. */
  private pump(): void {
    if (this.fatalError || this.draining) return;
    const now = this.now();
    const closing = this.closing !== undefined;
    for (const link of this.links.values()) {
      if (link.busy || now < link.blockedUntil) continue;
      if (this.ackingOn(link.nodeId, 'renews').length === 0) continue;
      this.launch(link, () => (link.session.isOpen ? link.acknowledge('renews') : link.open()));
    }
    if (!closing) this.dispatchFetches(now);
    for (const link of this.linksWithAcks()) {
      if (link.busy) continue;
      if (now < link.blockedUntil) {
        this.wakeIn(link.blockedUntil - now);
        continue;
      }
      if (!link.session.isOpen) {
        // Acks cannot ride on epoch 0: open the session without acquiring, then ShareAcknowledge.
        this.launch(link, () => link.open());
        continue;
      }
      if (link.lingerTimer) continue;
      link.lingerTimer = setTimeout(() => {
        link.lingerTimer = undefined;
        if (!link.busy && this.now() >= link.blockedUntil) this.launch(link, () => link.acknowledge('acks'));
        else this.pump();
      }, this.config.ackLingerMs);
    }
  }

  private dispatchFetches(now: number): void {
    let budget = this.buffer.demand - this.buffer.size - this.reserved;
    if (budget <= 0) return;
    const ready: BrokerLink[] = [];
    for (const [nodeId, partitions] of this.wanted) {
      if (partitions.size === 0) continue;
      const link = this.link(nodeId);
      if (link.busy) continue;
      if (now < link.blockedUntil) {
        this.wakeIn(link.blockedUntil - now);
        continue;
      }
      ready.push(link);
    }
    if (ready.length === 0) return;
    const maxWaitMs = Math.max(0, Math.min(this.config.fetchMaxWaitMs, this.waitUntil - now));
    const start = this.rotation++ % ready.length;
    const count = Math.min(ready.length, budget);
    for (let i = 0; i < count; i++) {
      const link = ready[(start + i) % ready.length] as BrokerLink;
      const share = Math.ceil(budget / (count - i));
      budget -= share;
      this.startFetch(link, share, maxWaitMs);
    }
  }

  private startFetch(link: BrokerLink, maxRecords: number, maxWaitMs: number): void {
    clearTimeout(link.lingerTimer);
    link.lingerTimer = undefined;
    this.reserved += maxRecords;
    this.launch(link, async () => {
      try {
        await link.fetch(maxRecords, maxWaitMs);
      } finally {
        this.reserved -= maxRecords;
      }
    });
  }

  private launch(link: BrokerLink, task: () => Promise<void>): void {
    link.run(task, () => this.pump());
  }

  private *linksWithAcks(): IterableIterator<BrokerLink> {
    const seen = new Set<number>();
    for (const p of this.partitions.all()) {
      if (p.acks.length === 0) continue;
      if (p.leader === undefined) {
        this.refreshMetadata();
        continue;
      }
      if (seen.has(p.leader)) continue;
      seen.add(p.leader);
      yield this.link(p.leader);
    }
  }

  private wakeIn(delayMs: number): void {
    const at = this.now() + delayMs;
    if (at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, delayMs);
  }

  private link(nodeId: number): BrokerLink {
    return getOrCreate(this.links, nodeId, () => new BrokerLink(nodeId, this));
  }

  // ---- assignment and metadata -------------------------------------------------------------------

  private assign(assigned: AssignedPartition[]): void {
    for (const p of this.partitions.all()) p.assigned = false;
    let unknownLeader = false;
    for (const { topic, topicId, partition } of assigned) {
      const p = this.partitions.ensure(topic, topicId, partition);
      p.assigned = true;
      p.leader = this.transport.leaderOf(topic, partition);
      if (p.leader === undefined) unknownLeader = true;
    }
    this.rebuildWanted();
    if (unknownLeader) this.refreshMetadata();
    this.pump();
  }

  private rebuildWanted(): void {
    const wanted = new Map<number, Set<SharePartitionState>>();
    for (const p of this.partitions.all()) {
      if (!p.assigned || p.leader === undefined) continue;
      getOrCreate(wanted, p.leader, () => new Set<SharePartitionState>()).add(p);
    }
    this.wanted = wanted;
  }

  private refreshMetadata(): void {
    if (this.refreshing || this.closing) return;
    this.refreshing = this.transport
      .refreshMetadata([...this.config.topics])
      .then(() => {
        for (const p of this.partitions.all()) p.leader = this.transport.leaderOf(p.topic, p.partition);
        this.rebuildWanted();
      })
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        this.refreshing = undefined;
        this.pump();
      });
  }

  // ---- errors and close --------------------------------------------------------------------------

  private report(error: unknown): void {
    const onError = this.config.onError;
    if (onError) onError(error instanceof Error ? error : new Error(String(error)));
  }

  private fail(error: Error): void {
    if (this.fatalError) return;
    this.fatalError = error;
    this.acceptingAcks = false;
    for (const p of this.partitions.all()) rejectQueued(p, error);
    this.buffer.wakeAll();
    this.report(error);
  }

  private async shutdown(): Promise<void> {
    this.buffer.wakeAll();
    clearTimeout(this.wakeTimer);
    await this.idle();
    this.draining = true;
    // Records acquired for a poll that never took them go back at once instead of waiting for their lock.
    for (const record of this.buffer.drain()) {
      const p = this.partitions.get(record.topic, record.partition);
      p?.acks.push({
        firstOffset: record.offset,
        lastOffset: record.offset,
        type: AckTypeCode.release,
        attempts: 0,
      });
    }
    this.acceptingAcks = false;
    const closed = new ClosedError('share consumer');
    for (const p of this.partitions.all()) {
      settleAcks(p.renews, closed, {});
      p.renews = [];
    }
    if (!this.fatalError) await Promise.all([...this.links.values()].map((link) => this.flushAndClose(link)));
    for (const p of this.partitions.all()) rejectQueued(p, closed);
    try {
      await this.membership.leave();
    } catch (error) {
      this.report(error);
    }
    clearTimeout(this.wakeTimer);
  }

  /**
   * Sends every queued ack of this link on plain ShareAcknowledges (a refused batch can still be split and
   * retried), then closes the session with epoch -1, which releases whatever we still hold there.
   */
  private async flushAndClose(link: BrokerLink): Promise<void> {
    clearTimeout(link.lingerTimer);
    for (let round = 0; round < 64 && this.ackingOn(link.nodeId, 'acks').length > 0; round++) {
      if (!link.session.isOpen) await link.open();
      if (!link.session.isOpen) return;
      await link.acknowledge('acks');
    }
    if (link.session.isOpen) await link.acknowledge('acks', true);
  }

  /** Waits until no link has a request in flight. */
  private async idle(): Promise<void> {
    for (;;) {
      const running = [...this.links.values()].map((l) => l.current).filter((c) => c !== undefined);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }
}

const EMPTY: ReadonlySet<SharePartitionState> = new Set();
