/**
 * Share-group membership (ShareGroupHeartbeat v1, KIP-932):
 *   join:   MemberEpoch=0 with SubscribedTopicNames; the client generates the member id and keeps it
 *           for the consumer's lifetime (rejoins reuse it)
 *   beat:   every HeartbeatIntervalMs (the broker's value) with the current epoch, SubscribedTopicNames=null
 *   answer: MemberEpoch, HeartbeatIntervalMs, Assignment (null = unchanged, else the full topic-id list)
 *   leave:  MemberEpoch=-1
 * There is no revoke handshake: a new assignment is applied at once, in-flight work continues.
 * A member holding no partitions beats sooner than the interval: every 100 ms for 2 s, then doubling up
 * to it. After a join the coordinator first initialises the share-partitions' state and assigns them on a
 * later heartbeat, about 1 s after the join here: at the interval alone a new consumer waits one to two
 * intervals (Kafka's default: 5 s each) for its first record (measured at a 1 s interval: 2.2 s from
 * join to assignment; with the early beats 1.05 s).
 * FENCED_MEMBER_EPOCH / UNKNOWN_MEMBER_ID → drop the assignment and rejoin with epoch 0;
 * NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE → find the coordinator again; fatal codes stop the consumer.
 */
import { randomUUID } from 'node:crypto';
import { brokerError, brokerErrorInfo, isKafkaProtocolError } from '../../client/errors.js';
import { Backoff } from './backoff.js';
import type { ShareTransport } from './transport.js';
import type { HeartbeatResponse } from './wire.js';
import { toError } from '../../errors.js';

export const LEAVE_EPOCH = -1;
/** Early heartbeats of a member without partitions: this often, so many times, then doubling up to the interval. */
export const UNASSIGNED_BEAT_MS = 100;
export const UNASSIGNED_FAST_BEATS = 20;

export interface AssignedPartition {
  topic: string;
  topicId: string;
  partition: number;
}

export interface MembershipOptions {
  transport: ShareTransport;
  groupId: string;
  topics: readonly string[];
  /** Used until the broker tells its interval. */
  initialHeartbeatIntervalMs: number;
  onAssignment: (partitions: AssignedPartition[]) => void;
  /** A non-fatal problem (retried by itself). */
  onError: (error: Error) => void;
  /** Neither retrying nor rejoining can help. */
  onFatal: (error: Error) => void;
}

/** 16 random bytes as 22-char base64url, the way Kafka tooling shows a Uuid. */
export function newMemberId(): string {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
}

export class Membership {
  readonly memberId = newMemberId();
  epoch = 0;
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private started = false;
  private readonly backoff = new Backoff(100, 5000);
  /** Partitions in the latest assignment (a null assignment in an answer leaves it unchanged). */
  private assignedCount = 0;
  /** Early heartbeats sent since the member was last left without partitions. */
  private unassignedBeats = 0;

  constructor(private readonly options: MembershipOptions) {
    this.intervalMs = options.initialHeartbeatIntervalMs;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  /** Fenced elsewhere (e.g. a fetch said so): drop the assignment and join again right away. */
  rejoin(): void {
    if (this.stopped || this.epoch === 0) return;
    this.epoch = 0;
    this.assign([]);
    this.schedule(0);
  }

  /** Stops heartbeating and sends the leave heartbeat (epoch -1) if we ever joined. */
  async leave(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
    if (!this.started) return;
    const { transport, groupId } = this.options;
    const coordinator = await transport.findGroupCoordinator(groupId);
    const response = await transport.shareGroupHeartbeat(coordinator, {
      groupId,
      memberId: this.memberId,
      memberEpoch: LEAVE_EPOCH,
      rackId: null,
      subscribedTopicNames: null,
    });
    // UNKNOWN_MEMBER_ID on leave means we were already gone: the goal is reached.
    if (response.errorCode !== 0 && !brokerErrorInfo(response.errorCode).rejoin) {
      throw brokerError(response.errorCode, response.errorMessage ?? 'ShareGroupHeartbeat (leave)');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.inFlight) return; // the running beat reschedules
      this.inFlight = this.beat().finally(() => {
        this.inFlight = undefined;
      });
    }, delayMs);
  }

  private async beat(): Promise<void> {
    const { transport, groupId, topics } = this.options;
    const sentEpoch = this.epoch;
    let next = this.intervalMs;
    try {
      const coordinator = await transport.findGroupCoordinator(groupId);
      const response = await transport.shareGroupHeartbeat(coordinator, {
        groupId,
        memberId: this.memberId,
        memberEpoch: sentEpoch,
        rackId: null,
        subscribedTopicNames: sentEpoch === 0 ? [...topics] : null,
      });
      if (this.stopped) return;
      // rejoin() was called while this beat was out: its answer is about the old epoch, join now instead.
      next = this.epoch !== sentEpoch ? 0 : await this.handle(response);
    } catch (error) {
      if (this.stopped) return;
      if (isKafkaProtocolError(error) && error.fatal) {
        this.stopped = true;
        this.options.onFatal(error);
        return;
      }
      // Lost connection or timeout: the coordinator may have moved or restarted.
      transport.invalidateCoordinator(groupId);
      next = this.backoff.next();
      this.options.onError(toError(error));
    }
    this.schedule(next);
  }

  /** Applies one answer; returns the delay before the next heartbeat. */
  private async handle(response: HeartbeatResponse): Promise<number> {
    const { transport, groupId } = this.options;
    if (response.errorCode !== 0) {
      const error = brokerError(response.errorCode, response.errorMessage ?? 'ShareGroupHeartbeat');
      if (error.fatal) {
        this.stopped = true;
        this.options.onFatal(error);
        return 0;
      }
      if (error.rejoin) {
        if (this.epoch !== 0) this.assign([]);
        this.epoch = 0;
        return this.backoff.next();
      }
      if (error.refreshCoordinator) transport.invalidateCoordinator(groupId);
      if (!error.retriable) this.options.onError(error);
      return this.backoff.next();
    }
    this.backoff.reset();
    this.epoch = response.memberEpoch;
    if (response.heartbeatIntervalMs > 0) this.intervalMs = response.heartbeatIntervalMs;
    if (response.assignment) await this.applyAssignment(response.assignment.topicPartitions);
    if (this.assignedCount > 0) return this.intervalMs;
    const slower = Math.max(0, this.unassignedBeats++ - UNASSIGNED_FAST_BEATS);
    return Math.min(this.intervalMs, UNASSIGNED_BEAT_MS * 2 ** Math.min(slower, 16));
  }

  /** Hands an assignment on; a member left without partitions starts its early heartbeats over. */
  private assign(partitions: AssignedPartition[]): void {
    this.assignedCount = partitions.length;
    if (partitions.length === 0) this.unassignedBeats = 0;
    this.options.onAssignment(partitions);
  }

  private async applyAssignment(topicPartitions: { topicId: string; partitions: number[] }[]): Promise<void> {
    const { transport, topics } = this.options;
    if (topicPartitions.some((tp) => transport.topicName(tp.topicId) === undefined)) {
      await transport.refreshMetadata([...topics]);
    }
    const assigned: AssignedPartition[] = [];
    for (const { topicId, partitions } of topicPartitions) {
      const topic = transport.topicName(topicId);
      if (topic === undefined) continue; // deleted meanwhile; the next assignment drops it
      for (const partition of partitions) assigned.push({ topic, topicId, partition });
    }
    if (!this.stopped) this.assign(assigned);
  }
}
