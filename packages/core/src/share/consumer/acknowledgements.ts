/**
 * Taking queued acknowledgements of some partitions for one request, and settling them with the broker's
 * per-partition answer. Entries that got no verdict (session reset, lost connection, partition missing
 * from the answer) go back to the queue a bounded number of times, then fail with the cause.
 *
 * The broker applies one partition's acks of one request atomically: a single offset it no longer holds
 * for us (lock expired → INVALID_RECORD_STATE) fails all of them, and none is applied. So a refused
 * multi-offset set is split in halves that are retried on their own, until the failing offsets are alone
 * and the others got through: one late ack costs O(log n) extra requests, never the whole batch.
 */
import { brokerError } from '../../client/errors.js';
import type { AckReceipt } from '../../engine/engine.js';
import { type PendingAck, type PlannedAcks, planAcks } from './ack-ranges.js';
import type { SharePartitionState } from './partitions.js';
import type { SessionGeneration } from './session.js';
import { AckTypeCode } from './wire.js';

/** After this many requests without a verdict an acknowledgement fails with the last cause. */
export const MAX_ACK_ATTEMPTS = 3;

export type AckKind = 'acks' | 'renews';

export type TakenAcks = Map<SharePartitionState, PlannedAcks>;

/** Removes the sendable entries of `partitions` from their queues (overlaps stay queued). */
export function takeAcks(partitions: Iterable<SharePartitionState>, kind: AckKind): TakenAcks {
  const taken: TakenAcks = new Map();
  for (const p of partitions) {
    const queue = kind === 'acks' ? p.acks : p.renews;
    if (queue.length === 0) continue;
    const group = isolationGroup(queue);
    const sendable = group === undefined ? queue : queue.filter((e) => e.isolation === group);
    const planned = planAcks(sendable);
    if (group !== undefined) {
      for (const e of queue) if (e.isolation !== group) planned.deferred.push(e);
    }
    if (kind === 'acks') p.acks = planned.deferred;
    else p.renews = planned.deferred;
    taken.set(p, planned);
  }
  return taken;
}

/** The oldest isolation group queued, if any. */
function isolationGroup(queue: readonly PendingAck[]): number | undefined {
  let group: number | undefined;
  for (const e of queue) {
    if (e.isolation !== undefined && (group === undefined || e.isolation < group)) group = e.isolation;
  }
  return group;
}

let nextIsolation = 1;

/**
 * The broker refused this partition's acks of one request with INVALID_RECORD_STATE. A lone offset
 * gets the error; a larger set goes back as two isolation groups. Returns whether anything was requeued.
 */
export function isolateRefused(
  p: SharePartitionState,
  entries: readonly PendingAck[],
  error: Error,
): boolean {
  const single =
    entries.length === 1 && (entries[0] as PendingAck).firstOffset === (entries[0] as PendingAck).lastOffset;
  if (entries.length === 0 || single) {
    settleAcks(entries, error, NO_RECEIPT);
    return false;
  }
  if (entries.length === 1) {
    // An internal range (GAP) refused as a whole: nobody awaits it, the lock expiry cleans up.
    return false;
  }
  const half = Math.ceil(entries.length / 2);
  const first = nextIsolation++;
  const second = nextIsolation++;
  entries.forEach((entry, i) => {
    entry.isolation = i < half ? first : second;
    if (entry.type === AckTypeCode.renew) p.renews.push(entry);
    else p.acks.push(entry);
  });
  return true;
}

export function settleAcks(
  entries: readonly PendingAck[],
  error: Error | undefined,
  receipt: AckReceipt,
): void {
  for (const entry of entries) {
    if (error) entry.reject?.(error);
    else entry.resolve?.(entry.type === AckTypeCode.renew ? receipt : NO_RECEIPT);
  }
}

const NO_RECEIPT: AckReceipt = Object.freeze({});

/** Puts entries back for another request, failing those that ran out of attempts. */
export function requeueAcks(p: SharePartitionState, entries: readonly PendingAck[], cause: Error): void {
  for (const entry of entries) {
    entry.attempts++;
    if (entry.attempts >= MAX_ACK_ATTEMPTS) {
      entry.reject?.(cause);
      continue;
    }
    if (entry.type === AckTypeCode.renew) p.renews.push(entry);
    else p.acks.push(entry);
  }
}

export function rejectQueued(p: SharePartitionState, error: Error): void {
  settleAcks(p.acks, error, NO_RECEIPT);
  settleAcks(p.renews, error, NO_RECEIPT);
  p.acks = [];
  p.renews = [];
}

const INVALID_RECORD_STATE = 121;

/**
 * The answer for an ack whose record was acquired in a share session the broker lost (restart, lost
 * connection): the broker no longer holds the record for us, exactly what INVALID_RECORD_STATE means, so
 * callers treat it like a lapsed lock (the record runs again elsewhere) instead of retrying.
 */
export function sessionEndedError(p: SharePartitionState, offset?: number): Error {
  const what = offset === undefined ? `${p.topic}[${p.partition}]` : `${p.topic}[${p.partition}]@${offset}`;
  return brokerError(
    INVALID_RECORD_STATE,
    `${what} was acquired in a share session the broker lost (broker restarted or connection closed); the record is no longer ours`,
  );
}

/** Fails (never sends) the queued acks and renews of `p` for records acquired in the ended `generation`. */
export function failEnded(p: SharePartitionState, generation: SessionGeneration): void {
  const keep = (queue: PendingAck[]): PendingAck[] => {
    const kept: PendingAck[] = [];
    for (const entry of queue) {
      if (entry.generation !== generation) kept.push(entry);
      else entry.reject?.(sessionEndedError(p, entry.firstOffset));
    }
    return kept;
  };
  p.acks = keep(p.acks);
  p.renews = keep(p.renews);
}

/** Applies the broker's per-partition verdict on the acks `taken` from `p` for one request. */
export function settlePartition(
  p: SharePartitionState,
  taken: readonly PendingAck[],
  errorCode: number,
  errorMessage: string | null,
  receipt: AckReceipt,
): void {
  if (errorCode === 0) {
    settleAcks(taken, undefined, receipt);
    return;
  }
  const error = brokerError(errorCode, errorMessage ?? `acknowledging ${p.topic}[${p.partition}]`);
  if (errorCode === INVALID_RECORD_STATE) isolateRefused(p, taken, error);
  else if (error.retriable) requeueAcks(p, taken, error);
  else settleAcks(taken, error, receipt);
}
