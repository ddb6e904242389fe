import { type DeliveredRecord, decodeEnvelope } from '@sharq/core';
import type { ActiveJob } from './active-job.js';
import { isInvalidRecordState, type LockLostError, toError } from './errors.js';
import type { Processor } from './processor.js';
import { createActiveJob, runJob } from './run-job.js';
import type { RuntimeContext } from './runtime-context.js';
import { settleMalformed } from './settle.js';

const POLL_ERROR_BACKOFF_MS = [100, 250, 500, 1_000, 2_000, 5_000];
/**
 * Records this worker holds unsettled (running, settling, prefetched) plus what the next poll asks for stay
 * below this (or below concurrency + prefetch when that is larger). Kafka caps a share-partition's in-flight
 * records (group.share.partition.max.record.locks, 2000 by default) and the ACCEPTs riding on a ShareFetch
 * still count when that fetch acquires: asking for 1000 while 1000 acks ride along hits the cap and the
 * fetch waits (bench/share-rtt.mjs on the dev broker: 8.5k records/s at 1000 per fetch, 58k at 900).
 */
const IN_FLIGHT_BUDGET = 1_800;
/** A prefetched record with less lock than this left is handed back instead of started (it may be gone already). */
const PREFETCH_MIN_LOCK_LEFT_MS = 500;

/**
 * The concurrency pool. It acquires ONLY what it can start now: each poll asks the share consumer for
 * exactly the number of free slots (never prefetches — an acquired record burns lock time and a
 * delivery attempt while it waits), starts every record at once, and polls again while slots are free.
 * The opt-in `prefetch` option (see options.ts) lets it hold up to that many acquired records more, started
 * as slots free.
 */
export class JobPool<D, R> {
  readonly #ctx: RuntimeContext<D, R>;
  readonly #processor: Processor<D, R>;
  /** Running jobs (processor not yet finished), keyed by topic/partition/offset. */
  readonly #running = new Map<string, ActiveJob>();
  /** Every in-flight record task (processor + settlement); close() waits on these. */
  readonly #tasks = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  /** Acquired, not started yet (only with the prefetch option): started in order as slots free. */
  #prefetched: DeliveredRecord[] = [];
  #slotWaiter: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];
  #loop: Promise<void> | undefined;
  #drained = false;

  /** Told about every job that starts (the lock renewer plans its next wake-up from it). */
  onJobStarted: (active: ActiveJob) => void = () => {};

  constructor(ctx: RuntimeContext<D, R>, processor: Processor<D, R>) {
    this.#ctx = ctx;
    this.#processor = processor;
  }

  get runningCount(): number {
    return this.#running.size;
  }

  running(): Iterable<ActiveJob> {
    return this.#running.values();
  }

  start(): void {
    this.#loop ??= this.#acquireLoop();
  }

  /** Stop acquiring; resolves when the loop has exited (records a racing poll returned are released). */
  async stopAcquiring(): Promise<void> {
    this.#stop.abort();
    this.#wakeSlotWaiter();
    await this.#loop;
    await this.#releaseUnstarted(this.#prefetched.splice(0));
  }

