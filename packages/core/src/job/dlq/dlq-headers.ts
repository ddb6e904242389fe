/**
 * Headers of a worker-written DLQ record (value = the original record value, verbatim; key =
 * the original key; the original record's own headers are copied alongside). All values are
 * UTF-8 strings; numbers are decimal.
 *
 *   sharq-dlq-by               'worker'
 *   sharq-dlq-reason           'failed' | 'unrecoverable' | 'malformed' | 'timeout'
 *   sharq-dlq-error            error message
 *   sharq-dlq-error-name       error class name (optional)
 *   sharq-dlq-stack            stack trace (optional)
 *   sharq-dlq-attempts         attempts made (including the final one)
 *   sharq-dlq-worker           worker id
 *   sharq-dlq-failed-at        epoch ms the worker gave up
 *   sharq-dlq-topic / -partition / -offset / -timestamp / -delivery-count   the original record
 */
export const DLQ_HEADER = {
  by: 'sharq-dlq-by',
  reason: 'sharq-dlq-reason',
  error: 'sharq-dlq-error',
  errorName: 'sharq-dlq-error-name',
  stack: 'sharq-dlq-stack',
  attempts: 'sharq-dlq-attempts',
  worker: 'sharq-dlq-worker',
  failedAt: 'sharq-dlq-failed-at',
  topic: 'sharq-dlq-topic',
  partition: 'sharq-dlq-partition',
  offset: 'sharq-dlq-offset',
  timestamp: 'sharq-dlq-timestamp',
  deliveryCount: 'sharq-dlq-delivery-count',
} as const;

export const DLQ_HEADER_PREFIX = 'sharq-dlq-';

/** Reasons a worker dead-letters a job with. */
export const WORKER_DEAD_REASONS = ['failed', 'unrecoverable', 'malformed', 'timeout'] as const;

export type DeadReason = (typeof WORKER_DEAD_REASONS)[number];

/**
 * Reasons a DeadJob can carry, the one list the CLI's --reason, the dashboard's API and its page use: the
 * worker's, plus the broker's for records it archived itself: 'delivery-limit' (delivery count reached
 * share.delivery.count.limit: crash loop or lock expiry on the last delivery), 'rejected' (a consumer
 * REJECTed it), 'broker' (any other broker message).
 */
export const DEAD_JOB_REASONS = [...WORKER_DEAD_REASONS, 'rejected', 'delivery-limit', 'broker'] as const;

export type DeadJobReason = (typeof DEAD_JOB_REASONS)[number];
