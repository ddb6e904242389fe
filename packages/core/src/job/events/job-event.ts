/**
 * Job events on `<prefix>.<q>.events`. Three record shapes, all read by decodeJobEvents:
 *   compact — value = {"v":2,...}, key null. What EventPublisher writes: one record carries every event of
 *             a linger window (hundreds at full speed), 'active'/'completed' as positional entries
 *             (compact-batch.ts). Per-record and per-event-object costs dominated the worker's hot path.
 *   batch   — value = JSON array of event objects, key null (version 1: EventPublisher before the compact
 *             form; encodeJobEventBatch still writes it). Read so that older records keep decoding.
 *   single  — value = one JSON event object, key = job id (encodeJobEvent: queue-level events, older writers).
 * Common fields: type, jobId, ts (epoch ms); workerId when a worker published it.
 *
 *   active     { name, attempt, addedAt? }               a worker started an attempt (addedAt: the job's add time)
 *   progress   { progress }                              job.updateProgress
 *   completed  { name, attempt, result?, durationMs? }   result is JSON (dropped if not serialisable)
 *   failed     { name, attempt, error, willRetry, delayMs? }   an attempt failed
 *   dead       { name?, reason, error }                  dead-lettered (final)
 *   delayed    { name, dueAt }                           waiting in a delay bucket
 *   log        { line }                                  job.log
 *   paused     { by }                                    queue.pause() (queue-level: jobId is '')
 *   resumed    { by }                                    queue.resume() (queue-level: jobId is '')
 *   deduplicated { name, deduplicationId, existingJobId? }   an add lost its deduplication claim and was not
 *              enqueued: jobId/name are the refused add's, existingJobId the job it resolved to (omitted when
 *              that is jobId itself: a jobId deduplicated against itself), deduplicationId the
 *              `deduplication.id` (or the jobId, with deduplicateJobIds)
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { JobProgress } from '../job.js';
import { COMPACT_BATCH_VERSION, decodeCompactBatch } from './compact-batch.js';

interface Base {
  jobId: string;
  ts: number;
  workerId?: string;
}

export type ActiveEvent = Base & { type: 'active'; name: string; attempt: number; addedAt?: number };
export type ProgressEvent = Base & { type: 'progress'; progress: JobProgress };
export type CompletedEvent = Base & {
  type: 'completed';
  name: string;
  attempt: number;
  result?: unknown;
  durationMs?: number;
};
export type FailedEvent = Base & {
  type: 'failed';
  name: string;
  attempt: number;
  error: string;
  willRetry: boolean;
  delayMs?: number;
};
export type DeadEvent = Base & { type: 'dead'; name?: string; reason: string; error: string };
export type DelayedEvent = Base & { type: 'delayed'; name: string; dueAt: number };
export type LogEvent = Base & { type: 'log'; line: string };
export type PausedEvent = Base & { type: 'paused'; by: string };
export type ResumedEvent = Base & { type: 'resumed'; by: string };
export type DeduplicatedEvent = Base & {
  type: 'deduplicated';
  name: string;
  deduplicationId: string;
  existingJobId?: string;
};

export type JobEvent =
  | ActiveEvent
  | ProgressEvent
  | CompletedEvent
  | FailedEvent
  | DeadEvent
  | DelayedEvent
  | LogEvent
  | PausedEvent
  | ResumedEvent
  | DeduplicatedEvent;
export type JobEventType = JobEvent['type'];

const TYPES: ReadonlySet<string> = new Set([
  'active',
  'progress',
  'completed',
  'failed',
  'dead',
  'delayed',
  'log',
  'paused',
  'resumed',
  'deduplicated',
]);

/** One event as JSON text (the unit a batch record is built from). */
export function jobEventJson(event: JobEvent): string {
  try {
    return JSON.stringify(event);
  } catch {
    // A result that cannot be serialised (cycles, BigInt) must not lose the event itself.
    return JSON.stringify({ ...event, result: undefined });
  }
}

/** A single-event record (key = job id). */
export function encodeJobEvent(event: JobEvent): OutgoingRecord {
  return { key: event.jobId, value: jobEventJson(event) };
}

/** A version-1 batch record from events already rendered by jobEventJson (in publish order). */
export function encodeJobEventBatch(jsonEvents: readonly string[]): OutgoingRecord {
  return { key: null, value: `[${jsonEvents.join(',')}]` };
}

/**
 * Every job event a record carries, compact, batch or single, in order; foreign or future entries are
 * skipped (an empty list for a record that is not a job event at all, or of a later compact version).
 */
export function decodeJobEvents(record: Pick<StoredRecord, 'value'>): JobEvent[] {
  const parsed = parseValue(record);
  if (!Array.isArray(parsed)) {
    if (typeof parsed === 'object' && parsed !== null && 'v' in parsed) {
      const value = parsed as Record<string, unknown>;
      return value.v === COMPACT_BATCH_VERSION ? decodeCompactBatch(value, asJobEvent) : [];
    }
    const event = asJobEvent(parsed);
    return event ? [event] : [];
  }
  const out: JobEvent[] = [];
  for (const item of parsed) {
    const event = asJobEvent(item);
    if (event) out.push(event);
  }
  return out;
}

/**
 * The event of a single-event record; undefined for anything else — including batch records, which only
 * decodeJobEvents reads (use it for anything reading the events topic).
 */
export function decodeJobEvent(record: Pick<StoredRecord, 'value'>): JobEvent | undefined {
  return asJobEvent(parseValue(record));
}

function parseValue(record: Pick<StoredRecord, 'value'>): unknown {
  if (!record.value) return undefined;
  try {
    return JSON.parse(record.value.toString('utf8'));
  } catch {
    return undefined;
  }
}

function asJobEvent(parsed: unknown): JobEvent | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const event = parsed as { type?: unknown; jobId?: unknown; ts?: unknown };
  if (typeof event.type !== 'string' || !TYPES.has(event.type)) return undefined;
  if (typeof event.jobId !== 'string' || typeof event.ts !== 'number') return undefined;
  return parsed as JobEvent;
}
