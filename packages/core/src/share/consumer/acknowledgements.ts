/**
 * Taking queued acknowledgements of some partitions for one request, and settling them with the broker's
 * per-partition answer. Entries that got no verdict (session reset, lost connection, partition missing
 * from the answer) go back to the queue a bounded number of times, then fail with the cause.
 */
import type { AckReceipt } from '../../engine/engine.js';
import { type PendingAck, type PlannedAcks, planAcks } from './ack-ranges.js';
import type { SharePartitionState } from './partitions.js';
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
    const planned = planAcks(queue);
    if (kind === 'acks') p.acks = planned.deferred;
    else p.renews = planned.deferred;
    taken.set(p, planned);
  }
  return taken;
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
