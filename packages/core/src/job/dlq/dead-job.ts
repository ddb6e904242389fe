/**
 * DeadJob: the ONE read format of a DLQ record, whichever side wrote it.
 *   by='worker'  our headers (dlq-headers.ts), value = the original envelope bytes.
 *   by='broker'  KIP-1191 headers (share/admin/broker-dlq.ts), value = the original value when
 *                copy.record is on (Sharq turns it on), else null; timestamp = when the broker wrote it.
 * A DeadJob's `id` is "<dlq partition>:<dlq offset>": stable, unique, what replay/purge take.
 */
import type { StoredRecord } from '../../engine/engine.js';
import { parseBrokerDlqHeaders } from '../../share/admin/broker-dlq.js';
import { decodeEnvelope, type JobEnvelope } from '../envelope.js';
import { DLQ_HEADER, type DeadJobReason } from './dlq-headers.js';

export type DeadJobState = 'dead' | 'replaying' | 'replayed';

export interface DeadJob {
  id: string;
  by: 'worker' | 'broker';
  reason: DeadJobReason;
  /** From the envelope; the record key when the value is not an envelope. */
  jobId: string | undefined;
  name: string | undefined;
  data: unknown;
  envelope: JobEnvelope | undefined;
  /** Why the value is not an envelope (malformed records, broker records without a copy). */
  decodeError: string | undefined;
  error: { message: string; name?: string; stack?: string };
  attempts: number | undefined;
  workerId: string | undefined;
  /** Epoch ms the job died (worker: when it gave up; broker: when it wrote the DLQ record). */
  failedAt: number;
  original: { topic: string; partition: number; offset: number; timestamp?: number; deliveryCount?: number };
  dlq: { topic: string; partition: number; offset: number; timestamp: number };
  state: DeadJobState;
  /** The raw value, for malformed records (shown as-is by the dashboard/CLI). */
  value: Buffer | null;
}

const text = (record: StoredRecord, name: string): string | undefined =>
  record.headers[name]?.toString('utf8');

const num = (value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

export function deadJobId(record: Pick<StoredRecord, 'partition' | 'offset'>): string {
  return `${record.partition}:${record.offset}`;
}

export function toDeadJob(record: StoredRecord): DeadJob {
  const decoded = record.value ? decodeEnvelope(record) : undefined;
  const envelope = decoded?.ok ? decoded.envelope : undefined;
  const decodeError = decoded
    ? decoded.ok
      ? undefined
      : decoded.reason
    : 'no value (broker DLQ without copy.record)';
  const base = {
    id: deadJobId(record),
    jobId: envelope?.id ?? record.key?.toString('utf8'),
    name: envelope?.name,
    data: envelope?.data,
    envelope,
    decodeError,
    dlq: {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
    },
    state: 'dead' as const,
    value: record.value,
  };
  if (text(record, DLQ_HEADER.by) === 'worker') {
    const error: DeadJob['error'] = { message: text(record, DLQ_HEADER.error) ?? '' };
    const errorName = text(record, DLQ_HEADER.errorName);
    const stack = text(record, DLQ_HEADER.stack);
    if (errorName) error.name = errorName;
    if (stack) error.stack = stack;
    const original: DeadJob['original'] = {
      topic: text(record, DLQ_HEADER.topic) ?? '',
      partition: num(text(record, DLQ_HEADER.partition)) ?? -1,
      offset: num(text(record, DLQ_HEADER.offset)) ?? -1,
    };
    const timestamp = num(text(record, DLQ_HEADER.timestamp));
    const deliveryCount = num(text(record, DLQ_HEADER.deliveryCount));
    if (timestamp !== undefined) original.timestamp = timestamp;
    if (deliveryCount !== undefined) original.deliveryCount = deliveryCount;
    return {
      ...base,
      by: 'worker',
      reason: workerReason(text(record, DLQ_HEADER.reason)),
      error,
      attempts: num(text(record, DLQ_HEADER.attempts)),
      workerId: text(record, DLQ_HEADER.worker),
      failedAt: num(text(record, DLQ_HEADER.failedAt)) ?? record.timestamp,
      original,
    };
  }
  const broker = parseBrokerDlqHeaders(record.headers);
  const reason: DeadJobReason =
    broker?.reason === 'delivery-count-exceeded'
      ? 'delivery-limit'
      : broker?.reason === 'rejected'
        ? 'rejected'
        : 'broker';
  const deliveryCount = broker?.deliveryCount;
  const original: DeadJob['original'] = {
    topic: broker?.topic ?? '',
    partition: broker?.partition ?? -1,
    offset: broker?.offset ?? -1,
  };
  if (deliveryCount !== undefined) original.deliveryCount = deliveryCount;
  return {
    ...base,
    by: 'broker',
    reason,
    error: { message: broker?.message || 'archived by the broker' },
    // The broker counts deliveries of this copy; earlier copies (backoff retries) add envelope.attemptsMade.
    attempts: deliveryCount !== undefined ? (envelope?.attemptsMade ?? 0) + deliveryCount : undefined,
    workerId: undefined,
    failedAt: record.timestamp,
    original,
  };
}

function workerReason(value: string | undefined): DeadJobReason {
  switch (value) {
    case 'failed':
    case 'unrecoverable':
    case 'malformed':
    case 'timeout':
      return value;
    default:
      return 'failed';
  }
}
