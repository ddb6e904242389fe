import type { AckType, DeliveredRecord, StoredRecord } from '../engine/engine.js';
import { invalidRecordState } from './errors.js';
import {
  ACKNOWLEDGED,
  ACQUIRED,
  ARCHIVED,
  AVAILABLE,
  type InFlight,
  InFlightWindow,
} from './in-flight-window.js';
import { LockHeap } from './lock-heap.js';
import type { PartitionLog } from './partition-log.js';

/**
 * One share-partition: the state of (group, topic, partition), as KIP-932's SharePartition keeps it.
 *
 * Window: offsets in [SPSO, SPEO) are "in flight", each Available, Acquired, Acknowledged or
 * Archived. Offsets below SPSO are settled; offsets at or above SPEO have never been delivered.
 * - acquire: Available → Acquired, deliveryCount + 1 (1 on first delivery), lock until now + lockDuration.
 *   New records extend the window only while SPEO − SPSO < maxRecordLocks (the in-flight cap).
 *   Redelivered records are throttled, a last attempt handed out alone (KAFKA-17541, see acquire()).
 * - ACCEPT → Acknowledged; REJECT → Archived; RELEASE or lock expiry → Available, or Archived once
 *   deliveryCount ≥ limit; RENEW restarts the lock (no state or count change, non-terminal).
 * - SPSO advances past leading Acknowledged/Archived records.
 * Pure bookkeeping: no timers. The owning group asks for nextLockExpiry() and calls expireLocks().
 */

export interface PartitionLimits {
  lockDurationMs: number;
  deliveryCountLimit: number;
  maxRecordLocks: number;
}

/** A record the partition archived without an ACCEPT: what the broker-side DLQ writes. */
export interface ArchivedRecord {
  record: StoredRecord;
  deliveryCount: number;
  reason: 'reject' | 'limit';
}

export interface AcquireResult {
  records: DeliveredRecord[];
  /** A last-attempt record was handed out alone (Kafka logs "should be delivered alone in this fetch"). */
  alone: boolean;
}

export interface AckResult {
  lockExpiresAt?: number;
  archived?: ArchivedRecord;
  /** Something became acquirable (released record, or the window moved under the cap). */
  freed: boolean;
}

export interface ReleaseResult {
  released: number;
  archived: ArchivedRecord[];
}

export class SharePartition {
  private readonly window: InFlightWindow;
  private readonly locks = new LockHeap();

  constructor(
    readonly log: PartitionLog,
    startOffset: number,
  ) {
    this.window = new InFlightWindow(startOffset);
  }

  get topic(): string {
    return this.log.topic;
  }

  get partition(): number {
    return this.log.partition;
  }

  /** SPSO: every offset below it is settled. */
  get startOffset(): number {
    return this.synced().start;
  }

  /** SPEO: one past the last offset ever acquired. */
  get endOffset(): number {
    return this.synced().end;
  }

  /** Records at or above SPSO not yet settled (KIP-1226 lag). */
  lag(): number {
    const window = this.synced();
    return this.log.endOffset - window.start - window.settled;
  }

  /** Records currently Acquired (by anyone). */
  acquiredCount(): number {
    let count = 0;
    this.window.scan((entry) => {
      if (entry.state === ACQUIRED) count++;
      return true;
    });
    return count;
  }

  /** Whether acquire() could return something right now (ignores lock expiry). */
  canAcquire(limits: PartitionLimits): boolean {
    const window = this.synced();
    if (window.available > 0) return true;
    return window.end < this.log.endOffset && window.end - window.start < limits.maxRecordLocks;
  }

  nextLockExpiry(): number | undefined {
    return this.locks.peek()?.at;
  }

  /**
   * Acquire up to `max` records for `memberId`: released records in the window first (offset order),
   * then new records while the window is under the in-flight cap.
   *
   * Throttled delivery of redelivered records, as Kafka 4.4's SharePartition.acquireSubsetBatchRecords
   * does it (KAFKA-17541), with `max` standing in for the broker's in-flight batch size:
   * - with a limit above 2, a record on its last attempt is handed out alone: acquisition stops before
   *   it if something was already taken, and right after it otherwise;
   * - from deliveryCount ≥ max(2, ceil(limit / 2)) on, at most max(1, max >> (deliveryCount − that + 1))
   *   records are acquired, halving with every further attempt.
   */
  acquire(memberId: string, max: number, now: number, limits: PartitionLimits): AcquireResult {
    const window = this.synced();
    const records: DeliveredRecord[] = [];
    const lockExpiresAt = now + limits.lockDurationMs;
    const offsets: number[] = [];
    const limit = limits.deliveryCountLimit;
    const throttleFrom = Math.max(2, Math.ceil(limit / 2));
    let throttleCap = -1;
    let alone = false;
    let stop = false;
    if (window.available > 0) {
      window.scan((entry, offset) => {
        if (entry.state !== AVAILABLE) return true;
        const count = entry.deliveryCount;
        const lastAttempt = limit > 2 && count === limit - 1;
        if (lastAttempt && records.length > 0) {
          stop = true;
          return false;
        }
        if (count >= throttleFrom && throttleCap < 0)
          throttleCap = Math.max(1, max >> (count - throttleFrom + 1));
        records.push(this.take(entry, offset, memberId, lockExpiresAt));
        offsets.push(offset);
        alone = lastAttempt;
        stop = lastAttempt || (throttleCap >= 0 && records.length >= throttleCap);
        return !stop && records.length < max;
      });
    }
    if (!stop) {
      const logEnd = this.log.endOffset;
      const cap = window.start + limits.maxRecordLocks;
      for (let next = window.end; records.length < max && next < logEnd && next < cap; next++) {
        records.push(this.take(window.extend(), next, memberId, lockExpiresAt));
        offsets.push(next);
      }
    }
    if (offsets.length > 0) this.locks.push({ at: lockExpiresAt, offsets });
    return { records, alone };
  }

