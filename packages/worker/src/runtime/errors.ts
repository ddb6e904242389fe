import { NonErrorThrownError, SharqError, toError as coreToError } from '@sharq/core';

export { NonErrorThrownError };

/**
 * The worker could not keep a job's acquisition lock (a RENEW was refused, or the lock lapsed before a
 * renewal got through). The broker will hand the job to another consumer, so this worker aborts the
 * processor and never acknowledges the job.
 */
export class LockLostError extends SharqError {
  readonly jobId: string | undefined;
  constructor(message: string, options?: { jobId?: string; cause?: unknown }) {
    super('LOCK_LOST', message, { cause: options?.cause });
    this.jobId = options?.jobId;
  }
}

/**
 * The processor finished but the broker refused our ACCEPT/RELEASE: the record was no longer ours (lock
 * expired and the job was redelivered elsewhere). The job ran more than once; this run's verdict is void.
 */
export class DuplicateDeliveryError extends SharqError {
  readonly jobId: string | undefined;
  constructor(message: string, options?: { jobId?: string; cause?: unknown }) {
    super('DUPLICATE_DELIVERY', message, { cause: options?.cause });
    this.jobId = options?.jobId;
  }
}

/** A record on the queue topic is not a Sharq job envelope; it was dead-lettered with reason 'malformed'. */
export class MalformedJobError extends SharqError {
  constructor(reason: string) {
    super('MALFORMED_JOB', `record is not a Sharq job envelope: ${reason}`);
  }
}

/** Normalises anything a processor (or a callback of the worker) may throw; see core's toError. */
export function toError(thrown: unknown): Error {
  return coreToError(thrown, 'processor');
}

/** The broker said the record is not (or no longer) acquired by us: its lock expired or it was settled. */
export function isInvalidRecordState(error: unknown): boolean {
  return error instanceof SharqError && error.code === 'INVALID_RECORD_STATE';
}
