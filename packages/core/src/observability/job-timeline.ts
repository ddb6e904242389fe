/**
 * A job's timeline from its events (the events topic): when it was added, each attempt with its worker,
 * outcome and error, and where it is now. Pure: the events come from a scan (find-job.ts) or from the
 * dashboard's index.
 *
 *   state      completed | dead (last word) · active (an attempt running) · retrying (failed, will run
 *              again) · delayed (waiting for its time) · waiting (added, never started) · unknown
 *   attempts   one per `active` event, closed by its `completed` / `failed`; a replayed job continues
 *              the list (its attempts restart at 1)
 *   entries    every event in time order, one line each (progress and log lines included)
 */
import type { DeduplicatedEvent, JobEvent } from '../job/events/job-event.js';

export type JobState = 'waiting' | 'delayed' | 'active' | 'retrying' | 'completed' | 'dead' | 'unknown';

export interface AttemptView {
  attempt: number;
  workerId: string | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  outcome: 'running' | 'completed' | 'failed';
  error: string | undefined;
  willRetry: boolean | undefined;
  durationMs: number | undefined;
}

export interface TimelineEntry {
  ts: number;
  type: JobEvent['type'] | 'added';
  attempt: number | undefined;
  workerId: string | undefined;
  detail: string | undefined;
}

export interface JobTimeline {
  jobId: string;
  name: string | undefined;
  state: JobState;
  addedAt: number | undefined;
  attempts: AttemptView[];
  entries: TimelineEntry[];
}

/** Where the job was added, when known from its record (the queue topic or a delay bucket). */
export interface AddedRecord {
  name: string;
  ts: number;
  dueAt?: number | undefined;
}

export function buildJobTimeline(
  jobId: string,
  events: readonly JobEvent[],
  added?: AddedRecord,
): JobTimeline {
  const sorted = events.filter((e) => e.jobId === jobId).sort((a, b) => a.ts - b.ts);
  const attempts: AttemptView[] = [];
  const entries: TimelineEntry[] = [];
  let name = added?.name;
  let addedAt = added?.ts;
  if (added) entries.push(addedEntry(added.ts, added.name));
  let state: JobState = added
    ? added.dueAt !== undefined && added.dueAt > added.ts
      ? 'delayed'
      : 'waiting'
    : 'unknown';
  const open = (attempt: number) => {
    for (let i = attempts.length - 1; i >= 0; i--) {
      const a = attempts[i] as AttemptView;
      if (a.attempt === attempt && a.outcome === 'running') return a;
    }
    return undefined;
  };
  /** Ends the attempt `event` reports on; one whose active event was not seen (trimmed index, older writer) is added. */
  const close = (event: JobEvent & { attempt: number }, outcome: 'completed' | 'failed'): AttemptView => {
    let a = open(event.attempt);
    if (!a) {
      a = runningAttempt(event.attempt, event.workerId, undefined);
      attempts.push(a);
    }
    a.outcome = outcome;
    a.endedAt = event.ts;
    return a;
  };
  for (const event of sorted) {
    let attempt: number | undefined;
    let detail: string | undefined;
    switch (event.type) {
      case 'active':
        name ??= event.name;
        if (event.addedAt !== undefined && addedAt === undefined) {
          addedAt = event.addedAt;
          entries.unshift(addedEntry(event.addedAt, event.name));
        }
        attempt = event.attempt;
        attempts.push(runningAttempt(attempt, event.workerId, event.ts));
        state = 'active';
        break;
      case 'completed': {
        name ??= event.name;
        attempt = event.attempt;
        const a = close(event, 'completed');
        a.durationMs = event.durationMs ?? (a.startedAt !== undefined ? event.ts - a.startedAt : undefined);
        detail = a.durationMs !== undefined ? `${a.durationMs} ms` : undefined;
        state = 'completed';
        break;
      }
      case 'failed': {
        name ??= event.name;
        attempt = event.attempt;
        const a = close(event, 'failed');
        a.error = event.error;
        a.willRetry = event.willRetry;
        detail = `${event.error}${event.willRetry ? ` (retry${event.delayMs ? ` in ${event.delayMs} ms` : ''})` : ''}`;
        state = event.willRetry ? 'retrying' : state;
        break;
      }
      case 'dead':
        name ??= event.name;
        detail = `${event.reason}: ${event.error}`;
        state = 'dead';
        break;
      case 'delayed':
        name ??= event.name;
        addedAt ??= event.ts;
        detail = `due ${new Date(event.dueAt).toISOString()}`;
        if (state !== 'completed' && state !== 'dead') state = 'delayed';
        break;
      case 'deduplicated':
        name ??= event.name;
        detail = deduplicatedDetail(event);
        break;
      case 'progress':
        detail = JSON.stringify(event.progress);
        break;
      case 'log':
        detail = event.line;
        break;
      default:
        break;
    }
    entries.push({ ts: event.ts, type: event.type, attempt, workerId: event.workerId, detail });
  }
  return { jobId, name, state, addedAt, attempts, entries };
}

function runningAttempt(
  attempt: number,
  workerId: string | undefined,
  startedAt: number | undefined,
): AttemptView {
  return {
    attempt,
    workerId,
    startedAt,
    endedAt: undefined,
    outcome: 'running',
    error: undefined,
    willRetry: undefined,
    durationMs: undefined,
  };
}

function addedEntry(ts: number, name: string): TimelineEntry {
  return { ts, type: 'added', attempt: undefined, workerId: undefined, detail: name };
}

/** One line for a refused add: its deduplication id, and the job it resolved to when that is another. */
export function deduplicatedDetail(event: DeduplicatedEvent): string {
  const existing = event.existingJobId !== undefined ? `, resolved to job ${event.existingJobId}` : '';
  return `deduplication id ${event.deduplicationId}${existing}`;
}
