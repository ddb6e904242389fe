/**
 * OrderedConsumer: a key-ordered queue's consumer, behind the ShareConsumer interface the worker's pool
 * already uses. A classic consumer group (engine.runGroupConsumer) owns whole partitions and hands this
 * member their records in offset order, up to `windowPerPartition` not yet done per partition; the engine
 * commits up to the first record not done, so a crash hands every unfinished record to the next owner.
 * Inside that window the records are dispatched per key (key-queue.ts): only the head of each key is ready,
 * so one key runs one job at a time in add order while every other key's head runs in parallel — the
 * parallelism is the window's, not the partition count's.
 *
 *   poll(n)       up to n ready heads (waits up to maxWaitMs for one; honours the abort signal)
 *   ACCEPT/REJECT the record is done: the engine's onRecord resolves, the key's next record becomes ready
 *   RELEASE       retry in place: the same record is ready again, first in line, deliveryCount + 1
 *   RENEW         extends the local lock (nothing else holds it: the group owns the partition)
 *   retryAt       retry in place at a time (backoff): the key stays blocked until then
 *
 * A rebalance hands partitions over only after their old owner drained (engine beforeRejoin): from its
 * start this member starts no record (poll hands nothing) and lets the group go on once none of its
 * records runs any more; after the join (afterJoin) it hands out again, from the partitions it kept. So a
 * new owner never starts a key's record while the old owner still runs one of that key (bounded by the
 * engine's REJOIN_DRAIN_MS, past which the old owner's records are given up).
 *
 * A partition this member loses (rebalance, crash of the group session) is dropped at once: its records
 * are the new owner's. Acknowledgements for them fail with INVALID_RECORD_STATE, which the worker reports as
 * a duplicate (the job may run again on the new owner), and their RENEWs fail too, which aborts the job.
 * The delivery count lives in memory: a record handed to a new owner starts again at 1.
 */
import { randomUUID } from 'node:crypto';
import {
  type AckReceipt,
  type AckType,
  brokerError,
  ClosedError,
  type DeliveredRecord,
  decodeEnvelope,
  type Engine,
  errorCodeOf,
  type GroupVerdict,
  type PollOptions,
  type PresenceBlockedKey,
  type RecordRef,
  type ShareConsumer,
  type StoredRecord,
  type Subscription,
} from '@sharq/core';
import { KeyQueues, type OrderedEntry } from './key-queue.js';

/** Records of one partition handed in and not yet done: what the keys of a partition can run in parallel. */
export const DEFAULT_ORDERED_WINDOW = 1_000;
const DEFAULT_POLL_WAIT_MS = 500;
const DONE: GroupVerdict = { kind: 'done' };

export interface OrderedConsumerOptions {
  /** The queue's classic group (topology.orderedGroup). */
  groupId: string;
  topics: string[];
  /** The local lock a poll grants and a RENEW extends (the worker renews at half-life). */
  lockDurationMs: number;
  windowPerPartition?: number;
  /** Shown as this member's id (the worker id). */
  clientId?: string;
  onError?: (error: Error) => void;
}

/** A consumer that can retry a record in place (its key keeps the record first until then). */
export interface InPlaceRetries {
  /**
   * The running `record` is due again at `atMs` (epoch ms), still first in its key. `countsAttempt: false`
   * (a deferral: rate limit, hand-back) keeps its delivery count.
   */
  retryAt(record: RecordRef, atMs: number, options?: { countsAttempt?: boolean }): void;
}

export function retriesInPlace(consumer: ShareConsumer): consumer is ShareConsumer & InPlaceRetries {
  return typeof (consumer as Partial<InPlaceRetries>).retryAt === 'function';
}

export class OrderedConsumer implements ShareConsumer, InPlaceRetries {
  readonly memberId: string;
  readonly #options: OrderedConsumerOptions;
  readonly #queues = new KeyQueues();
  readonly #engine: Engine;
  /** Joined on the first poll, so a worker that fails to start (or never runs) takes no partition. */
  #subscription: Subscription | undefined;
  readonly #waiters = new Set<() => void>();
  readonly #timers = new Map<OrderedEntry, NodeJS.Timeout>();
  /** Ownership signals listened to (one listener per signal, whether the engine shares them or not). */
  readonly #watched = new WeakSet<AbortSignal>();
  /** Partitions with a sweep of lost records scheduled (one sweep per burst of aborts). */
  readonly #sweeps = new Set<string>();
  #stopped = false;
  /** Between a rebalance's start and its join: nothing is handed out. */
  #held = false;
  /** Resolved when nothing runs any more (a drain before a rejoin). */
  readonly #drainWaiters = new Set<() => void>();
  #closing: Promise<void> | undefined;

