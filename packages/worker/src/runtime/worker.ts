import {
  ClosedError,
  DeadLetterWriter,
  DelayForwarder,
  EventPublisher,
  TypedEmitter,
  type JobEvent,
  type QueueTopology,
  ValidationError,
  assertQueueName,
  provisionPriorityLevels,
  provisionQueue,
  queueTopology,
} from '@sharq/core';
import { WorkerControl } from '../control/worker-control.js';
import { agreeOnOrdering } from '../ordering/agree-on-ordering.js';
import { OrderedConsumer } from '../ordering/ordered-consumer.js';
import { createQueueConsumer } from '../priority/queue-consumer.js';
import { RedisLimiter } from '../limiter/redis-limiter.js';
import { type EngineLease, leaseEngine } from './engine-lease.js';
import { toError } from './errors.js';
import { LockRenewer } from './lock-renewer.js';
import { type ResolvedWorkerOptions, type WorkerOptions, resolveWorkerOptions } from './options.js';
import type { WorkerObserver } from '../metrics/observer.js';
import { traceJobs } from '../telemetry/job-spans.js';
import { JobPool } from './pool.js';
import { PresencePublisher } from './presence-publisher.js';
import type { Processor } from './processor.js';
import type { JobEventInput, RuntimeContext } from './runtime-context.js';
import { type CloseOptions, resolveCloseOptions } from './close-options.js';
import { retryStartup, untilAborted } from './startup.js';
import type { WorkerEvents } from './worker-events.js';

/** How long close() waits for in-flight settlements (acks, DLQ writes) after the jobs have ended. */
const SETTLE_GRACE_MS = 10_000;

/**
 * Heads of delay buckets due within this window are awaited inline by the forwarder instead of paused.
 * Longer than the Kafka group consumer's resume latency (~250 ms), so due jobs move within milliseconds;
 * short, because an inline wait holds kafkajs' whole fetch round: with core's 6 s default, a record in
 * another bucket waited behind it (a 3 s delay started 2 s late on the dev broker; 3-6 ms with 500).
 */
const FORWARDER_EARLY_WAKE_MS = 500;
/** How long start-up waits for the consumer's first assignment before it goes on without it. */
const JOIN_WAIT_MS = 5_000;

/** The parts that exist once the worker is connected; torn down in reverse order by close(). */
interface Running<D, R> {
  lease: EngineLease;
  ctx: RuntimeContext<D, R>;
  pool: JobPool<D, R>;
  renewer: LockRenewer;
  presence: PresencePublisher;
  forwarder: DelayForwarder | undefined;
}

/**
 * Processes jobs of one queue (BullMQ's Worker, on a Kafka share group):
 *   new Worker<Data, Result>('emails', async (job, { signal }) => send(job.data, signal), { connection, concurrency: 50 })
 * Starts at once unless `autorun: false` (then call run()). close() is graceful and idempotent.
 * No signal handlers here: the application owns the process and calls close().
 */
export class Worker<Data = unknown, Result = unknown> extends TypedEmitter<WorkerEvents<Data, Result>> {
  readonly name: string;
  readonly options: ResolvedWorkerOptions;
  readonly topology: QueueTopology;
  readonly #processor: Processor<Data, Result>;
  /** The `metrics` option's hooks into the runtime; undefined (and never called) without it. */
  readonly #observer: WorkerObserver | undefined;
  readonly #startedAt = Date.now();
  /** Pause gate, queue pause watcher, scheduler runner (control/worker-control.ts). */
  readonly #control = new WorkerControl();
  readonly #closing = new AbortController();
  #startup: Promise<Running<Data, Result>> | undefined;
  #running: Running<Data, Result> | undefined;
  #acquiring = false;
  #close: Promise<void> | undefined;

