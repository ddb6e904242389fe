/**
 * QueueEvents: follows a queue's events topic (all partitions, no group: every QueueEvents
 * instance sees every event) and re-emits them as typed events; also the place to
 * `waitUntilFinished(jobId)`.
 *
 * It always reads the topic from its start (retention keeps it to about an hour): a tail started
 * at 'latest' positions itself asynchronously on Kafka and could miss a job that finishes right
 * after construction. Outcomes of everything read are remembered (bounded), so waiting on a job
 * that finished before the wait still resolves. With from: 'latest' (default) listeners get only
 * events stamped from 2 s before construction on; 'earliest' replays everything retained.
 */
import { acquireEngine, type Connection, type EngineLease } from '../../engine/connection.js';
import type { Subscription } from '../../engine/engine.js';
import { ClosedError, SharqError, TimeoutError } from '../../errors.js';
import { JobFailedError } from '../errors.js';
import type { FinishedWaiter } from '../job.js';
import { eventsTopicSpec } from '../provision.js';
import { DEFAULT_PREFIX, type QueueTopology, queueTopology } from '../topology.js';
import {
  type ActiveEvent,
  type CompletedEvent,
  type DeadEvent,
  type DelayedEvent,
  decodeJobEvent,
  type FailedEvent,
  type JobEvent,
  type LogEvent,
  type ProgressEvent,
} from './job-event.js';
import { TypedEmitter } from './typed-emitter.js';

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
  /** Every event, whatever its type. */
  event: (event: JobEvent) => void;
  error: (error: Error) => void;
};

export interface QueueEventsOptions {
  connection: Connection;
  prefix?: string;
  /** Which events listeners get: 'latest' (default, from now on) or 'earliest' (everything retained). */
  from?: 'earliest' | 'latest';
  /** Finished outcomes remembered for late waiters (default 10 000). */
  rememberFinished?: number;
}

/** Publishers' clocks may run a little behind ours. */
const CLOCK_SKEW_MS = 2_000;

type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class QueueEvents extends TypedEmitter<QueueEventsListener> implements FinishedWaiter {
  readonly name: string;
  readonly topology: QueueTopology;
  private readonly lease: EngineLease;
  private readonly ready: Promise<void>;
  private subscription: Subscription | undefined;
  private readonly finished = new Map<string, Outcome>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly remember: number;
  /** Events stamped before this are not emitted to listeners (they still settle waiters). */
  private readonly emitFrom: number;
  private closed = false;

  constructor(name: string, options: QueueEventsOptions) {
    super();
    this.name = name;
    this.topology = queueTopology(name, options.prefix ?? DEFAULT_PREFIX);
    this.remember = options.rememberFinished ?? 10_000;
    this.emitFrom = (options.from ?? 'latest') === 'latest' ? Date.now() - CLOCK_SKEW_MS : 0;
    this.lease = acquireEngine(options.connection);
    this.ready = this.start();
    // Surfaced through waitUntilReady/'error'; never an unhandled rejection.
    this.ready.catch((error: unknown) => this.emitError(error));
  }

  /** Resolves once the tail is running (events published after this are seen). */
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
    // The events topic is always one partition, so QueueEvents can create it without knowing
    // the queue's settings (provisionQueue creates the same spec).
    await this.lease.engine.ensureTopic(eventsTopicSpec(this.topology));
    if (this.closed) return;
    this.subscription = this.lease.engine.tail(this.topology.eventsTopic, { from: 'earliest' }, (records) => {
      for (const record of records) {
        const event = decodeJobEvent(record);
        if (event) this.dispatch(event);
      }
    });
  }

  private dispatch(event: JobEvent): void {
    if (event.type === 'completed') this.settle(event.jobId, { ok: true, result: event.result });
    else if (event.type === 'dead') this.settle(event.jobId, { ok: false, error: event.error });
    else if (event.type === 'failed' && !event.willRetry)
      this.settle(event.jobId, { ok: false, error: event.error });
    if (event.ts < this.emitFrom) return;
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
    const err = error instanceof Error ? error : new SharqError('UNKNOWN', String(error));
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}
