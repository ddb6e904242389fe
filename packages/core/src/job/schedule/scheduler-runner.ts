/**
 * SchedulerRunner: runs inside every worker process of a queue; the one holding the lease fires.
 *
 * - Follows the schedulers topic (tail from the start) into a SchedulerBook, so it always knows the
 *   schedulers, their last fired tick and the lease.
 * - Lease (lease.ts): the owner renews every `renewMs` for `leaseMs`; any other runner claims the next term
 *   once `until` has passed, so a SIGKILLed owner is replaced within leaseMs + renewMs. The owner fires
 *   only while `now < until - safetyMs`. close() releases the lease (until = now) for a prompt handover.
 * - Firing: one timer for the earliest next tick of all schedulers. At each wake-up the owner fires, per
 *   scheduler, the ticks due since the last fired one (repeat.ts dueTicks): all of them when the gap is
 *   shorter than `catchUpMs` (a takeover after a crash), else only the latest (a full outage), so ticks
 *   never pile up. Processing the fired jobs is the worker pool's
 *   business: a slow job never delays the timer.
 */
import type { Engine, StoredRecord, Subscription } from '../../engine/engine.js';
import { toError } from '../../errors.js';
import { provisionControlTopics } from '../control/provision-control.js';
import type { QueueTopology } from '../topology.js';
import { type FireContext, fireTick, settleFiring } from './fire-tick.js';
import { dueTicks, nextTick } from './repeat.js';
import { type BookEntry, SchedulerBook } from './scheduler-book.js';
import { firedFloor } from './scheduler-info.js';
import { encodeLease, type FiredMarker, type LeaseRecord } from './scheduler-records.js';

export interface SchedulerRunnerOptions {
  /** This runner's identity in the lease and the markers (the worker id: unique per worker). */
  owner: string;
  onError: (error: Error) => void;
  /** How long a lease holds without renewal (takeover time after a crash ≤ leaseMs + renewMs). */
  leaseMs?: number;
  renewMs?: number;
  /** The owner stops firing this long before its lease ends (covers a produce in flight and clock skew). */
  safetyMs?: number;
  /** Ticks missed for less than this are all fired (a takeover); after a longer gap only the latest. */
  catchUpMs?: number;
}

/** Longest single timer: a newly upserted scheduler wakes the runner through the tail anyway. */
const MAX_SLEEP_MS = 60_000;

export class SchedulerRunner {
  readonly #engine: Engine;
  readonly #topology: QueueTopology;
  readonly #owner: string;
  readonly #onError: (error: Error) => void;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #safetyMs: number;
  readonly #catchUpMs: number;
  readonly #book = new SchedulerBook();
  /** Markers this runner wrote, ahead of the tail (scheduler id → marker). */
  readonly #mine = new Map<string, FiredMarker>();
  #tail: Subscription | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #fireTimer: NodeJS.Timeout | undefined;
  #leaseWrite: Promise<void> | undefined;
  #round: Promise<void> | undefined;
  #again = false;
  #partitions: number | undefined;
  #stopped = false;

  constructor(engine: Engine, topology: QueueTopology, options: SchedulerRunnerOptions) {
    this.#engine = engine;
    this.#topology = topology;
    this.#owner = options.owner;
    this.#onError = options.onError;
    this.#leaseMs = options.leaseMs ?? 2_000;
    this.#renewMs = options.renewMs ?? 500;
    this.#safetyMs = options.safetyMs ?? 700;
    this.#catchUpMs = options.catchUpMs ?? 10_000;
  }

