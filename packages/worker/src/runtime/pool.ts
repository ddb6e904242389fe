import { type DeliveredRecord, type JobHooks, decodeEnvelope } from '@sharq/core';
import { type AcquireGate, OPEN_GATE } from '../control/pause-gate.js';
import {
  inFlightBudget,
  JobDuration,
  overdueAfterMs,
  PollRoundTrip,
  recordsAhead,
  refillBelow,
  stalledAfterMs,
  takesWholeBatches,
} from './acquisition-window.js';
import { type ActiveJob, type HeldRecord, type LockHolder, refOf } from './active-job.js';
import { isInvalidRecordState, type LockLostError, toError } from './errors.js';
import { handBackUnstarted } from './hand-back.js';
import { SharerWatch } from './partition-sharers.js';
import type { Processor } from './processor.js';
import { createActiveJob, jobHooks, runJob } from './run-job.js';
import type { RuntimeContext } from './runtime-context.js';
import { settleMalformed } from './settle.js';

const POLL_ERROR_BACKOFF_MS = [100, 250, 500, 1_000, 2_000, 5_000];
/** A held record with less lock than this left is handed back instead of started (it may be gone already). */
const HELD_MIN_LOCK_LEFT_MS = 500;
/** The `prefetch` bound when the option is not set: the window is adaptive up to this. */
const DEFAULT_MAX_AHEAD = 1_000;
/**
 * Long-poll bound while this worker runs or holds jobs (drainDelayMs applies when it is idle). A fetch in
 * flight holds the link, so the ACCEPTs of finished jobs wait for it; and close() waits for such a poll to
 * land (see stopAcquiring), so it must be short.
 */
const BUSY_POLL_WAIT_MS = 250;
/** Beyond the poll's own bound: the broker round trip of its answer. */
const POLL_LANDING_MS = 250;

/**
 * The concurrency pool, fed by streaming acquisition (design: bench/README.md, "design of the acquisition").
 * It keeps the slots busy and, for jobs fast enough to start soon, an adaptive number of acquired records
 * ahead of them (acquisition-window.ts: sized from the measured job duration, the lock and Kafka's in-flight
 * cap). Held records start in acquisition order the moment a slot frees, and the lock renewer RENEWs them
 * while they wait. The next poll goes out once the window is half used, so the ShareFetch travels (with the
 * finished jobs' ACCEPTs riding on it) while the other half runs. Slow jobs get no window: the pool then
 * acquires exactly what it can start now.
 */
export class JobPool<D, R> {
  readonly #ctx: RuntimeContext<D, R>;
  readonly #processor: Processor<D, R>;
  /** Running jobs (processor not yet finished). */
  readonly #running = new Set<ActiveJob>();
  /** In-flight record tasks (processor + settlement); close() waits until none is left. */
  #tasks = 0;
  readonly #stop = new AbortController();
  /** Aborts a poll in flight; separate from #stop so close() can let a short poll land first. */
  readonly #pollAbort = new AbortController();
  /** The loop is inside consumer.poll() (with a busy, i.e. short, bound). */
  #busyPolling = false;
  readonly #duration = new JobDuration();
  /** How long a busy poll takes to bring its records: the window covers it (acquisition-window.ts). */
  readonly #roundTrip = new PollRoundTrip();
  /** Members sharing this worker's partition: they split Kafka's in-flight cap (partition-sharers.ts). */
  readonly #sharers: SharerWatch;
  readonly #maxAhead: number;
  readonly #jobHooks: JobHooks;
  /** Acquired, not started yet, in acquisition order; entries before #heldHead are gone. */
  #held: (HeldRecord | undefined)[] = [];
  #heldHead = 0;
  /** The acquire loop waits here; woken when a poll would now ask for something. */
  #slotWaiter: (() => void) | undefined;
  /** While the loop waits: held records at or below which it polls again. */
  #refillAt = 0;
  #idleWaiters: (() => void)[] = [];
  #loop: Promise<void> | undefined;
  #drained = false;

