/**
 * Dead jobs as JSON for the page: a short row for lists, everything for the detail view.
 * Buffers never leave as bytes: a value that is not a Sharq envelope is shown as UTF-8 text.
 */
import type { DeadJob } from '@sharq/core';

export interface DeadJobRow {
  id: string;
  jobId: string | undefined;
  name: string | undefined;
  reason: DeadJob['reason'];
  by: DeadJob['by'];
  attempts: number | undefined;
  failedAt: number;
  error: string;
  state: DeadJob['state'];
}

const ROW_ERROR_CHARS = 200;

export function toDeadJobRow(job: DeadJob): DeadJobRow {
  return {
    id: job.id,
    jobId: job.jobId,
    name: job.name,
    reason: job.reason,
    by: job.by,
    attempts: job.attempts,
    failedAt: job.failedAt,
    error: job.error.message.slice(0, ROW_ERROR_CHARS),
    state: job.state,
  };
}

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
    ...toDeadJobRow(job),
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
