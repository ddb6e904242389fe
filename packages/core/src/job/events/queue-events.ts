/**
 * QueueEvents: follows a queue's events topic (all partitions, no group: every QueueEvents
 * instance sees every event) and re-emits them as typed events; also the place to
 * `waitUntilFinished(jobId)`.
 *
 * Readiness: on Kafka a tail positions itself asynchronously, so "subscribed" does not mean "sees
 * what is published next". QueueEvents therefore writes a sync marker (a record other readers
 * skip) and resolves waitUntilReady() when the tail hands it back, re-sending every 250 ms in case
 * the tail positioned itself after a marker. After waitUntilReady() nothing published is missed.
 * Outcomes seen are remembered (bounded), so waiting on a job that finished before the wait, but
 * after ready, still resolves. from: 'latest' (default) starts at the end — never 'earliest' by
 * default: a busy queue's events topic holds an hour of events, far too much to read at startup.
 */
import { randomUUID } from 'node:crypto';
import { acquireEngine, type Connection, type EngineLease } from '../../engine/connection.js';
import type { Subscription } from '../../engine/engine.js';
import { ClosedError, TimeoutError, toError } from '../../errors.js';
import { JobFailedError } from '../errors.js';
import type { FinishedWaiter } from '../job.js';
import { eventsTopicSpec } from '../provision.js';
import { DEFAULT_PREFIX, type QueueTopology, queueTopology } from '../topology.js';
import {
  type ActiveEvent,
  type CompletedEvent,
  type DeadEvent,
  type DeduplicatedEvent,
  type DelayedEvent,
  decodeJobEvents,
  type FailedEvent,
  type JobEvent,
  type LogEvent,
  type PausedEvent,
  type ProgressEvent,
  type ResumedEvent,
} from './job-event.js';
import { type ArgsOf, TypedEmitter } from '../../emitter/typed-emitter.js';

/** BullMQ's QueueEvents payload names, alongside ours, so BullMQ listener code ports unchanged. */
export type CompletedPayload = CompletedEvent & { returnvalue: unknown };
export type FailedPayload = FailedEvent & { failedReason: string };
export type ProgressPayload = ProgressEvent & { data: ProgressEvent['progress'] };

export type QueueEventsListener = {
  active: (event: ActiveEvent) => void;
  progress: (event: ProgressPayload) => void;
  completed: (event: CompletedPayload) => void;
  failed: (event: FailedPayload) => void;
  dead: (event: DeadEvent) => void;
  delayed: (event: DelayedEvent) => void;
  log: (event: LogEvent) => void;
  /** queue.pause() / queue.resume() (queue-level: jobId is ''). */
  paused: (event: PausedEvent) => void;
  resumed: (event: ResumedEvent) => void;
  /** An add that resolved to an existing job (deduplication) instead of being enqueued. */
  deduplicated: (event: DeduplicatedEvent) => void;
  /** Every event, whatever its type. */
  event: (event: JobEvent) => void;
  error: (error: Error) => void;
};

export interface QueueEventsOptions {
  connection: Connection;
  prefix?: string;
  /** Where to start: 'latest' (default) or 'earliest' (everything retained, ~1 h). */
  from?: 'earliest' | 'latest';
  /** Finished outcomes remembered for late waiters (default 10 000). */
  rememberFinished?: number;
}

const SYNC_KEY = 'sharq-sync';
const SYNC_RESEND_MS = 250;

