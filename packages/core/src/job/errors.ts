import { SharqError } from '../errors.js';

/** Thrown by a processor to fail the job now, without further attempts: it is dead-lettered. */
export class UnrecoverableError extends SharqError {
  constructor(message = 'unrecoverable') {
    super('UNRECOVERABLE', message);
  }
}

/** A job's backoff names a custom strategy nobody registered in this process. */
export class UnknownBackoffStrategyError extends SharqError {
  constructor(type: string) {
    super('UNKNOWN_BACKOFF', `backoff strategy "${type}" is not registered (registerBackoffStrategy)`);
  }
}

/** waitUntilFinished: the job failed for good (dead-lettered or out of attempts). */
export class JobFailedError extends SharqError {
  readonly jobId: string;
  constructor(jobId: string, message: string) {
    super('JOB_FAILED', message);
    this.jobId = jobId;
  }
}
