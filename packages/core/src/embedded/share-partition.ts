import type { AckType, DeliveredRecord, StoredRecord } from '../engine/engine.js';
import { invalidRecordState } from './errors.js';
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

type State = 0 | 1 | 2 | 3;
const AVAILABLE: State = 0;
const ACQUIRED: State = 1;
const ACKNOWLEDGED: State = 2;
const ARCHIVED: State = 3;

interface InFlight {
  state: State;
  deliveryCount: number;
  owner: string | null;
  lockExpiresAt: number;
}

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

const COMPACT_AT = 1024;

export class SharePartition {
  private entries: InFlight[] = [];
  /** Index in `entries` of the SPSO record. */
  private head = 0;
  private spso: number;
  private available = 0;
  private settled = 0;
  private readonly locks = new LockHeap();

  constructor(
    readonly log: PartitionLog,
    startOffset: number,
  ) {
    this.spso = startOffset;
  }

  get topic(): string {
    return this.log.topic;
  }

  get partition(): number {
    return this.log.partition;
  }

  /** SPSO: every offset below it is settled. */
  get startOffset(): number {
    this.syncLogStart();
    return this.spso;
  }

  /** SPEO: one past the last offset ever acquired. */
  get endOffset(): number {
    this.syncLogStart();
    return this.spso + (this.entries.length - this.head);
  }

  /** Records at or above SPSO not yet settled (KIP-1226 lag). */
  lag(): number {
    this.syncLogStart();
    return this.log.endOffset - this.spso - this.settled;
  }

  /** Records currently Acquired (by anyone). */
  acquiredCount(): number {
    let count = 0;
    for (let i = this.head; i < this.entries.length; i++) if (this.entries[i]!.state === ACQUIRED) count++;
    return count;
  }

  /** Whether acquire() could return something right now (ignores lock expiry). */
  canAcquire(limits: PartitionLimits): boolean {
    if (this.available > 0) return true;
    const speo = this.endOffset;
    return speo < this.log.endOffset && speo - this.spso < limits.maxRecordLocks;
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
    this.syncLogStart();
    const records: DeliveredRecord[] = [];
    const lockExpiresAt = now + limits.lockDurationMs;
    const offsets: number[] = [];
    const limit = limits.deliveryCountLimit;
    const throttleFrom = Math.max(2, Math.ceil(limit / 2));
    let throttleCap = -1;
    let alone = false;
    let blocked = false;
    if (this.available > 0) {
      for (let i = this.head; i < this.entries.length && records.length < max; i++) {
        const entry = this.entries[i]!;
        if (entry.state !== AVAILABLE) continue;
        const count = entry.deliveryCount;
        const lastAttempt = limit > 2 && count === limit - 1;
        if (lastAttempt && records.length > 0) {
          blocked = true;
          break;
        }
        if (count >= throttleFrom && throttleCap < 0)
          throttleCap = Math.max(1, max >> (count - throttleFrom + 1));
        const offset = this.spso + (i - this.head);
        this.available--;
        records.push(this.take(entry, offset, memberId, lockExpiresAt));
        offsets.push(offset);
        if (lastAttempt) {
          alone = true;
          break;
        }
        if (throttleCap >= 0 && records.length >= throttleCap) {
          blocked = true;
          break;
        }
      }
    }
    if (!alone && !blocked) {
      let speo = this.spso + (this.entries.length - this.head);
      const logEnd = this.log.endOffset;
      const cap = this.spso + limits.maxRecordLocks;
      while (records.length < max && speo < logEnd && speo < cap) {
        const entry: InFlight = { state: AVAILABLE, deliveryCount: 0, owner: null, lockExpiresAt: 0 };
        this.entries.push(entry);
        records.push(this.take(entry, speo, memberId, lockExpiresAt));
        offsets.push(speo);
        speo++;
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
    this.syncLogStart();
    const entry = this.entryAt(offset);
    const where = `${this.topic}-${this.partition} offset ${offset}`;
    if (!entry) throw invalidRecordState(`${where} is not in flight (SPSO ${this.spso})`);
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
        this.settle(entry, ACKNOWLEDGED);
        return { freed: this.advance() };
      case 'reject': {
        this.settle(entry, ARCHIVED);
        const archived = this.archivedRecord(offset, entry, 'reject');
        return archived ? { archived, freed: this.advance() } : { freed: this.advance() };
      }
      case 'release': {
        const archived = this.release(entry, offset, limits);
        const freed = this.advance() || !archived;
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
        const entry = this.entryAt(offset);
        // Settled, re-acquired or renewed since: this heap entry is stale for it.
        if (!entry || entry.state !== ACQUIRED || entry.lockExpiresAt !== top.at) continue;
        this.releaseInto(result, entry, offset, limits);
      }
    }
    if (result.released > 0 || result.archived.length > 0) this.advance();
    return result;
  }

  /**
   * A member left or closed: its records go back. Since Kafka 4.2 (KAFKA-19972) the attempt counts,
   * so a record at the limit is archived rather than handed out again.
   */
  releaseMember(memberId: string, limits: PartitionLimits): ReleaseResult {
    this.syncLogStart();
    const result: ReleaseResult = { released: 0, archived: [] };
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (entry.state === ACQUIRED && entry.owner === memberId) {
        this.releaseInto(result, entry, this.spso + (i - this.head), limits);
      }
    }
    if (result.released > 0 || result.archived.length > 0) this.advance();
    return result;
  }

  private take(entry: InFlight, offset: number, memberId: string, lockExpiresAt: number): DeliveredRecord {
    entry.state = ACQUIRED;
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
      this.settle(entry, ARCHIVED);
      return this.archivedRecord(offset, entry, 'limit');
    }
    entry.state = AVAILABLE;
    entry.owner = null;
    this.available++;
    return undefined;
  }

  private settle(entry: InFlight, state: State): void {
    entry.state = state;
    entry.owner = null;
    this.settled++;
  }

  private archivedRecord(
    offset: number,
    entry: InFlight,
    reason: ArchivedRecord['reason'],
  ): ArchivedRecord | undefined {
    const record = this.log.get(offset);
    return record ? { record, deliveryCount: entry.deliveryCount, reason } : undefined;
  }

  private entryAt(offset: number): InFlight | undefined {
    if (offset < this.spso) return undefined;
    return this.entries[this.head + (offset - this.spso)];
  }

  /** Move SPSO past leading settled records. Returns true if it moved. */
  private advance(): boolean {
    const start = this.head;
    const entries = this.entries;
    while (this.head < entries.length) {
      const state = entries[this.head]!.state;
      if (state !== ACKNOWLEDGED && state !== ARCHIVED) break;
      this.head++;
    }
    const moved = this.head - start;
    if (moved === 0) return false;
    this.spso += moved;
    this.settled -= moved;
    this.compact();
    return true;
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** The log was truncated (DeleteRecords): offsets below its new start leave the window, settled or not. */
  private syncLogStart(): void {
    const logStart = this.log.startOffset;
    if (logStart <= this.spso) return;
    const inWindow = this.entries.length - this.head;
    const drop = Math.min(inWindow, logStart - this.spso);
    for (let i = this.head; i < this.head + drop; i++) {
      const state = this.entries[i]!.state;
      if (state === AVAILABLE) this.available--;
      else if (state === ACKNOWLEDGED || state === ARCHIVED) this.settled--;
    }
    this.head += drop;
    this.spso = logStart;
    this.advance();
    this.compact();
  }
}
