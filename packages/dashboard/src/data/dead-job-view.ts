/**
 * Dead jobs as JSON for the page: a short row for lists, everything for the detail view.
 * Buffers never leave as bytes: a value that is not a Sharq envelope is shown as UTF-8 text.
 */
import { type DeadJob, type DeadJobEntry, toDeadJobEntry } from '@sharq/core';

/** A list row: the DLQ index's entry (core), so lists from the index and from a full read look the same. */
export type DeadJobRow = DeadJobEntry;

export interface DeadJobDetail extends DeadJobRow {
  data: unknown;
  errorDetail: DeadJob['error'];
  workerId: string | undefined;
  original: DeadJob['original'];
  dlq: DeadJob['dlq'];
  addedAt: number | undefined;
  attemptsAllowed: number | undefined;
  options: unknown;
  replay: unknown;
  decodeError: string | undefined;
  rawValue: string | undefined;
}

export function toDeadJobDetail(job: DeadJob): DeadJobDetail {
  return {
    ...toDeadJobEntry(job),
    data: job.data,
    errorDetail: job.error,
    workerId: job.workerId,
    original: job.original,
    dlq: job.dlq,
    addedAt: job.envelope?.ts,
    attemptsAllowed: job.envelope?.opts.attempts,
    options: job.envelope?.opts,
    replay: job.envelope?.replay,
    decodeError: job.decodeError,
    rawValue: job.envelope ? undefined : job.value?.toString('utf8'),
  };
}