  constructor(queueName: string, processor: Processor<Data, Result>, options: WorkerOptions) {
    super();
    assertQueueName(queueName, 'queueName');
    if (typeof processor !== 'function') {
      const message = 'processor: must be a function (job, { signal }) => Promise<result>';
      throw new ValidationError(message, [{ path: 'processor', message }]);
    }
    this.options = resolveWorkerOptions(options, queueName);
    this.topology = queueTopology(queueName, this.options.prefix);
    this.name = queueName;
    this.#processor = processor;
    this.#observer = this.options.metrics?.observe(this);
    if (this.options.telemetry) traceJobs(this, this.options.telemetry);
    if (this.options.autorun) {
      void this.run().catch((error: unknown) => {
        // close() during start-up ends it with ClosedError: that is the requested outcome, not a fault.
        if (!(this.#close && error instanceof ClosedError)) this.#report(toError(error));
      });
    }
  }

  get id(): string {
    return this.options.workerId;
  }

  /** Jobs whose processor is running right now. */
  get activeCount(): number {
    return this.#running?.pool.runningCount ?? 0;
  }

  /** Records acquired ahead of the free slots (the prefetch window), waiting to start. */
  get prefetchedCount(): number {
    return this.#running?.pool.heldCount ?? 0;
  }

  /**
   * Manual back-off (BullMQ's worker.rateLimit), e.g. after an HTTP 429: no worker of this queue starts a
   * job for `ms`. Needs the `limiter` option. From inside a processor, `throw new RateLimitError(ms)`
   * does the same and also re-enqueues that job without counting an attempt.
   */
  async rateLimit(ms: number): Promise<void> {
    const backOff = this.options.limiter?.backOff;
    if (!backOff || !Number.isFinite(ms) || ms < 0) {
      const message = backOff ? 'expected a number of ms >= 0' : 'needs the limiter option';
      throw new ValidationError(`rateLimit: ${message}`, [{ path: 'ms', message }]);
    }
    await backOff.call(this.options.limiter, ms);
  }

  /**
   * Stops this worker only from starting jobs (BullMQ's worker.pause): held records go back to the queue at
   * once; resolves when running jobs have finished, or at once with `doNotWaitActive`. queue.pause() pauses
   * every worker of the queue instead.
   */
  async pause(doNotWaitActive = false): Promise<void> {
    if (this.#control.gate.isPausedBy('worker')) return;
    this.#control.gate.set('worker', true);
    if (!doNotWaitActive) await this.#running?.pool.waitIdle(Number.POSITIVE_INFINITY);
    this.emit('paused');
  }

  resume(): void {
    if (!this.#control.gate.isPausedBy('worker')) return;
    this.#control.gate.set('worker', false);
    this.emit('resumed');
  }

  /** Paused by worker.pause() (the queue's own pause is queue.isPaused()). */
  isPaused(): boolean {
    return this.#control.gate.isPausedBy('worker');
  }

  isRunning(): boolean {
    return this.#acquiring && this.#close === undefined;
  }

  isClosed(): boolean {
    return this.#close !== undefined;
  }

  /** Connects (if not yet) and starts acquiring jobs. Resolves once acquisition has started. */
  async run(): Promise<void> {
    if (this.#close) throw new ClosedError('worker');
    const running = await this.#start();
    if (this.#close) return;
    this.#acquiring = true;
    running.pool.start();
  }

  /**
   * Resolves once the engine is connected, the queue provisioned and the worker a member of its share group
   * with partitions assigned (waited for up to 5 s), so that run() starts jobs at once. Nothing is acquired
   * before run(). Rejects if closed first.
   */
  async waitUntilReady(): Promise<void> {
    await this.#start();
  }

  /**
   * Graceful shutdown: stop acquiring, let running jobs finish for up to `timeout` ms (default 30 s),
   * then abort the rest and RELEASE them to the broker; flush acknowledgements, events and presence;
   * leave the group; release the engine. Idempotent: every call returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<void> {
    const { timeout } = resolveCloseOptions(options);
    this.#close ??= this.#shutdown(timeout);
    return this.#close;
  }

  #start(): Promise<Running<Data, Result>> {
    this.#startup ??= retryStartup(
      () => this.#connect(),
      this.#closing.signal,
      (error) => this.#report(error),
    ).then((running) => {
      this.#running = running;
      this.emit('ready');
      return running;
    });
    return this.#startup;
  }

  async #connect(): Promise<Running<Data, Result>> {
    const { options, topology } = this;
    const lease = leaseEngine(options.connection);
    try {
      const { engine } = lease;
      const provisioned = await provisionQueue(engine, topology, {
        partitions: options.partitions,
        lockDurationMs: options.lockDurationMs,
        deliveryCountLimit: options.deliveryCountLimit,
      });
      // The group's real delivery limit may be lower than ours (Kafka 4.2 has no group-level limit: the
      // broker's, 5 by default, applies). Deciding RELEASE vs re-enqueue by the higher one would RELEASE at
      // the broker's last delivery, and the broker would archive the job (no broker-side DLQ before 4.4).
      const effective = orderedSettings(withGroupDeliveryLimit(options, provisioned.deliveryCountLimit));
      await agreeOnOrdering(engine, topology, options.ordering, options.workerId);
      if (options.priorities)
        await provisionPriorityLevels(engine, topology, options.priorities, options.partitions);
      if (this.#closing.signal.aborted) throw new ClosedError('worker');
      const report = (error: unknown) => this.#report(toError(error));
      const consumer = createQueueConsumer(
        engine,
        topology,
        { ...effective, onError: report },
        this.#observer,
      );
      const publisher = new EventPublisher(engine, topology, { onError: report });
      const ctx: RuntimeContext<Data, Result> = {
        topology,
        options: effective,
        engine,
        consumer,
        deadLetters: new DeadLetterWriter(engine, topology),
        publisher,
        emit: (event, ...args) => this.#emitEvent(event, ...args),
        // Callers pass a fresh literal: completing it in place saves a copy per event (two per job).
        publish: (event: JobEventInput) => {
          const full = event as JobEvent;
          full.ts = Date.now();
          full.workerId = options.workerId;
          publisher.publish(full);
        },
      };
      const pool = new JobPool(ctx, this.#processor);
      const renewer = new LockRenewer({
        consumer: () => consumer,
        lockDurationMs: options.lockDurationMs,
        locks: () => pool.locks(),
        onLost: (active, error) => pool.markLost(active, error),
        onError: (error, holder) => this.#report(error, 'job' in holder ? holder.job : undefined),
        observer: this.#observer,
      });
      const presence = new PresencePublisher({
        engine,
        topology,
        workerId: options.workerId,
        concurrency: options.concurrency,
        intervalMs: options.presenceIntervalMs,
        startedAt: this.#startedAt,
        running: () => pool.running(),
        ...(consumer instanceof OrderedConsumer ? { blockedKeys: () => consumer.blockedKeys() } : {}),
        onError: report,
      });
      const forwarder = options.delayForwarder
        ? new DelayForwarder(engine, topology, { onError: report, earlyWakeMs: FORWARDER_EARLY_WAKE_MS })
        : undefined;
      await this.#control.attach({
        engine,
        topology,
        workerId: options.workerId,
        pool,
        consumer,
        ordering: options.ordering,
        onError: report,
      });
      // Join the group now: a share-group member waits about a second for its first assignment, which
      // would otherwise delay the first job after run() (bounded: poll() goes on waiting for a late one).
      await untilAborted(consumer.join?.(JOIN_WAIT_MS), this.#closing.signal);
      pool.onLockTaken = (holder) => renewer.track(holder);
      renewer.start();
      presence.start();
      forwarder?.start();
      return { lease, ctx, pool, renewer, presence, forwarder };
    } catch (error) {
      await this.#control.stop().catch(() => {});
      await lease.release().catch(() => {});
      throw error;
    }
  }

  async #shutdown(timeoutMs: number): Promise<void> {
    this.emit('closing');
    this.#closing.abort();
    this.#acquiring = false;
    const running = this.#running ?? (await this.#startup?.catch(() => undefined));
    if (running) await this.#teardown(running, timeoutMs);
    // A limiter built from options (its own Redis connection) lives and dies with this worker.
    if (this.options.limiter instanceof RedisLimiter) await this.options.limiter.close();
    this.emit('closed');
  }

  async #teardown(running: Running<Data, Result>, timeoutMs: number): Promise<void> {
    const { pool, renewer, presence, forwarder, ctx, lease } = running;
    const step = async (what: () => Promise<unknown> | unknown) => {
      try {
        await what();
      } catch (error) {
        this.#report(toError(error));
      }
    };
    // Stop acquiring first, synchronously: from here on no held record starts; they go back to the queue.
    const acquisitionStopped = step(() => pool.stopAcquiring());
    await step(() => this.#control.stop());
    await acquisitionStopped;
    // The renewer keeps running while we wait: jobs finishing during close must not lose their locks.
    const idle = await pool.waitIdle(timeoutMs);
    if (!idle) await step(() => pool.releaseRunning(new ClosedError('worker (close timeout)')));
    // Released jobs end at once; what may remain is settling I/O (DLQ writes, acknowledgements). Bounded, so
    // an unreachable broker cannot hold close() forever: the consumer's close flushes what it can.
    if (!(await pool.waitIdle(SETTLE_GRACE_MS))) {
      this.#report(new ClosedError(`worker (${pool.pendingTasks} job settlements still pending at close)`));
    }
    renewer.stop();
    // The forwarder's classic-group leave can wait out a rebalance (a crashed sibling's session), so it
    // runs beside the rest: the share group is left and the tombstone written without waiting for it.
    await Promise.all([
      step(() => forwarder?.stop()),
      (async () => {
        await step(() => presence.stop());
        await step(() => ctx.publisher.close());
        await step(() => ctx.deadLetters.close());
        await step(() => ctx.consumer.close());
      })(),
    ]);
    await step(() => lease.release());
  }

  #emitEvent<K extends keyof WorkerEvents<Data, Result> & string>(
    event: K,
    ...args: WorkerEvents<Data, Result>[K]
  ): boolean {
    if (event === 'error') {
      const [error, job] = args as WorkerEvents<Data, Result>['error'];
      this.#report(error, job);
      return true;
    }
    return this.emit(event, ...args);
  }

  #report(error: Error, job?: WorkerEvents<Data, Result>['error'][1]): void {
    this.emit('error', error, job);
  }

  protected override unheardContext(): Record<string, unknown> {
    return { workerId: this.id };
  }
}

/** The worker's options with the delivery limit the share group really has, when that is lower. */
function withGroupDeliveryLimit(
  options: ResolvedWorkerOptions,
  groupLimit: number | undefined,
): ResolvedWorkerOptions {
  if (groupLimit === undefined || groupLimit >= options.deliveryCountLimit) return options;
  return Object.freeze({ ...options, deliveryCountLimit: groupLimit });
}

/**
 * A key-ordered worker's poll is in memory (ordering/ordered-consumer.ts): nothing to fetch ahead, and a
 * held record handed back as a copy would leave its key's order. So no prefetch window.
 */
function orderedSettings(options: ResolvedWorkerOptions): ResolvedWorkerOptions {
  if (options.ordering !== 'key' || options.prefetch === 0) return options;
  return Object.freeze({ ...options, prefetch: 0 });
}