  /** Resolves true when every task finished, false if `timeoutMs` passed first. */
  async waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.#tasks.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.#idleWaiters.push(() => resolve(true)));
    // setTimeout cannot wait longer than ~24.8 days (it fires at once instead): Infinity means no timer.
    const timeout = new Promise<boolean>((resolve) => {
      if (timeoutMs < 2 ** 31) timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tasks still in flight (running or settling). */
  get pendingTasks(): number {
    return this.#tasks.size;
  }

  /** close() gave up waiting: abort the processors and hand their records back to the broker. */
  async releaseRunning(reason: Error): Promise<void> {
    const releases: Promise<unknown>[] = [];
    for (const active of this.#running.values()) {
      if (active.state !== 'running') continue;
      active.state = 'released';
      active.controller.abort(reason);
      const { topic, partition, offset } = active.record;
      releases.push(
        this.#ctx.consumer
          .acknowledge({ topic, partition, offset }, 'release')
          .catch((error: unknown) => this.#ctx.emit('error', toError(error), active.job)),
      );
    }
    await Promise.all(releases);
  }

  /** The renewer lost this job's lock: abort it, never acknowledge it, report it. */
  markLost(active: ActiveJob, error: LockLostError): void {
    if (active.state !== 'running') return;
    active.state = 'lost';
    active.controller.abort(error);
    // 'lockLost' is the specific report; without a listener for it the fact still surfaces as 'error'.
    const heard = active.job ? this.#ctx.emit('lockLost', active.job, error) : false;
    if (!heard) this.#ctx.emit('error', error, active.job);
  }

  async #acquireLoop(): Promise<void> {
    const { consumer, options } = this.#ctx;
    const signal = this.#stop.signal;
    const prefetch = options.limiter ? 0 : options.prefetch;
    let failures = 0;
    while (!signal.aborted) {
      this.#startPrefetched();
      const free = options.concurrency - this.#running.size;
      const room = Math.min(
        free + prefetch - this.#prefetched.length,
        Math.max(IN_FLIGHT_BUDGET, options.concurrency + prefetch) -
          this.#tasks.size -
          this.#prefetched.length,
      );
      if (room <= 0) {
        await new Promise<void>((resolve) => {
          this.#slotWaiter = resolve;
        });
        continue;
      }
      let wanted = room;
      if (options.limiter) {
        try {
          wanted = Math.min(free, Math.max(0, Math.floor(await options.limiter.beforeAcquire(free, signal))));
        } catch (error) {
          this.#ctx.emit('error', toError(error));
          wanted = 0;
        }
        if (wanted === 0) {
          // A limiter answering 0 at once must not turn this loop into a spin.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
      }
      let records: DeliveredRecord[];
      try {
        records = await consumer.poll(wanted, { maxWaitMs: options.drainDelayMs, signal });
        failures = 0;
      } catch (error) {
        options.limiter?.refund?.(wanted);
        if (signal.aborted) break;
        this.#ctx.emit('error', toError(error));
        const delay = POLL_ERROR_BACKOFF_MS[Math.min(failures++, POLL_ERROR_BACKOFF_MS.length - 1)] ?? 5_000;
        await sleep(delay, signal);
        continue;
      }
      if (records.length < wanted) options.limiter?.refund?.(wanted - records.length);
      if (signal.aborted) {
        await this.#releaseUnstarted(records);
        break;
      }
      if (records.length === 0) {
        if (!this.#drained && this.#running.size === 0 && this.#prefetched.length === 0) {
          this.#drained = true;
          this.#ctx.emit('drained');
        }
        continue;
      }
      this.#drained = false;
      // Never more than free + prefetch: what does not fit a free slot waits in #prefetched.
      for (const record of records) this.#prefetched.push(record);
      this.#startPrefetched();
      // Let processors that finish within microtasks (fast or no-op jobs) free their slots before the
      // next poll sizes itself, so it asks for every slot that is really free, not half of them.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Starts held records while slots are free; a record whose lock is (nearly) over goes back to the broker. */
  #startPrefetched(): void {
    const { concurrency } = this.#ctx.options;
    const stale: DeliveredRecord[] = [];
    let now = 0;
    while (this.#prefetched.length > 0 && this.#running.size < concurrency) {
      const record = this.#prefetched.shift() as DeliveredRecord;
      now ||= Date.now();
      if (record.lockExpiresAt - now < PREFETCH_MIN_LOCK_LEFT_MS) stale.push(record);
      else this.#startRecord(record);
    }
    if (stale.length > 0) this.#track(this.#releaseUnstarted(stale));
  }

  #startRecord(record: DeliveredRecord): void {
    const decoded = decodeEnvelope(record);
    if (!decoded.ok) {
      this.#track(settleMalformed(this.#ctx, record, decoded.reason));
      return;
    }
    const active = createActiveJob(this.#ctx, record, decoded.envelope);
    const key = `${record.topic}/${record.partition}/${record.offset}`;
    this.#running.set(key, active);
    this.onJobStarted(active);
    this.#track(
      runJob(this.#ctx, active, this.#processor, () => {
        this.#running.delete(key);
        // A held record takes the slot at once, not after the acquire loop's next turn.
        if (this.#prefetched.length > 0 && !this.#stop.signal.aborted) this.#startPrefetched();
        this.#wakeSlotWaiter();
      }),
    );
  }

  #track(task: Promise<void>): void {
    const tracked: Promise<void> = task
      .catch((error: unknown) => {
        this.#ctx.emit('error', toError(error));
      })
      .finally(() => {
        this.#tasks.delete(tracked);
        // A settled task may free in-flight budget the acquire loop is waiting for.
        this.#wakeSlotWaiter();
        if (this.#tasks.size === 0) {
          const waiters = this.#idleWaiters;
          this.#idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
    this.#tasks.add(tracked);
  }

  async #releaseUnstarted(records: DeliveredRecord[]): Promise<void> {
    await Promise.all(
      records.map(({ topic, partition, offset }) =>
        this.#ctx.consumer.acknowledge({ topic, partition, offset }, 'release').catch((error: unknown) => {
          // The lock of a held record lapsed first: the broker already took it back, nothing to report.
          if (!isInvalidRecordState(error)) this.#ctx.emit('error', toError(error));
        }),
      ),
    );
  }

  #wakeSlotWaiter(): void {
    const wake = this.#slotWaiter;
    this.#slotWaiter = undefined;
    wake?.();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