  /** Told about every job that starts and every batch held (the lock renewer plans its next wake-up from it). */
  onLockTaken: (holder: LockHolder) => void = () => {};
  /** Paused (queue.pause() / worker.pause(), see control/pause-gate.ts): nothing is acquired or started. */
  acquireGate: AcquireGate = OPEN_GATE;

  constructor(ctx: RuntimeContext<D, R>, processor: Processor<D, R>) {
    this.#ctx = ctx;
    this.#processor = processor;
    this.#maxAhead = ctx.options.prefetch ?? DEFAULT_MAX_AHEAD;
    this.#jobHooks = jobHooks(ctx);
    this.#sharers = new SharerWatch({
      engine: ctx.engine,
      groupId: ctx.topology.group,
      topic: ctx.topology.topic,
      memberId: () => ctx.consumer.memberId,
      // Only a window that a second member would cut is worth a ShareGroupDescribe.
      needed: () => this.#windowFor(1) > this.#windowFor(2),
      onError: (error) => ctx.emit('error', toError(error)),
    });
  }

  get runningCount(): number {
    return this.#running.size;
  }

  /** Records acquired and waiting for a slot. */
  get heldCount(): number {
    return this.#held.length - this.#heldHead;
  }

  running(): Iterable<ActiveJob> {
    return this.#running;
  }

  /** Every lock this worker keeps alive: running jobs, then held records. */
  *locks(): Iterable<LockHolder> {
    yield* this.#running;
    for (let i = this.#heldHead; i < this.#held.length; i++) yield this.#held[i] as HeldRecord;
  }

  /** Records to hold ahead of the free slots right now (see acquisition-window.ts). */
  get window(): number {
    return this.#windowFor(this.#sharers.sharers);
  }

  #windowFor(sharers: number, stalled = this.#stalledCount()): number {
    const { concurrency, lockDurationMs } = this.#ctx.options;
    return recordsAhead({
      // Slots taken by stalled jobs free no time soon: records held for them would only wait.
      concurrency: concurrency - stalled,
      jobMs: this.#duration.meanMs,
      lockDurationMs,
      maxAhead: this.#maxAhead,
      roundTripMs: this.#roundTrip.meanMs,
      sharers,
    });
  }

  /** Whole-batch fetches (see takesWholeBatches); never when `prefetch` bounds what may be held ahead. */
  #takesWholeBatches(stalled: number): boolean {
    const { concurrency, lockDurationMs, prefetch } = this.#ctx.options;
    if (prefetch !== undefined) return false;
    return takesWholeBatches({
      concurrency: concurrency - stalled,
      jobMs: this.#duration.meanMs,
      lockDurationMs,
      maxAhead: this.#maxAhead,
    });
  }

  start(): void {
    this.#loop ??= this.#acquireLoop();
    this.#sharers.start();
  }

  /** Running jobs far older than the measured mean (stalledAfterMs): their slots don't count for the window. */
  #stalledCount(): number {
    if (this.#running.size === 0) return 0;
    const stalledBefore =
      Date.now() - stalledAfterMs(this.#duration.meanMs, this.#ctx.options.lockDurationMs);
    let stalled = 0;
    for (const active of this.#running) if (active.startedAt < stalledBefore) stalled++;
    return stalled;
  }

  /**
   * Every slot is taken and the oldest held record has waited past overdueAfterMs: the jobs in the slots are
   * far slower than the window assumed, so the held records go back to the queue (attempts intact) for a
   * worker with a free slot, instead of waiting behind them.
   */
  async #handBackIfOverdue(): Promise<void> {
    if (this.#running.size < this.#ctx.options.concurrency) return;
    const oldest = this.#oldestHeld();
    if (!oldest || Date.now() - oldest.heldAt < overdueAfterMs(this.#ctx.options.lockDurationMs)) return;
    await this.#handBackHeld();
  }

  #oldestHeld(): HeldRecord | undefined {
    for (let i = this.#heldHead; i < this.#held.length; i++) {
      const held = this.#held[i];
      if (held?.state === 'held') return held;
    }
    return undefined;
  }

  /**
   * Stop acquiring; resolves when the loop has exited and every held record went back to the queue at once
   * (hand-back.ts: re-enqueued with its attempts intact, records a racing poll returned included).
   */
  async stopAcquiring(): Promise<void> {
    this.#stop.abort();
    this.#sharers.stop();
    this.#wakeSlotWaiter();
    const { consumer } = this.#ctx;
    // An aborted poll does not recall its fetch: the broker still acquires what arrives until the fetch's
    // wait ends (also the copies handed back below), and the consumer's close would RELEASE those records,
    // each costing a delivery attempt. A consumer that can stop fetching hands them over (below); with one
    // that cannot, a short poll in flight is let land instead, so its records are held and go back too.
    if (this.#busyPolling && !consumer.stopFetching) {
      await settleWithin(this.#loop, BUSY_POLL_WAIT_MS + POLL_LANDING_MS);
    }
    this.#pollAbort.abort();
    await this.#loop;
    let landed: DeliveredRecord[] = [];
    try {
      landed = (await consumer.stopFetching?.()) ?? [];
    } catch (error) {
      this.#ctx.emit('error', toError(error));
    }
    await this.#handBackHeld(landed);
  }

  /** The acquire gate changed: a loop waiting for slots re-checks it (and hands held records back if paused). */
  gateChanged(): void {
    this.#wakeSlotWaiter();
  }

  /** Hands back the held records, then `landed` (acquired for no poll, see stopAcquiring). */
  async #handBackHeld(landed: readonly DeliveredRecord[] = []): Promise<void> {
    const unstarted: DeliveredRecord[] = [];
    for (const held of this.#takeHeld()) {
      held.state = 'released';
      unstarted.push(held.record);
    }
    unstarted.push(...landed);
    await handBackUnstarted(this.#ctx, unstarted);
  }

  /** Resolves true when every task finished, false if `timeoutMs` passed first. */
  async waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.#tasks === 0) return true;
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
    return this.#tasks;
  }

  /** close() gave up waiting: abort the processors and hand their records back to the broker. */
  async releaseRunning(reason: Error): Promise<void> {
    const releases: Promise<unknown>[] = [];
    for (const active of this.#running) {
      if (active.state !== 'running') continue;
      active.state = 'released';
      active.aborter.abort(reason);
      releases.push(
        this.#ctx.consumer
          .acknowledge(refOf(active), 'release')
          .catch((error: unknown) => this.#ctx.emit('error', toError(error), active.job)),
      );
    }
    await Promise.all(releases);
  }

  /** The renewer lost this lock: abort the job (or drop the held record), never acknowledge it, report it. */
  markLost(holder: LockHolder, error: LockLostError): void {
    if (holder.state === 'held') {
      // Still counted in #held until the start loop passes it; it is skipped there.
      holder.state = 'lost';
      this.#ctx.emit('error', error);
      return;
    }
    if (holder.state !== 'running') return;
    holder.state = 'lost';
    holder.aborter.abort(error);
    // 'lockLost' is the specific report; without a listener for it the fact still surfaces as 'error'.
    const heard = holder.job ? this.#ctx.emit('lockLost', holder.job, error) : false;
    if (!heard) this.#ctx.emit('error', error, holder.job);
  }

  /** How many records the next poll may ask for (free slots + window, within the in-flight budget). */
  #room(ahead: number): number {
    const { concurrency } = this.#ctx.options;
    const held = this.heldCount;
    return Math.min(
      concurrency + ahead - this.#running.size - held,
      Math.max(inFlightBudget(this.#sharers.sharers), concurrency + ahead) - this.#tasks - held,
    );
  }

  async #acquireLoop(): Promise<void> {
    const { consumer, options } = this.#ctx;
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      if (this.acquireGate.isPaused()) {
        // Nothing held may wait on a lock while paused: held records (and any a poll brought in since)
        // go back to the queue at once, attempts intact, then the loop waits for the gate to open.
        await this.#handBackHeld();
        await this.acquireGate.whenOpen(signal);
        continue;
      }
      this.#startHeld();
      const stalled = this.#stalledCount();
      const ahead = this.#windowFor(this.#sharers.sharers, stalled);
      const room = this.#room(ahead);
      const refillAt = refillBelow(ahead);
      if (room <= 0 || this.heldCount > refillAt) {
        // With records held, wake up in time to hand them back should every slot stay taken.
        // One timer per wait, cleared when the wait ends: a timer left behind would wake a later wait for nothing.
        let overdueCheck: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          this.#refillAt = refillAt;
          this.#slotWaiter = resolve;
          if (this.heldCount > 0)
            overdueCheck = setTimeout(() => this.#wakeSlotWaiter(), overdueAfterMs(options.lockDurationMs));
        });
        clearTimeout(overdueCheck);
        await this.#handBackIfOverdue();
        continue;
      }
      let wanted = room;
      if (options.limiter) {
        // Permits first, for everything this poll may acquire (held records included): a job over the
        // limit stays Available on the broker, no lock taken, no delivery counted.
        try {
          wanted = Math.min(room, Math.max(0, Math.floor(await options.limiter.beforeAcquire(room, signal))));
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
      // A poll sent while jobs run or wait is timed: how long it takes is what the window must cover.
      const polledAt = Date.now();
      const busy = this.#running.size + this.heldCount > 0;
      try {
        this.#busyPolling = busy;
        const maxWaitMs = this.#busyPolling
          ? Math.min(options.drainDelayMs, BUSY_POLL_WAIT_MS)
          : options.drainDelayMs;
        records = await consumer.poll(wanted, {
          maxWaitMs,
          signal: this.#pollAbort.signal,
          // Jobs fast enough that any surplus starts soon: whole stored batches cost the broker less, and
          // what the fetch brings beyond `wanted` is held (and renewed) like the rest of the window. Never
          // with a limiter, whose permits bound what may be acquired.
          ...(ahead > 0 && !options.limiter && this.#takesWholeBatches(stalled)
            ? { acquire: 'batches' as const }
            : {}),
        });
        failures = 0;
      } catch (error) {
        options.limiter?.refund?.(wanted);
        if (signal.aborted) break;
        this.#ctx.emit('error', toError(error));
        const delay = POLL_ERROR_BACKOFF_MS[Math.min(failures++, POLL_ERROR_BACKOFF_MS.length - 1)] ?? 5_000;
        await sleep(delay, signal);
        continue;
      } finally {
        this.#busyPolling = false;
      }
      if (records.length < wanted) options.limiter?.refund?.(wanted - records.length);
      else if (busy) this.#roundTrip.record(Date.now() - polledAt);
      if (records.length === 0) {
        if (!this.#drained && this.#running.size === 0 && this.heldCount === 0 && !signal.aborted) {
          this.#drained = true;
          this.#ctx.emit('drained');
        }
        continue;
      }
      this.#drained = false;
      this.#hold(records);
      // A poll that raced close(): its records are held and go back with the rest in stopAcquiring().
      if (signal.aborted) break;
      this.#startHeld();
      // With a window, go straight back to the refill wait: #slotFreed wakes it as soon as the window is
      // half used, so the next ShareFetch travels while the rest of this batch runs. (Waiting for a
      // macrotask here would wait for the whole batch: fast jobs start each other within microtasks.)
      // Without one, let processors that finish within microtasks free their slots before the next poll
      // sizes itself, so it asks for every slot that is really free.
      if (ahead === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #hold(records: DeliveredRecord[]): void {
    const now = Date.now();
    let first: HeldRecord | undefined;
    for (const record of records) {
      const held: HeldRecord = {
        record,
        envelope: undefined,
        lockSpanMs: Math.max(1, record.lockExpiresAt - now),
        heldAt: now,
        lockExpiresAt: record.lockExpiresAt,
        renewing: false,
        state: 'held',
      };
      first ??= held;
      this.#held.push(held);
    }
    // One batch shares one lock expiry: the renewer needs to hear of it once.
    if (first) this.onLockTaken(first);
  }

  /** Held records in order (cleared from the window). */
  #takeHeld(): HeldRecord[] {
    const rest = this.#held
      .slice(this.#heldHead)
      .filter((held): held is HeldRecord => held !== undefined && held.state === 'held');
    this.#held = [];
    this.#heldHead = 0;
    return rest;
  }

  /** Starts held records while slots are free; a record whose lock is (nearly) over goes back to the broker. */
  #startHeld(): void {
    const { concurrency } = this.#ctx.options;
    const held = this.#held;
    if (this.#heldHead === held.length || this.#running.size >= concurrency) return;
    if (this.acquireGate.isPaused()) return;
    const stale: DeliveredRecord[] = [];
    const now = Date.now();
    while (this.#heldHead < held.length && this.#running.size < concurrency) {
      const next = held[this.#heldHead] as HeldRecord;
      held[this.#heldHead++] = undefined;
      if (next.state !== 'held') continue;
      if (next.lockExpiresAt - now < HELD_MIN_LOCK_LEFT_MS) {
        next.state = 'released';
        stale.push(next.record);
        continue;
      }
      next.state = 'started';
      this.#startRecord(next, now);
    }
    if (this.#heldHead === held.length) {
      this.#held = [];
      this.#heldHead = 0;
    } else if (this.#heldHead > 1024 && this.#heldHead * 2 > held.length) {
      this.#held = held.slice(this.#heldHead);
      this.#heldHead = 0;
    }
    // Renewals failed for so long that the lock is nearly over: RELEASE (a copy could race the lapse).
    if (stale.length > 0) this.#track(this.#release(stale));
  }

  #startRecord(held: HeldRecord, now: number): void {
    const { record } = held;
    const decoded = decodeEnvelope(record);
    if (!decoded.ok) {
      this.#track(settleMalformed(this.#ctx, record, decoded.reason));
      return;
    }
    const active = createActiveJob(this.#ctx, held, decoded.envelope, now, this.#jobHooks);
    this.#running.add(active);
    this.onLockTaken(active);
    this.#track(runJob(this.#ctx, active, this.#processor, this.#slotFreedOf));
  }

  /** #slotFreed bound once (not a closure per job). */
  readonly #slotFreedOf = (active: ActiveJob): void => this.#slotFreed(active);

  #slotFreed(active: ActiveJob): void {
    this.#running.delete(active);
    this.#duration.record(Date.now() - active.startedAt);
    // A held record takes the slot at once, not after the acquire loop's next turn.
    if (this.#heldHead < this.#held.length && !this.#stop.signal.aborted) this.#startHeld();
    if (this.#slotWaiter && this.heldCount <= this.#refillAt) this.#wakeSlotWaiter();
  }

  #track(task: Promise<void>): void {
    // One reaction per task with handlers bound once (not .catch().finally(): two more promises per job).
    this.#tasks++;
    task.then(this.#taskSucceeded, this.#taskFailed);
  }

  readonly #taskSucceeded = (): void => this.#taskDone();
  readonly #taskFailed = (error: unknown): void => {
    this.#ctx.emit('error', toError(error));
    this.#taskDone();
  };

  #taskDone(): void {
    this.#tasks--;
    // A settled task may free in-flight budget the acquire loop is waiting for.
    if (this.#slotWaiter && this.heldCount <= this.#refillAt) this.#wakeSlotWaiter();
    if (this.#tasks === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  async #release(records: DeliveredRecord[]): Promise<void> {
    await Promise.all(
      records.map((record) =>
        this.#ctx.consumer.acknowledge(refOf({ record }), 'release').catch((error: unknown) => {
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

/** Resolves when `task` settles or after `ms`, whichever is first. */
async function settleWithin(task: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([task, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
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
