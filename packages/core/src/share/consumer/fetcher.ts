/**
 * Everything the consumer sends to one broker, over that broker's share session (session.ts):
 *   ShareFetch v1/v2:      GroupId MemberId ShareSessionEpoch MaxWaitMs MinBytes MaxBytes MaxRecords BatchSize
 *                          [ShareAcquireMode IsRenewAck]v2 Topics[TopicId Partitions[PartitionIndex
 *                          AcknowledgementBatches[FirstOffset LastOffset AcknowledgeTypes[]]]]
 *                          ForgottenTopicsData[TopicId Partitions[]]
 *   ShareAcknowledge v1/v2: GroupId MemberId ShareSessionEpoch [IsRenewAck]v2 Topics[… AcknowledgementBatches …]
 * One request at a time (the session epoch orders them). Fetches carry the partition's queued acks once
 * the session is open; ShareAcknowledge flushes acks when no fetch is due, carries RENEWs
 * (IsRenewAck=true), and closes the session (epoch -1). Methods never reject: outcomes go to the host.
 */
import type { AckReceipt, DeliveredRecord } from '../../engine/engine.js';
import { brokerError, brokerErrorInfo, type KafkaProtocolError } from '../../client/errors.js';
import { ClosedError } from '../../errors.js';
import {
  type AckKind,
  requeueAcks,
  sessionEndedError,
  settleAcks,
  settlePartition,
  type TakenAcks,
  takeAcks,
} from './acknowledgements.js';
import { Backoff } from './backoff.js';
import { collectDeliveries } from './deliveries.js';
import type { SharePartitionState } from './partitions.js';
import { FINAL_EPOCH, type SessionGeneration, ShareSession } from './session.js';
import type { ShareTransport } from './transport.js';
import {
  asError,
  EMPTY_SET,
  partitionLabel,
  forgottenByTopic,
  groupByTopic,
  noVerdict,
} from './request-parts.js';
import { AckTypeCode } from './wire.js';

/** ShareAcquireMode on v2. */
export const AcquireMode = { batchOptimized: 0, recordLimit: 1 } as const;
export type AcquireModeCode = (typeof AcquireMode)[keyof typeof AcquireMode];

export interface FetchTunables {
  minBytes: number;
  maxBytes: number;
  /** Added to MaxWaitMs for the client-side timeout of a fetch. */
  requestTimeoutMs: number;
}

export interface FetcherHost {
  readonly groupId: string;
  readonly memberId: string;
  readonly transport: ShareTransport;
  readonly tunables: FetchTunables;
  now(): number;
  /** Assigned partitions this broker leads. */
  wantedOn(nodeId: number): ReadonlySet<SharePartitionState>;
  /** Partitions led by this broker with queued acks (kind 'acks') or renews. */
  ackingOn(nodeId: number, kind: AckKind): SharePartitionState[];
  deliver(records: DeliveredRecord[]): void;
  /** A ShareFetch was answered after `roundTripMs`, acquiring `records` (metrics). */
  fetchAnswered(roundTripMs: number, records: number): void;
  partitionById(topicId: string, partition: number): SharePartitionState | undefined;
  /** A partition-level fetch error (leader moved, unknown topic id, …). */
  partitionFailed(p: SharePartitionState, error: KafkaProtocolError): void;
  /** A problem the consumer handles by itself, worth reporting (onError). */
  report(error: unknown): void;
  /** The request failed as a whole (connection, timeout, top-level error other than a session reset). */
  requestFailed(link: BrokerLink, error: Error): void;
  /** The broker lost `link`'s session and the records acquired in it: their pending acks must fail. */
  sessionEnded(link: BrokerLink, generation: SessionGeneration): void;
}

const SHARE_SESSION_NOT_FOUND = 122;

export class BrokerLink {
  readonly session = new ShareSession();
  /** The request in flight, if any. */
  current: Promise<void> | undefined;
  blockedUntil = 0;
  /** Acks of the request in flight (see abandon()). */
  private sending: TakenAcks | undefined;
  /** The broker's acquisition lock duration, from the last ShareFetch answer (0 until known). */
  lockTimeoutMs = 0;
  lingerTimer: NodeJS.Timeout | undefined;
  private readonly backoff = new Backoff(50, 5000);

