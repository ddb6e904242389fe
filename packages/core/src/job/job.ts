/**
 * A job as the processor (and add()'s caller) sees it. Built from an envelope; on the worker
 * side also from the delivery (deliveryCount), with hooks that publish progress and logs.
 */
import type { StoredRecord } from '../engine/engine.js';
import type { JobEnvelope } from './envelope.js';
import type { CompiledJobOptions } from './options.js';

export type JobProgress = number | Record<string, unknown>;

export interface JobHooks {
  onProgress(job: Job<unknown, unknown>, progress: JobProgress): void | Promise<void>;
  onLog(job: Job<unknown, unknown>, line: string): void | Promise<void>;
}

/** Anything that can wait for a job's outcome (QueueEvents implements it). */
export interface FinishedWaiter {
  waitUntilFinished(jobId: string, ttlMs?: number): Promise<unknown>;
}

export interface JobInit {
  envelope: JobEnvelope;
  queue: string;
  /** Broker delivery count of the record being processed (1 on first delivery); 0 when not delivered. */
  deliveryCount?: number;
  /** The record the job came from, when delivered. */
  record?: StoredRecord;
  /** Epoch ms the processor started. */
  processedOn?: number;
}

export class Job<Data = unknown, Result = unknown> {
  readonly id: string;
  readonly name: string;
  readonly data: Data;
  readonly opts: CompiledJobOptions;
  readonly queueName: string;
  /** Attempts that failed before this one. */
  readonly attemptsMade: number;
  /** 1-based number of the current attempt: envelope.attemptsMade + deliveryCount. */
  readonly attempt: number;
  readonly deliveryCount: number;
  /** Epoch ms the job was added. */
  readonly timestamp: number;
  readonly processedOn: number | undefined;
  readonly envelope: JobEnvelope;
  readonly record: StoredRecord | undefined;
  progress: JobProgress = 0;
  readonly logs: string[] = [];
  returnvalue: Result | undefined;
  failedReason: string | undefined;
  private readonly hooks: JobHooks | undefined;

  constructor(init: JobInit, hooks?: JobHooks) {
    const env = init.envelope;
    this.envelope = env;
    this.id = env.id;
    this.name = env.name;
    this.data = env.data as Data;
    this.opts = env.opts;
    this.queueName = init.queue;
    this.deliveryCount = init.deliveryCount ?? 0;
    this.attempt = env.attemptsMade + Math.max(1, this.deliveryCount);
    this.attemptsMade = this.attempt - 1;
    this.timestamp = env.ts;
    this.processedOn = init.processedOn;
    this.record = init.record;
    this.hooks = hooks;
  }

  /** True when this attempt is the last one the options allow. */
  get isFinalAttempt(): boolean {
    return this.attempt >= this.opts.attempts;
  }

  async updateProgress(progress: JobProgress): Promise<void> {
    this.progress = progress;
    await this.hooks?.onProgress(this as Job<unknown, unknown>, progress);
  }

  async log(line: string): Promise<void> {
    this.logs.push(line);
    await this.hooks?.onLog(this as Job<unknown, unknown>, line);
  }

  /** Resolves with the result when a worker completes the job; rejects (JobFailedError) when it fails for good. */
  waitUntilFinished(events: FinishedWaiter, ttlMs?: number): Promise<Result> {
    return events.waitUntilFinished(this.id, ttlMs) as Promise<Result>;
  }
}
