/**
 * Acquired records waiting for a poll(), and the polls waiting for records. The sum of what waiting polls
 * asked for is the demand that bounds fetching (flow control lives in share-consumer.ts): records are
 * only acquired for a caller that asked. A record whose lock lapsed while it sat here is dropped at take
 * time; the broker has already made it available again.
 */
import type { DeliveredRecord } from '../../engine/engine.js';

interface Waiter {
  maxRecords: number;
  /** Takes every buffered record, not only maxRecords (a poll with acquire: 'batches'). */
  takesAll: boolean;
  /** When this poll gives up waiting (now + its maxWaitMs). */
  deadline: number;
  resolve: (records: DeliveredRecord[]) => void;
  timer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
  signal: AbortSignal | undefined;
}

export class DeliveryBuffer {
  private records: DeliveredRecord[] = [];
  private head = 0;
  private readonly waiters: Waiter[] = [];
  private demandTotal = 0;
  /** Waiting polls that must not get more than they asked for. */
  private exactWaiters = 0;

  constructor(
    private readonly now: () => number = Date.now,
    /** A record dropped because its lock lapsed while it waited here (nobody will acknowledge it). */
    private readonly onLapsed: (record: DeliveredRecord) => void = () => {},
  ) {}

  /** Records asked for by waiting polls. */
  get demand(): number {
    return this.demandTotal;
  }

  get size(): number {
    return this.records.length - this.head;
  }

  get hasWaiters(): boolean {
    return this.waiters.length > 0;
  }

  /**
   * The latest deadline among the polls waiting now (0 when none): a fetch for them never long-polls past
   * it. Only waiting polls count: a long idle poll that ended must not stretch the fetches of the short
   * (busy) polls after it.
   */
  get latestDeadline(): number {
    let latest = 0;
    for (const waiter of this.waiters) if (waiter.deadline > latest) latest = waiter.deadline;
    return latest;
  }

  /** Every waiting poll takes whatever a fetch acquires: a fetch may acquire whole batches. */
  get batchesWanted(): boolean {
    return this.waiters.length > 0 && this.exactWaiters === 0;
  }

  push(records: DeliveredRecord[]): void {
    if (records.length === 0) return;
    if (this.head === this.records.length) {
      this.records = records;
      this.head = 0;
    } else {
      for (const record of records) this.records.push(record);
    }
    while (this.waiters.length > 0 && this.size > 0) {
      const first = this.waiters[0] as Waiter;
      const batch = this.take(first.takesAll ? Number.POSITIVE_INFINITY : first.maxRecords);
      if (batch.length === 0) break; // everything left had expired
      this.settle(this.waiters.shift() as Waiter, batch);
    }
  }

  /** Up to `max` records whose lock still holds. */
  take(max: number): DeliveredRecord[] {
    const out: DeliveredRecord[] = [];
    const now = this.now();
    while (out.length < max && this.head < this.records.length) {
      const record = this.records[this.head++] as DeliveredRecord;
      if (record.lockExpiresAt > now) out.push(record);
      else this.onLapsed(record);
    }
    if (this.head === this.records.length) {
      this.records = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** Waits for records (resolves with [] after maxWaitMs or on abort). */
  wait(
    maxRecords: number,
    maxWaitMs: number,
    signal?: AbortSignal,
    takesAll = false,
  ): Promise<DeliveredRecord[]> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        maxRecords,
        takesAll,
        deadline: this.now() + maxWaitMs,
        resolve,
        timer: undefined,
        onAbort: undefined,
        signal,
      };
      if (!takesAll) this.exactWaiters++;
      waiter.timer = setTimeout(() => this.expire(waiter), maxWaitMs);
      if (signal) {
        waiter.onAbort = () => this.expire(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.demandTotal += maxRecords;
    });
  }

  /** Every record not handed out yet (close releases them). */
  drain(): DeliveredRecord[] {
    const rest = this.records.slice(this.head);
    this.records = [];
    this.head = 0;
    return rest;
  }

  /** Drops the records not handed out yet for which `lost` says so (their acquisition is gone). */
  discard(lost: (record: DeliveredRecord) => boolean): void {
    this.records = this.records.slice(this.head).filter((record) => !lost(record));
    this.head = 0;
  }

  /** Resolves every waiting poll with []. */
  wakeAll(): void {
    for (const waiter of this.waiters.splice(0)) this.settle(waiter, []);
  }

  private expire(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index < 0) return;
    this.waiters.splice(index, 1);
    this.settle(waiter, []);
  }

  private settle(waiter: Waiter, records: DeliveredRecord[]): void {
    clearTimeout(waiter.timer);
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.demandTotal -= waiter.maxRecords;
    if (!waiter.takesAll) this.exactWaiters--;
    waiter.resolve(records);
  }
}