  /** Creates the schedulers topic if needed, then follows it and joins the lease. */
  async start(): Promise<void> {
    if (this.#tail || this.#stopped) return;
    await provisionControlTopics(this.#engine, this.#topology);
    if (this.#tail || this.#stopped) return;
    this.#tail = this.#engine.tail(this.#topology.schedulersTopic, { from: 'earliest' }, (records) =>
      this.#onRecords(records),
    );
    this.#leaseTimer = setInterval(() => this.#leaseTick(), this.#renewMs);
    this.#leaseTick();
  }

  /** True while this runner holds the lease with time to spare. */
  isOwner(now = Date.now()): boolean {
    const lease = this.#book.lease;
    return lease?.owner === this.#owner && now < lease.until - this.#safetyMs;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#leaseTimer);
    clearTimeout(this.#fireTimer);
    await this.#round;
    await this.#leaseWrite;
    await this.#tail?.close();
    const lease = this.#book.lease;
    if (lease?.owner === this.#owner) {
      const now = Date.now();
      await this.#writeLease({ v: 1, owner: this.#owner, term: lease.term, until: now, at: now });
    }
  }

  #onRecords(records: StoredRecord[]): void {
    for (const record of records) this.#book.apply(record);
    this.#schedule(0);
  }

  #leaseTick(): void {
    if (this.#stopped || this.#leaseWrite) return;
    const now = Date.now();
    const lease = this.#book.lease;
    let next: LeaseRecord | undefined;
    if (lease?.owner === this.#owner) next = { ...lease, until: now + this.#leaseMs, at: now };
    else if (!lease || now >= lease.until)
      next = { v: 1, owner: this.#owner, term: (lease?.term ?? 0) + 1, until: now + this.#leaseMs, at: now };
    if (!next) return;
    this.#leaseWrite = this.#writeLease(next).finally(() => {
      this.#leaseWrite = undefined;
    });
  }

  async #writeLease(lease: LeaseRecord): Promise<void> {
    try {
      await this.#engine.produce(this.#topology.schedulersTopic, [encodeLease(lease)]);
    } catch (error) {
      this.#report(error);
    }
  }

  /** Runs a firing round after `ms`; rounds never overlap (a request during one runs another after it). */
  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#fireTimer);
    this.#fireTimer = setTimeout(
      () => {
        if (this.#round) {
          this.#again = true;
          return;
        }
        this.#round = this.#fireRound()
          .catch((error: unknown) => this.#report(error))
          .finally(() => {
            this.#round = undefined;
            if (this.#again) {
              this.#again = false;
              this.#schedule(0);
            }
          });
      },
      Math.max(0, Math.min(ms, MAX_SLEEP_MS)),
    );
  }

  async #fireRound(): Promise<void> {
    let wake = MAX_SLEEP_MS;
    for (const entry of this.#book.entries()) {
      if (this.#stopped) return;
      const current = this.#withMine(entry);
      if (this.isOwner()) await this.#fireDue(current);
      const latest = this.#withMine(entry);
      const next = nextTick(latest.definition.repeat, Math.max(firedFloor(latest), Date.now()));
      const limit = latest.definition.repeat.limit;
      if (next !== undefined && (limit === undefined || (latest.fired?.count ?? 0) < limit))
        wake = Math.min(wake, next - Date.now());
    }
    // Not the owner: wake at the renew cadence anyway, to fire at once after a takeover.
    if (!this.isOwner()) wake = Math.min(wake, this.#renewMs);
    this.#schedule(wake);
  }

  async #fireDue(entry: BookEntry): Promise<void> {
    const { definition, fired } = entry;
    const ctx = await this.#fireContext();
    if (!this.isOwner() || this.#stopped) return;
    if (fired?.state === 'firing') {
      // A predecessor (or this runner before a failed produce) left a tick half fired: finish it first.
      this.#remember(await settleFiring(ctx, definition, fired));
      return this.#fireDue(this.#withMine(entry));
    }
    const { limit } = definition.repeat;
    let current = entry;
    for (const tick of dueTicks(definition.repeat, firedFloor(entry), Date.now(), this.#catchUpMs)) {
      if (limit !== undefined && (current.fired?.count ?? 0) >= limit) return;
      if (!this.isOwner() || this.#stopped) return;
      const marker = await fireTick(ctx, current, tick);
      this.#remember(marker);
      current = { definition, fired: marker };
    }
  }

  async #fireContext(): Promise<FireContext> {
    this.#partitions ??= (await this.#engine.partitionCount(this.#topology.topic)) ?? 1;
    return { engine: this.#engine, topology: this.#topology, by: this.#owner, partitions: this.#partitions };
  }

  #remember(marker: FiredMarker): void {
    this.#mine.set(marker.id, marker);
  }

  /** The book's entry, with this runner's own newer marker if the tail has not shown it yet. */
  #withMine(entry: BookEntry): BookEntry {
    const fresh = this.#book.get(entry.definition.id) ?? entry;
    const mine = this.#mine.get(fresh.definition.id);
    if (!mine || mine.version !== fresh.definition.version) return fresh;
    const book = fresh.fired;
    const newer = !book || mine.tick > book.tick || (mine.tick === book.tick && mine.state === 'fired');
    return newer ? { definition: fresh.definition, fired: mine } : fresh;
  }

  #report(error: unknown): void {
    this.#onError(toError(error));
  }
}
