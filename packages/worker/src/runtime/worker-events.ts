import type { DeliveredRecord, Job, JobProgress } from '@sharq/core';
import type { DuplicateDeliveryError, LockLostError } from './errors.js';

/** What happened to a failed attempt (third argument of 'failed'). */
export type FailureOutcome =
  | { kind: 'retry'; delayMs: number; immediate: boolean }
  | { kind: 'dead'; reason: 'failed' | 'unrecoverable' | 'timeout' };

/**
 * Worker-local events (this process). The same facts also go to the queue's events topic for
 * QueueEvents in other processes (active, progress, completed, failed, dead, log).
 */
export interface WorkerEvents<Data, Result> {
  /** The worker is connected and provisioned; it starts acquiring (if running). */
  ready: [];
  /** An attempt started. */
  active: [job: Job<Data, Result>];
  progress: [job: Job<Data, Result>, progress: JobProgress];
  /** The job's ACCEPT was confirmed. */
  completed: [job: Job<Data, Result>, result: Result];
  /** An attempt failed; `outcome` says whether it will be retried or was dead-lettered. */
  failed: [job: Job<Data, Result>, error: Error, outcome: FailureOutcome];
  /** The job was written to the DLQ (final). For a malformed record `job` is undefined. */
  dead: [job: Job<Data, Result> | undefined, reason: string, error: Error];
  /** A record that is not a Sharq envelope was dead-lettered with reason 'malformed'. */
  malformed: [record: DeliveredRecord, reason: string];
  /** The job's lock could not be renewed; its processor was aborted and it will run again elsewhere. */
  lockLost: [job: Job<Data, Result>, error: LockLostError];
  /** The broker refused our final acknowledgement: the job was (or will be) run again elsewhere. */
  duplicate: [job: Job<Data, Result>, error: DuplicateDeliveryError];
  /** A poll came back empty with nothing running. */
  drained: [];
  /** worker.pause() took effect (no new jobs start; with the default, running ones have finished). */
  paused: [];
  resumed: [];
  /** Something went wrong that the worker survived (it keeps going). */
  error: [error: Error, job?: Job<Data, Result>];
  closing: [];
  closed: [];
}
