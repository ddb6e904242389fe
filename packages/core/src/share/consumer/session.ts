/**
 * One share session: the broker-side context of (group, member, broker). The epoch protocol (KIP-932):
 * 0 opens the session and lists every wanted partition, without acknowledgements; each answered request
 * bumps it (1, 2, … wrapping to 1 after int32 max); incremental requests list only partitions to add or
 * that carry acks, and name the ones to drop in ForgottenTopicsData; -1 closes. Requests on one session
 * are strictly sequential, so the owner (fetcher.ts) never has two in flight.
 */
import type { SharePartitionState } from './partitions.js';

export const INITIAL_EPOCH = 0;
export const FINAL_EPOCH = -1;
const MAX_EPOCH = 2147483647;

export function nextEpoch(epoch: number): number {
  return epoch >= MAX_EPOCH ? 1 : epoch + 1;
}

/**
 * What the broker holds for us through one share session: the records acquired over it. They stay ours
 * only while the broker keeps that session's state. A restarted broker has lost it, and one that saw the
 * session's connection close has released them (its disconnect listener ends the member's session). An
 * epoch-0 reopen on the same live connection (after INVALID_SHARE_SESSION_EPOCH) keeps them: the broker
 * replaces the session, not the acquisitions, which belong to the member id.
 */
export class SessionGeneration {
  /** The broker no longer holds these acquisitions for us: acks for them must never be sent. */
  ended = false;
}

export interface SessionPlan {
  epoch: number;
  /** Partitions listed in Topics (added to the session, or carrying acks). */
  include: SharePartitionState[];
  /** Partitions listed in ForgottenTopicsData. */
  forget: SharePartitionState[];
}

export class ShareSession {
  epoch = INITIAL_EPOCH;
  /** The acquisitions of this session (and of the sessions that replaced it on the same live connection). */
  generation = new SessionGeneration();
  /** Partitions the broker holds in this session. */
  private readonly members = new Set<SharePartitionState>();

  get isOpen(): boolean {
    return this.epoch !== INITIAL_EPOCH;
  }

  get size(): number {
    return this.members.size;
  }

  /**
   * The partition lists of the next ShareFetch. `withAcks` must be empty while the session is not open:
   * the broker rejects acknowledgements on epoch 0.
   */
  planFetch(wanted: ReadonlySet<SharePartitionState>, withAcks: readonly SharePartitionState[]): SessionPlan {
    if (!this.isOpen) return { epoch: INITIAL_EPOCH, include: [...wanted], forget: [] };
    const include: SharePartitionState[] = [];
    for (const p of wanted) if (!this.members.has(p)) include.push(p);
    for (const p of withAcks) if (this.members.has(p) || !wanted.has(p)) include.push(p);
    const forget: SharePartitionState[] = [];
    const acking = new Set(withAcks);
    for (const p of this.members) if (!wanted.has(p) && !acking.has(p)) forget.push(p);
    return { epoch: this.epoch, include, forget };
  }

  /** The broker answered the ShareFetch planned by `plan` without a top-level error. */
  fetchAnswered(plan: SessionPlan): void {
    if (plan.epoch === INITIAL_EPOCH) this.members.clear();
    for (const p of plan.include) this.members.add(p);
    for (const p of plan.forget) this.members.delete(p);
    this.epoch = nextEpoch(this.epoch);
  }

  /** A ShareAcknowledge on this session was answered without a top-level error. */
  acknowledgeAnswered(): void {
    this.epoch = nextEpoch(this.epoch);
  }

  /** Start over with epoch 0 (INVALID_SHARE_SESSION_EPOCH, close); the acquisitions stay valid, see end(). */
  reset(): void {
    this.epoch = INITIAL_EPOCH;
    this.members.clear();
  }

  /**
   * The broker lost this session and what was acquired in it (SHARE_SESSION_NOT_FOUND, connection lost):
   * start over with epoch 0 and a new generation. Returns the generation that ended.
   */
  end(): SessionGeneration {
    const ended = this.generation;
    ended.ended = true;
    this.generation = new SessionGeneration();
    this.reset();
    return ended;
  }

  has(partition: SharePartitionState): boolean {
    return this.members.has(partition);
  }
}
