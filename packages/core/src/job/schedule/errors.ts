import { SharqError } from '../../errors.js';

/** removeJobScheduler / the CLI named a scheduler the queue does not have. */
export class SchedulerNotFoundError extends SharqError {
  readonly schedulerId: string;
  constructor(schedulerId: string) {
    super('SCHEDULER_NOT_FOUND', `no job scheduler ${JSON.stringify(schedulerId)}`);
    this.schedulerId = schedulerId;
  }
}