  acknowledge(
    memberId: string,
    offset: number,
    type: AckType,
    now: number,
    limits: PartitionLimits,
  ): AckResult {
    const window = this.synced();
    const entry = window.at(offset);
    const where = `${this.topic}-${this.partition} offset ${offset}`;
    if (!entry) throw invalidRecordState(`${where} is not in flight (SPSO ${window.start})`);
    if (entry.state !== ACQUIRED) throw invalidRecordState(`${where} is not acquired`);
    if (entry.owner !== memberId) throw invalidRecordState(`${where} is acquired by another member`);
    if (entry.lockExpiresAt <= now) throw invalidRecordState(`${where}: its acquisition lock expired`);
    switch (type) {
      case 'renew': {
        entry.lockExpiresAt = now + limits.lockDurationMs;
        this.locks.push({ at: entry.lockExpiresAt, offsets: [offset] });
        return { lockExpiresAt: entry.lockExpiresAt, freed: false };
      }
      case 'accept':
        window.transition(entry, ACKNOWLEDGED);
        return { freed: window.advance() };
      case 'reject': {
        window.transition(entry, ARCHIVED);
        const archived = this.archivedRecord(offset, entry, 'reject');
        return archived ? { archived, freed: window.advance() } : { freed: window.advance() };
      }
      case 'release': {
        const archived = this.release(entry, offset, limits);
        const freed = window.advance() || !archived;
        return archived ? { archived, freed } : { freed };
      }
    }
  }

  /** Lapse every lock due at or before `now`. */
  expireLocks(now: number, limits: PartitionLimits): ReleaseResult {
    const result: ReleaseResult = { released: 0, archived: [] };
    for (let top = this.locks.peek(); top && top.at <= now; top = this.locks.peek()) {
      this.locks.pop();
      for (const offset of top.offsets) {
        const entry = this.window.at(offset);
        // Settled, re-acquired or renewed since: this heap entry is stale for it.
        if (!entry || entry.state !== ACQUIRED || entry.lockExpiresAt !== top.at) continue;
        this.releaseInto(result, entry, offset, limits);
      }
    }
    if (result.released > 0 || result.archived.length > 0) this.window.advance();
    return result;
  }

  /**
   * A member left or closed: its records go back. Since Kafka 4.2 (KAFKA-19972) the attempt counts,
   * so a record at the limit is archived rather than handed out again.
   */
  releaseMember(memberId: string, limits: PartitionLimits): ReleaseResult {
    const result: ReleaseResult = { released: 0, archived: [] };
    this.synced().scan((entry, offset) => {
      if (entry.state === ACQUIRED && entry.owner === memberId)
        this.releaseInto(result, entry, offset, limits);
      return true;
    });
    if (result.released > 0 || result.archived.length > 0) this.window.advance();
    return result;
  }

  private take(entry: InFlight, offset: number, memberId: string, lockExpiresAt: number): DeliveredRecord {
    this.window.transition(entry, ACQUIRED);
    entry.deliveryCount++;
    entry.owner = memberId;
    entry.lockExpiresAt = lockExpiresAt;
    const record = this.log.get(offset)!;
    return {
      topic: record.topic,
      partition: record.partition,
      offset,
      key: record.key,
      value: record.value,
      headers: record.headers,
      timestamp: record.timestamp,
      deliveryCount: entry.deliveryCount,
      lockExpiresAt,
    };
  }

  private releaseInto(result: ReleaseResult, entry: InFlight, offset: number, limits: PartitionLimits): void {
    const archived = this.release(entry, offset, limits);
    if (archived) result.archived.push(archived);
    else result.released++;
  }

  /** Acquired → Available, or → Archived once the delivery count reached the limit. */
  private release(entry: InFlight, offset: number, limits: PartitionLimits): ArchivedRecord | undefined {
    if (entry.deliveryCount >= limits.deliveryCountLimit) {
      this.window.transition(entry, ARCHIVED);
      return this.archivedRecord(offset, entry, 'limit');
    }
    this.window.transition(entry, AVAILABLE);
    return undefined;
  }

  private archivedRecord(
    offset: number,
    entry: InFlight,
    reason: ArchivedRecord['reason'],
  ): ArchivedRecord | undefined {
    const record = this.log.get(offset);
    return record ? { record, deliveryCount: entry.deliveryCount, reason } : undefined;
  }

  /** The window, after following a log truncation (DeleteRecords) past SPSO. */
  private synced(): InFlightWindow {
    this.window.dropBelow(this.log.startOffset);
    return this.window;
  }
}
