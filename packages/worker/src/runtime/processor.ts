import type { Job } from '@sharq/core';

export interface ProcessorContext {
  /** Fires on the job's `timeout`, a lost lock, or close() giving up on the job. Its `reason` says which. */
  signal: AbortSignal;
}

export type Processor<Data = unknown, Result = unknown> = (
  job: Job<Data, Result>,
  context: ProcessorContext,
) => Promise<Result>;
