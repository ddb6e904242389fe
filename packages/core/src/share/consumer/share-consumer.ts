/**
 * The KIP-932 share consumer: membership (membership.ts) tells which partitions are ours, routing.ts
 * which broker leads each, one BrokerLink per leader (fetcher.ts) runs that broker's share session, and
 * dispatcher.ts decides what each link sends next. This class is the public face: poll, acknowledge, close.
 *
 * Flow control: records are acquired only for a poll() that is waiting, and never more than it asked
 * for (acquired-but-unprocessed records burn lock time and delivery attempts). Acknowledgements queue
 * per partition and ride on the next fetch to the partition's leader, or go out in one ShareAcknowledge
 * shortly after when no fetch is due. RENEWs go out at once.
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
import { ClosedError, ValidationError, toError } from '../../errors.js';
import type { PendingAck } from './ack-ranges.js';
import { type AckKind, failEnded, rejectQueued, sessionEndedError, settleAcks } from './acknowledgements.js';
import { DeliveryBuffer } from './delivery-buffer.js';
import { within } from './deadline.js';
import { Dispatcher } from './dispatcher.js';
import type { BrokerLink, FetcherHost, FetchTunables } from './fetcher.js';
import { Membership } from './membership.js';
import {
  parseShareConsumerConfig,
  type ResolvedShareConsumerConfig,
  type ShareConsumerConfig,
} from './options.js';
import type { SharePartitionState } from './partitions.js';
import { PartitionRouting } from './routing.js';
import type { SessionGeneration } from './session.js';
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
  private readonly routing: PartitionRouting;
  private readonly buffer: DeliveryBuffer;
  private readonly membership: Membership;
  private readonly dispatcher: Dispatcher;
  private fatalError: Error | undefined;
  private closing: Promise<void> | undefined;
  /** stopFetching() ran: nothing is acquired any more (close() still to come). */
  private fetchStopped = false;
  private acceptingAcks = true;
  /** A poll's acquire mode when it names none (the acquireMode option). */
  private readonly defaultAcquire: 'exact' | 'batches';
  /** join() calls waiting for the first assignment. */
  private readonly assignmentWaiters: (() => void)[] = [];

  constructor(
    readonly transport: ShareTransport,
    config: ShareConsumerConfig,
  ) {
    this.config = parseShareConsumerConfig(config);
    this.groupId = this.config.groupId;
    this.defaultAcquire = this.config.acquireMode === 'batch_optimized' ? 'batches' : 'exact';
    this.tunables = {
      minBytes: this.config.minBytes,
      maxBytes: this.config.maxBytes,
      requestTimeoutMs: this.config.requestTimeoutMs,
    };
    this.buffer = new DeliveryBuffer(
      () => this.now(),
      (record) => this.forgetDelivery(record),
    );
    this.routing = new PartitionRouting(
      transport,
      this.config.topics,
      () => this.dispatcher.pump(),
      (error) => this.report(error),
    );
    this.dispatcher = new Dispatcher(this, this.routing, this.buffer, {
      fetchMaxWaitMs: this.config.fetchMaxWaitMs,
      ackLingerMs: this.config.ackLingerMs,
      maxRecordLocks: this.config.maxRecordLocks,
      ackSeparatelyAbove: this.config.ackSeparatelyAbove,
      ackBatchMs: this.config.ackBatchMs,
      ackBatchRecords: this.config.ackBatchRecords,
    });
    this.membership = new Membership({
      transport,
      groupId: this.groupId,
      topics: this.config.topics,
      initialHeartbeatIntervalMs: this.config.heartbeatIntervalMs,
      onAssignment: (assigned) => {
        this.routing.assign(assigned);
        if (this.routing.hasAssignment) for (const wake of this.assignmentWaiters.splice(0)) wake();
        this.dispatcher.pump();
      },
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

  async join(timeoutMs: number): Promise<boolean> {
    this.start();
    if (this.routing.hasAssignment) return true;
    const assigned = new Promise<void>((resolve) => this.assignmentWaiters.push(resolve));
    return within(assigned, this.now() + timeoutMs);
  }

  async poll(maxRecords: number, options: PollOptions = {}): Promise<DeliveredRecord[]> {
    if (this.fatalError) throw this.fatalError;
    if (this.closing || this.fetchStopped) throw new ClosedError('share consumer');
    if (!Number.isInteger(maxRecords) || maxRecords < 1) {
      throw new ValidationError(`poll: maxRecords must be a positive integer, got ${maxRecords}`, [
        { path: 'maxRecords', message: 'must be a positive integer' },
      ]);
    }
    this.membership.start();
    const takesAll = (options.acquire ?? this.defaultAcquire) === 'batches';
    const ready = this.buffer.take(takesAll ? Number.POSITIVE_INFINITY : maxRecords);
    if (ready.length > 0 || options.signal?.aborted) return ready;
    const waitMs = options.maxWaitMs ?? this.config.pollMaxWaitMs;
    const waiting = this.buffer.wait(maxRecords, waitMs, options.signal, takesAll);
    this.dispatcher.pump();
    const records = await waiting;
    if (records.length === 0 && this.fatalError) throw this.fatalError;
    return records;
  }

  acknowledge(record: RecordRef, type: AckType): Promise<AckReceipt> {
    if (!this.acceptingAcks) return Promise.reject(this.fatalError ?? new ClosedError('share consumer'));
    const p = this.routing.partitions.get(record.topic, record.partition);
    const code = ACK_CODES[type];
    if (!p || code === undefined) {
      const what = p ? `ack type ${JSON.stringify(type)}` : `${record.topic}[${record.partition}]`;
      return Promise.reject(
        new ValidationError(`acknowledge: unknown ${what} (never delivered by this consumer)`, [
          { path: p ? 'type' : 'record', message: 'not acknowledgeable' },
        ]),
      );
    }
    const generation = p.generationOf(record);
    if (generation?.ended) {
      // Acquired in a share session the broker lost: sending this would be refused (or applied to a later
      // delivery of the same offset), so the caller learns at once that the record is no longer ours.
      if (code !== AckTypeCode.renew) p.settled(record.offset, generation);
      return Promise.reject(sessionEndedError(p, record.offset));
    }
    return new Promise<AckReceipt>((resolve, reject) => {
      const entry: PendingAck = {
        firstOffset: record.offset,
        lastOffset: record.offset,
        type: code,
        attempts: 0,
        generation,
        queuedAt: this.now(),
        resolve,
        reject,
      };
      if (code === AckTypeCode.renew) p.renews.push(entry);
      else {
        p.acks.push(entry);
        p.released();
        p.settled(record.offset, generation);
      }
      this.dispatcher.schedule();
    });
  }

  /**
   * Stops acquiring for good and hands over what the fetches in flight bring in. An aborted poll does not
   * recall its fetch: the broker acquires whatever arrives until MaxWaitMs, and close() would RELEASE those
   * records, each costing a delivery attempt. The caller settles them instead (a worker re-enqueues copies
   * and ACCEPTs these). Waits at most closeTimeoutMs; a fetch still out then is left to close().
   */
  async stopFetching(): Promise<DeliveredRecord[]> {
    if (this.closing) throw new ClosedError('share consumer');
    this.fetchStopped = true;
    this.dispatcher.fetching = false;
    this.buffer.wakeAll();
    await within(this.dispatcher.idle(), this.now() + this.config.closeTimeoutMs);
    return this.buffer.drain();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // ---- FetcherHost -------------------------------------------------------------------------------

  wantedOn(nodeId: number): ReadonlySet<SharePartitionState> {
    return this.routing.wantedOn(nodeId);
  }

  ackingOn(nodeId: number, kind: AckKind): SharePartitionState[] {
    return this.routing.ackingOn(nodeId, kind);
  }

  partitionById(topicId: string, partition: number): SharePartitionState | undefined {
    return this.routing.partitions.getById(topicId, partition);
  }

  deliver(records: DeliveredRecord[]): void {
    this.buffer.push(records);
  }

  fetchAnswered(roundTripMs: number, records: number): void {
    this.config.onFetch?.({ roundTripMs, records });
  }

  partitionFailed(_p: SharePartitionState, error: KafkaProtocolError): void {
    if (error.refreshMetadata) this.routing.refresh();
    else this.report(error);
  }

  sessionEnded(link: BrokerLink, generation: SessionGeneration): void {
    for (const p of this.routing.partitions.all()) {
      failEnded(p, generation);
      if (p.leader === link.nodeId) p.lostHeld();
    }
    // Records acquired there and not handed to a poll yet: the broker has taken them back.
    this.buffer.discard((record) => {
      const p = this.routing.partitions.get(record.topic, record.partition);
      if (p?.generationOf(record) !== generation) return false;
      p.settled(record.offset, generation);
      return true;
    });
  }

  /** A delivered record nobody will acknowledge (its lock lapsed before a poll took it): stop tracking it. */
  private forgetDelivery(record: DeliveredRecord): void {
    const p = this.routing.partitions.get(record.topic, record.partition);
    p?.settled(record.offset, p.generationOf(record));
  }

  requestFailed(link: BrokerLink, error: Error): void {
    if (isKafkaProtocolError(error)) {
      if (error.fatal) {
        this.fail(error);
        return;
      }
      if (error.rejoin) this.membership.rejoin();
      if (error.refreshMetadata) this.routing.refresh();
    } else {
      // Connection lost or timed out: the broker may be gone for good, its partitions led elsewhere.
      this.routing.refresh();
    }
    this.report(error);
    this.dispatcher.wakeIn(link.backoffDelay());
  }

  // ---- errors and close --------------------------------------------------------------------------

  report(error: unknown): void {
    const onError = this.config.onError;
    if (onError) onError(toError(error));
  }

  private fail(error: Error): void {
    if (this.fatalError) return;
    this.fatalError = error;
    this.acceptingAcks = false;
    this.dispatcher.stop();
    for (const p of this.routing.partitions.all()) rejectQueued(p, error);
    this.buffer.wakeAll();
    this.report(error);
  }

  private async shutdown(): Promise<void> {
    const deadline = this.now() + this.config.closeTimeoutMs;
    this.buffer.wakeAll();
    this.routing.stop();
    this.dispatcher.fetching = false;
    // A request still running past the deadline owns its session: no flush then (dropping our connections
    // below makes the broker release what we hold anyway).
    const settled = await within(this.dispatcher.idle(), deadline);
    this.dispatcher.stop();
    // Records acquired for a poll that never took them go back at once instead of waiting for their lock.
    for (const record of this.buffer.drain()) {
      const p = this.routing.partitions.get(record.topic, record.partition);
      const generation = p?.generationOf(record);
      if (!p || generation?.ended) continue;
      p.settled(record.offset, generation);
      p.acks.push({
        firstOffset: record.offset,
        lastOffset: record.offset,
        type: AckTypeCode.release,
        attempts: 0,
        generation,
      });
    }
    this.acceptingAcks = false;
    const closed = new ClosedError('share consumer');
    for (const p of this.routing.partitions.all()) {
      settleAcks(p.renews, closed, {});
      p.renews = [];
    }
    if (settled && !this.fatalError) {
      const links = [...this.dispatcher.links.values()];
      await within(Promise.all(links.map((link) => this.flushAndClose(link))), deadline);
    }
    for (const p of this.routing.partitions.all()) rejectQueued(p, closed);
    for (const link of this.dispatcher.links.values()) if (link.busy) link.abandon(closed);
    await within(
      this.membership.leave().catch((error: unknown) => this.report(error)),
      deadline,
    );
    try {
      await this.transport.close?.();
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * Sends every queued ack of this link on plain ShareAcknowledges (a refused batch can still be split and
   * retried), then closes the session with epoch -1, which releases whatever we still hold there.
   */
  private async flushAndClose(link: BrokerLink): Promise<void> {
    for (let round = 0; round < 64 && this.ackingOn(link.nodeId, 'acks').length > 0; round++) {
      if (!link.session.isOpen) await link.open();
      if (!link.session.isOpen) return;
      await link.acknowledge('acks');
    }
    if (link.session.isOpen) await link.acknowledge('acks', true);
  }
}