type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class QueueEvents extends TypedEmitter<ArgsOf<QueueEventsListener>> implements FinishedWaiter {
  readonly name: string;
  readonly topology: QueueTopology;
  private readonly lease: EngineLease;
  private readonly ready: Promise<void>;
  private subscription: Subscription | undefined;
  private readonly finished = new Map<string, Outcome>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly remember: number;
  private readonly from: 'earliest' | 'latest';
  private readonly syncToken = randomUUID();
  private synced: (() => void) | undefined;
  private closed = false;

  constructor(name: string, options: QueueEventsOptions) {
    super();
    this.name = name;
    this.topology = queueTopology(name, options.prefix ?? DEFAULT_PREFIX);
    this.remember = options.rememberFinished ?? 10_000;
    this.from = options.from ?? 'latest';
    this.lease = acquireEngine(options.connection);
    this.ready = this.start();
    // Surfaced through waitUntilReady/'error'; never an unhandled rejection.
    this.ready.catch((error: unknown) => this.emitError(error));
  }

  /** Resolves once the tail is positioned: every event published after this is seen. */
  waitUntilReady(): Promise<void> {
    return this.ready;
  }

  waitUntilFinished(jobId: string, ttlMs?: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new ClosedError(`queue events ${this.name}`));
    const known = this.finished.get(jobId);
    if (known)
      return known.ok
        ? Promise.resolve(known.result)
        : Promise.reject(new JobFailedError(jobId, known.error));
    return new Promise<unknown>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      let set = this.waiters.get(jobId);
      if (!set) {
        set = new Set();
        this.waiters.set(jobId, set);
      }
      set.add(waiter);
      if (ttlMs !== undefined) {
        waiter.timer = setTimeout(() => {
          this.waiters.get(jobId)?.delete(waiter);
          reject(new TimeoutError(`job ${jobId} did not finish within ${ttlMs} ms`));
        }, ttlMs);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.synced?.();
    await this.ready.catch(() => {});
    await this.subscription?.close();
    for (const [jobId, set] of this.waiters) {
      for (const waiter of set) {
        if (waiter.timer) clearTimeout(waiter.timer);
        waiter.reject(new ClosedError(`queue events ${this.name} (waiting for job ${jobId})`));
      }
    }
    this.waiters.clear();
    await this.lease.release();
  }

  private async start(): Promise<void> {
    const { engine } = this.lease;
    // The events topic is always one partition, so QueueEvents can create it without knowing
    // the queue's settings (provisionQueue creates the same spec).
    await engine.ensureTopic(eventsTopicSpec(this.topology));
    if (this.closed) return;
    const seen = new Promise<void>((resolve) => {
      this.synced = resolve;
    });
    this.subscription = engine.tail(this.topology.eventsTopic, { from: this.from }, (records) => {
      for (const record of records) {
        if (record.key?.toString('utf8') === SYNC_KEY) {
          if (record.value?.toString('utf8') === this.syncToken) this.synced?.();
          continue;
        }
        for (const event of decodeJobEvents(record)) this.dispatch(event);
      }
    });
    let done = false;
    void seen.then(() => {
      done = true;
    });
    while (!done && !this.closed) {
      await engine.produce(this.topology.eventsTopic, [{ key: SYNC_KEY, value: this.syncToken }]);
      await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, SYNC_RESEND_MS))]);
    }
  }

  private dispatch(event: JobEvent): void {
    if (event.type === 'completed') this.settle(event.jobId, { ok: true, result: event.result });
    else if (event.type === 'dead') this.settle(event.jobId, { ok: false, error: event.error });
    else if (event.type === 'failed' && !event.willRetry)
      this.settle(event.jobId, { ok: false, error: event.error });
    this.emit('event', event);
    switch (event.type) {
      case 'active':
        this.emit('active', event);
        break;
      case 'progress':
        this.emit('progress', { ...event, data: event.progress });
        break;
      case 'completed':
        this.emit('completed', { ...event, returnvalue: event.result });
        break;
      case 'failed':
        this.emit('failed', { ...event, failedReason: event.error });
        break;
      case 'dead':
        this.emit('dead', event);
        break;
      case 'delayed':
        this.emit('delayed', event);
        break;
      case 'log':
        this.emit('log', event);
        break;
      case 'paused':
        this.emit('paused', event);
        break;
      case 'resumed':
        this.emit('resumed', event);
        break;
      case 'deduplicated':
        this.emit('deduplicated', event);
        break;
    }
  }

  private settle(jobId: string, outcome: Outcome): void {
    // A dead event after a final 'failed' carries the same verdict; keep the first.
    if (!this.finished.has(jobId)) {
      this.finished.set(jobId, outcome);
      if (this.finished.size > this.remember) {
        const oldest = this.finished.keys().next();
        if (!oldest.done) this.finished.delete(oldest.value);
      }
    }
    const set = this.waiters.get(jobId);
    if (!set) return;
    this.waiters.delete(jobId);
    for (const waiter of set) {
      if (waiter.timer) clearTimeout(waiter.timer);
      if (outcome.ok) waiter.resolve(outcome.result);
      else waiter.reject(new JobFailedError(jobId, outcome.error));
    }
  }

  private emitError(error: unknown): void {
    this.emit('error', toError(error));
  }
}