  constructor(engine: Engine, options: OrderedConsumerOptions) {
    this.#options = options;
    this.memberId = options.clientId ?? `ordered-${randomUUID()}`;
    this.#engine = engine;
  }

  /** Records handed in and not done (queued, ready, running or retrying). */
  get inFlight(): number {
    return this.#queues.size;
  }

  async poll(maxRecords: number, options: PollOptions = {}): Promise<DeliveredRecord[]> {
    if (this.#stopped) throw new ClosedError('ordered consumer');
    this.#subscription ??= this.#engine.runGroupConsumer({
      groupId: this.#options.groupId,
      topics: this.#options.topics,
      maxInFlightPerPartition: this.#options.windowPerPartition ?? DEFAULT_ORDERED_WINDOW,
      onRecord: (record, ownership) => this.#onRecord(record, ownership),
      onError: (error) => this.#options.onError?.(error),
      beforeRejoin: () => this.#drain(),
      afterJoin: () => this.#release(),
    });
    const deadline = Date.now() + (options.maxWaitMs ?? DEFAULT_POLL_WAIT_MS);
    for (;;) {
      if (options.signal?.aborted || this.#stopped) return [];
      const taken = this.#held ? [] : this.#queues.take(maxRecords);
      if (taken.length > 0) {
        const lockExpiresAt = Date.now() + this.#options.lockDurationMs;
        return taken.map((entry) => {
          entry.lockExpiresAt = lockExpiresAt;
          return { ...entry.record, deliveryCount: entry.deliveryCount, lockExpiresAt };
        });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return [];
      await this.#waitReady(remaining, options.signal);
    }
  }

  async acknowledge(ref: RecordRef, type: AckType): Promise<AckReceipt> {
    const entry = this.#running(ref, type);
    const now = Date.now();
    switch (type) {
      case 'accept':
      case 'reject':
        this.#queues.complete(entry, now);
        entry.finish();
        this.#wake();
        this.#checkDrained();
        return {};
      case 'release':
        entry.deliveryCount++;
        this.#queues.readyAgain(entry);
        this.#wake();
        this.#checkDrained();
        return {};
      case 'renew':
        entry.lockExpiresAt = now + this.#options.lockDurationMs;
        return { lockExpiresAt: entry.lockExpiresAt };
    }
  }

  retryAt(ref: RecordRef, atMs: number, options: { countsAttempt?: boolean } = {}): void {
    const entry = this.#running(ref, 'retry');
    if (options.countsAttempt !== false) entry.deliveryCount++;
    entry.state = 'retrying';
    entry.retryAt = atMs;
    this.#checkDrained();
    const due = (): void => {
      this.#timers.delete(entry);
      if (entry.state !== 'retrying') return;
      // Timers run on a monotonic clock and can fire a millisecond before Date.now() reaches atMs (seen in
      // CI): "no earlier than asked" is checked against the clock the caller used.
      const early = atMs - Date.now();
      if (early > 0) {
        this.#timers.set(entry, setTimeout(due, early));
        return;
      }
      delete entry.retryAt;
      this.#queues.readyAgain(entry);
      this.#wake();
    };
    this.#timers.set(entry, setTimeout(due, Math.max(0, atMs - Date.now())));
  }

  /**
   * Keys whose head is running or waiting for a retry (every record behind it waits), most records waiting
   * first. attempt = the head's envelope attemptsMade + this owner's delivery count.
   */
  blockedKeys(limit = 50): PresenceBlockedKey[] {
    const blocked: { head: OrderedEntry; waiting: number }[] = [];
    for (const item of this.#queues.heads()) {
      if (item.head.state === 'running' || item.head.state === 'retrying') blocked.push(item);
    }
    blocked.sort((a, b) => b.waiting - a.waiting || a.head.headSince - b.head.headSince);
    return blocked.slice(0, limit).map(({ head, waiting }) => {
      const decoded = decodeEnvelope(head.record);
      const { partition, offset } = head.record;
      const out: PresenceBlockedKey = {
        key: head.key,
        partition,
        offset,
        state: head.state === 'retrying' ? 'retrying' : 'running',
        attempt: (decoded.ok ? decoded.envelope.attemptsMade : 0) + head.deliveryCount,
        waiting,
        since: head.headSince,
      };
      if (decoded.ok) out.jobId = decoded.envelope.id;
      if (head.retryAt !== undefined) out.retryAt = head.retryAt;
      return out;
    });
  }

  /**
   * Nothing more is handed out (poll throws ClosedError). Nothing was acquired for a poll that did not take
   * it (records wait in memory, uncommitted), so there is nothing to hand over.
   */
  async stopFetching(): Promise<DeliveredRecord[]> {
    this.#stop();
    return [];
  }

  /** Leaves the group: records not done stay uncommitted and go to the partitions' next owners. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stop();
      for (const timer of this.#timers.values()) clearTimeout(timer);
      this.#timers.clear();
      await this.#subscription?.close();
    })();
    return this.#closing;
  }

  #onRecord(record: StoredRecord, ownership: AbortSignal): Promise<GroupVerdict> {
    // A verdict after the partition moved is ignored by the engine: such a record is simply never finished.
    if (ownership.aborted) return new Promise<GroupVerdict>(() => {});
    this.#watch(ownership, record.topic, record.partition);
    return new Promise<GroupVerdict>((resolve) => {
      const key = record.key?.toString('utf8') ?? `${record.topic}/${record.partition}/${record.offset}`;
      const now = Date.now();
      const entry: OrderedEntry = {
        record,
        fifo: `${record.topic}/${record.partition}/${key}`,
        key,
        finish: () => resolve(DONE),
        ownership,
        state: 'queued',
        deliveryCount: 1,
        lockExpiresAt: 0,
        headSince: now,
      };
      this.#queues.add(entry, now);
      if (entry.state === 'ready') this.#wake();
    });
  }

  /** On abort, the partition's lost records are swept (once for all records of the partition that abort together). */
  #watch(ownership: AbortSignal, topic: string, partition: number): void {
    if (this.#watched.has(ownership)) return;
    this.#watched.add(ownership);
    ownership.addEventListener('abort', () => this.#scheduleSweep(topic, partition), { once: true });
  }

  #scheduleSweep(topic: string, partition: number): void {
    const id = `${topic}/${partition}`;
    if (this.#sweeps.has(id)) return;
    this.#sweeps.add(id);
    queueMicrotask(() => {
      this.#sweeps.delete(id);
      const gone = (entry: OrderedEntry) => entry.ownership.aborted;
      for (const entry of this.#queues.dropPartition(topic, partition, gone, Date.now())) {
        const timer = this.#timers.get(entry);
        if (timer) clearTimeout(timer);
        this.#timers.delete(entry);
      }
      this.#wake();
      this.#checkDrained();
    });
  }

  /** A rebalance starts: start nothing more; resolves once no record of this member runs. */
  #drain(): Promise<void> {
    this.#held = true;
    if (this.#queues.runningCount === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#drainWaiters.add(resolve));
  }

  /** The join completed: hand out again (after the sweeps of lost partitions, queued as microtasks). */
  #release(): void {
    queueMicrotask(() => {
      this.#held = false;
      this.#wake();
    });
  }

  #checkDrained(): void {
    if (this.#drainWaiters.size === 0 || this.#queues.runningCount > 0) return;
    const waiters = [...this.#drainWaiters];
    this.#drainWaiters.clear();
    for (const resolve of waiters) resolve();
  }

  #running(ref: RecordRef, what: string): OrderedEntry {
    const entry = this.#queues.get(ref);
    if (entry?.state === 'running' && !entry.ownership.aborted) return entry;
    // Not ours any more (its partition moved) or not running: the worker reports it as a duplicate.
    throw brokerError(
      errorCodeOf('INVALID_RECORD_STATE') ?? 121,
      `${what} of ${ref.topic}[${ref.partition}]@${ref.offset}: not a running record of this member (its partition moved to another member)`,
    );
  }

  #stop(): void {
    this.#stopped = true;
    this.#wake();
    // Leaving: a rejoin that waits on us must not wait for jobs the worker's close already awaits.
    const waiters = [...this.#drainWaiters];
    this.#drainWaiters.clear();
    for (const resolve of waiters) resolve();
  }

  #wake(): void {
    if (this.#waiters.size === 0) return;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  #waitReady(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