  constructor(
    readonly nodeId: number,
    private readonly host: FetcherHost,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Starts `task` as this link's one request; `onDone` runs after it settles. */
  run(task: () => Promise<void>, onDone: () => void): void {
    const current = task().finally(() => {
      this.current = undefined;
      this.sending = undefined;
      onDone();
    });
    this.current = current;
  }

  /** close() gave up waiting for the request in flight: its acks fail now (a late answer changes nothing). */
  abandon(error: Error): void {
    for (const planned of this.sending?.values() ?? []) settleAcks(planned.taken, error, {});
  }

  /**
   * ShareFetch acquiring at most `maxRecords` (record_limit on v2) or whole batches around them
   * (batch_optimized, and always on v1), carrying queued acks when the session is open and `carryAcks`.
   */
  async fetch(
    maxRecords: number,
    maxWaitMs: number,
    acquireMode: AcquireModeCode,
    carryAcks = true,
  ): Promise<void> {
    const { host, session } = this;
    const wanted = host.wantedOn(this.nodeId);
    const acking = session.isOpen && carryAcks ? host.ackingOn(this.nodeId, 'acks') : [];
    const plan = session.planFetch(wanted, acking);
    if (plan.include.length === 0 && plan.forget.length === 0 && session.size === 0) return;
    const taken = takeAcks(acking, 'acks');
    this.sending = taken;
    const sentAt = host.now();
    const { minBytes, maxBytes, requestTimeoutMs } = host.tunables;
    try {
      const response = await host.transport.shareFetch(
        this.nodeId,
        (version) => ({
          groupId: host.groupId,
          memberId: host.memberId,
          shareSessionEpoch: plan.epoch,
          maxWaitMs,
          minBytes,
          maxBytes,
          maxRecords,
          batchSize: maxRecords,
          shareAcquireMode: version >= 2 ? acquireMode : AcquireMode.batchOptimized,
          isRenewAck: false,
          topics: groupByTopic(plan.include, taken),
          forgottenTopicsData: forgottenByTopic(plan.forget),
        }),
        maxWaitMs + requestTimeoutMs,
      );
      if (response.errorCode !== 0) {
        this.topLevelError(brokerError(response.errorCode, response.errorMessage ?? 'ShareFetch'), taken);
        return;
      }
      session.fetchAnswered(plan);
      this.backoff.reset();
      this.lockTimeoutMs = response.acquisitionLockTimeoutMs;
      const lockExpiresAt = sentAt + response.acquisitionLockTimeoutMs;
      const delivered: DeliveredRecord[] = [];
      let partitionErrors = 0;
      for (const topic of response.responses) {
        for (const part of topic.partitions) {
          const p = host.partitionById(topic.topicId, part.partitionIndex);
          if (!p) continue;
          const planned = taken.get(p);
          if (planned) {
            taken.delete(p);
            settlePartition(p, planned.taken, part.acknowledgeErrorCode, part.acknowledgeErrorMessage, {});
          }
          if (part.errorCode !== 0) {
            partitionErrors++;
            host.partitionFailed(p, brokerError(part.errorCode, part.errorMessage ?? partitionLabel(p)));
            continue;
          }
          const before = delivered.length;
          try {
            const gaps = collectDeliveries(
              p.topic,
              p.partition,
              part.records,
              part.acquiredRecords,
              lockExpiresAt,
              host.transport.decodeRecords.bind(host.transport),
              delivered,
            );
            for (const gap of gaps) {
              p.acks.push({ ...gap, type: AckTypeCode.gap, attempts: 0, generation: session.generation });
            }
            for (let i = before; i < delivered.length; i++) {
              p.delivered(delivered[i] as DeliveredRecord, session.generation);
            }
            p.acquired(delivered.length - before, lockExpiresAt);
          } catch (error) {
            // Undecodable bytes (bad CRC, unknown codec): this partition's records of this fetch are not
            // handed out; their locks lapse and the broker's delivery limit archives a batch that stays bad.
            delivered.length = before;
            host.report(error);
          }
        }
      }
      // Acks of partitions the broker did not mention got no verdict: try again.
      for (const [p, planned] of taken) requeueAcks(p, planned.taken, noVerdict(p));
      // Only errors and no data: without a pause the next fetch would hit the same stale leader at once.
      if (partitionErrors > 0 && delivered.length === 0) this.blockedUntil = host.now() + this.backoff.next();
      host.deliver(delivered);
      host.fetchAnswered(host.now() - sentAt, delivered.length);
    } catch (error) {
      this.transportError(asError(error), taken);
    }
  }

  /**
   * Opens the session without acquiring anything (epoch 0, no partitions, MaxRecords 0), so queued acks
   * can follow on ShareAcknowledge when no poll wants records. Partitions join on the next fetch.
   */
  async open(): Promise<void> {
    const { host, session } = this;
    if (session.isOpen) return;
    const plan = session.planFetch(EMPTY_SET, []);
    try {
      const response = await host.transport.shareFetch(
        this.nodeId,
        () => ({
          groupId: host.groupId,
          memberId: host.memberId,
          shareSessionEpoch: plan.epoch,
          maxWaitMs: 0,
          minBytes: 0,
          maxBytes: host.tunables.maxBytes,
          maxRecords: 0,
          batchSize: 0,
          shareAcquireMode: 1,
          isRenewAck: false,
          topics: [],
          forgottenTopicsData: [],
        }),
        host.tunables.requestTimeoutMs,
      );
      if (response.errorCode !== 0) {
        this.topLevelError(
          brokerError(response.errorCode, response.errorMessage ?? 'ShareFetch (open)'),
          new Map(),
        );
        return;
      }
      session.fetchAnswered(plan);
    } catch (error) {
      this.transportError(asError(error), new Map());
    }
  }

  /**
   * ShareAcknowledge of the queued acks (or renews) of this broker's partitions. With `final`, the session
   * closes (epoch -1): the broker applies the acks and releases every other record we hold.
   */
  async acknowledge(kind: AckKind, final = false): Promise<void> {
    const { host, session } = this;
    if (!session.isOpen) return;
    const partitions = host.ackingOn(this.nodeId, kind);
    if (partitions.length === 0 && !final) return;
    const taken = takeAcks(partitions, kind);
    this.sending = taken;
    const epoch = final ? FINAL_EPOCH : session.epoch;
    const sentAt = host.now();
    try {
      const response = await host.transport.shareAcknowledge(
        this.nodeId,
        () => ({
          groupId: host.groupId,
          memberId: host.memberId,
          shareSessionEpoch: epoch,
          isRenewAck: kind === 'renews',
          topics: groupByTopic(taken.keys(), taken),
        }),
        host.tunables.requestTimeoutMs,
      );
      if (response.errorCode !== 0) {
        this.topLevelError(
          brokerError(response.errorCode, response.errorMessage ?? 'ShareAcknowledge'),
          taken,
        );
        return;
      }
      if (final) session.reset();
      else session.acknowledgeAnswered();
      this.backoff.reset();
      const receipt: AckReceipt =
        response.acquisitionLockTimeoutMs > 0
          ? { lockExpiresAt: sentAt + response.acquisitionLockTimeoutMs }
          : {};
      for (const topic of response.responses) {
        for (const part of topic.partitions) {
          const p = host.partitionById(topic.topicId, part.partitionIndex);
          const planned = p && taken.get(p);
          if (!p || !planned) continue;
          taken.delete(p);
          if (final && part.errorCode !== 0) {
            // The session is gone: nothing can be retried or isolated any more.
            settleAcks(
              planned.taken,
              brokerError(part.errorCode, part.errorMessage ?? partitionLabel(p)),
              {},
            );
            continue;
          }
          settlePartition(p, planned.taken, part.errorCode, part.errorMessage, receipt);
          if (part.errorCode !== 0 && brokerErrorInfo(part.errorCode).refreshMetadata) {
            host.partitionFailed(p, brokerError(part.errorCode, part.errorMessage ?? partitionLabel(p)));
          }
        }
      }
      for (const [p, planned] of taken) {
        if (final) settleAcks(planned.taken, new ClosedError('share session'), {});
        else requeueAcks(p, planned.taken, noVerdict(p));
      }
    } catch (error) {
      if (final) {
        for (const planned of taken.values()) settleAcks(planned.taken, asError(error), {});
        session.reset();
        return;
      }
      this.transportError(asError(error), taken);
    }
  }

  private topLevelError(error: KafkaProtocolError, taken: TakenAcks): void {
    if (error.errorCode === SHARE_SESSION_NOT_FOUND) {
      // The broker restarted or saw our connection close: what we acquired there is gone with the session.
      this.endSession(taken);
      this.blockedUntil = this.host.now() + this.backoff.next();
      return;
    }
    if (error.resetSession) {
      // INVALID_SHARE_SESSION_EPOCH: the broker still has a session of ours, so our acquisitions hold. Acks
      // cannot ride on the epoch-0 fetch that reopens it: they go on the next request.
      this.session.reset();
      for (const [p, planned] of taken) requeueAcks(p, planned.taken, error);
      this.blockedUntil = this.host.now() + this.backoff.next();
      return;
    }
    if (error.fatal) {
      for (const planned of taken.values()) settleAcks(planned.taken, error, {});
    } else {
      for (const [p, planned] of taken) requeueAcks(p, planned.taken, error);
    }
    this.blockedUntil = this.host.now() + this.backoff.next();
    this.host.requestFailed(this, error);
  }

  private transportError(error: Error, taken: TakenAcks): void {
    // The broker may or may not have seen the request, so the epoch is unknowable; and a closed connection
    // ended the session broker-side (a restarted broker has none), releasing what we acquired in it. After
    // a timeout the connection may live on, but nothing here can tell: treat the acquisitions as lost (an
    // ack failed here costs a duplicate run; one sent to a broker that lost them is refused or misapplied).
    this.endSession(taken);
    this.blockedUntil = this.host.now() + this.backoff.next();
    this.host.requestFailed(this, error);
  }

  /** The broker lost the session: the acks in flight fail (they were for its records), then everything queued for them. */
  private endSession(taken: TakenAcks): void {
    const ended = this.session.end();
    for (const [p, planned] of taken) {
      for (const entry of planned.taken) entry.reject?.(sessionEndedError(p, entry.firstOffset));
    }
    this.host.sessionEnded(this, ended);
  }

  backoffDelay(): number {
    return Math.max(0, this.blockedUntil - this.host.now());
  }
}
