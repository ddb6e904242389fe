/**
 * The firing lease: one worker process of a queue fires its schedulers. Decided by the order of the
 * `lease` records in the single-partition schedulers topic, so every reader agrees without a coordinator.
 * A record is accepted when it is:
 *   - the first one seen (a reader starting from a compacted log starts from the last word), or
 *   - a renewal: same owner and term as the current lease (a late renewal after a takeover carries the
 *     old term and is ignored), or
 *   - a takeover: term = current term + 1, written at or after the current lease's `until`.
 * Two processes taking over at once both write term + 1: the first in the log wins, the second no longer
 * matches. Times are the writers' clocks: hosts must keep them in sync (NTP); the owner stops firing a
 * safety margin before its `until`, so a skew below that margin cannot make two owners fire.
 */
import type { LeaseRecord } from './scheduler-records.js';

export function acceptLease(current: LeaseRecord | undefined, next: LeaseRecord): boolean {
  if (!current) return true;
  if (next.owner === current.owner && next.term === current.term) return true;
  return next.term === current.term + 1 && next.at >= current.until;
}
