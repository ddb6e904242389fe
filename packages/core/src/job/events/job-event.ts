/**
 * Job events on `<prefix>.<q>.events`: one JSON object per record, key = job id.
 * Common fields: type, jobId, ts (epoch ms); workerId when a worker published it.
 *
 *   active     { name, attempt }                         a worker started an attempt
 *   progress   { progress }                              job.updateProgress
 *   completed  { name, attempt, result?, durationMs? }   result is JSON (dropped if not serialisable)
 *   failed     { name, attempt, error, willRetry, delayMs? }   an attempt failed
 *   dead       { name?, reason, error }                  dead-lettered (final)
 *   delayed    { name, dueAt }                           waiting in a delay bucket
 *   log        { line }                                  job.log
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { JobProgress } from '../job.js';

interface Base {
  jobId: string;
  ts: number;
  workerId?: string;
}

export type ActiveEvent = Base & { type: 'active'; name: string; attempt: number };
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

export type JobEvent =
  | ActiveEvent
  | ProgressEvent
  | CompletedEvent
  | FailedEvent
  | DeadEvent
  | DelayedEvent
  | LogEvent;
export type JobEventType = JobEvent['type'];

const TYPES: ReadonlySet<string> = new Set([
  'active',
  'progress',
  'completed',
  'failed',
  'dead',
  'delayed',
  'log',
]);

export function encodeJobEvent(event: JobEvent): OutgoingRecord {
  let value: string;
  try {
    value = JSON.stringify(event);
  } catch {
    // A result that cannot be serialised (cycles, BigInt) must not lose the event itself.
    value = JSON.stringify({ ...event, result: undefined });
  }
  return { key: event.jobId, value };
}

/** undefined for anything that is not a job event (foreign or future records are skipped). */
export function decodeJobEvent(record: Pick<StoredRecord, 'value'>): JobEvent | undefined {
  if (!record.value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const event = parsed as { type?: unknown; jobId?: unknown; ts?: unknown };
  if (typeof event.type !== 'string' || !TYPES.has(event.type)) return undefined;
  if (typeof event.jobId !== 'string' || typeof event.ts !== 'number') return undefined;
  return parsed as JobEvent;
}
