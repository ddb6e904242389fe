/**
 * JobIndex: the recent jobs of one queue by id, for the job lookup — so a lookup answers from memory
 * instead of reading the whole events topic.
 *
 * Fed with every event the queue's EventStats reads (its backfill, then each refresh). Bounded: at most
 * MAX_JOBS job ids (the least recently seen is dropped first) and MAX_EVENTS_PER_JOB events each (the
 * first ones are kept: a job's story starts there; a job with more falls back to a scan). With ~200 bytes
 * an event that is at most ~20 MB per queue, typically a few MB.
 */
import type { JobEvent } from '@sharq/core';

export const MAX_JOBS = 20_000;
export const MAX_EVENTS_PER_JOB = 64;

export class JobIndex {
  private readonly jobs = new Map<string, { events: JobEvent[]; truncated: boolean }>();
  private readonly maxJobs: number;
  private readonly maxEvents: number;

  constructor(maxJobs = MAX_JOBS, maxEvents = MAX_EVENTS_PER_JOB) {
    this.maxJobs = maxJobs;
    this.maxEvents = maxEvents;
  }

  get size(): number {
    return this.jobs.size;
  }

  add(event: JobEvent): void {
    if (event.jobId === '' || event.type === 'paused' || event.type === 'resumed') return;
    let entry = this.jobs.get(event.jobId);
    if (entry) {
      // Re-insert: Map order is the eviction order, least recently seen first.
      this.jobs.delete(event.jobId);
    } else {
      entry = { events: [], truncated: false };
      if (this.jobs.size >= this.maxJobs) {
        const oldest = this.jobs.keys().next();
        if (!oldest.done) this.jobs.delete(oldest.value);
      }
    }
    this.jobs.set(event.jobId, entry);
    if (entry.events.length < this.maxEvents) entry.events.push(event);
    else entry.truncated = true;
  }

  /** The job's events, or undefined when the index does not know the id or dropped some of its events. */
  get(jobId: string): readonly JobEvent[] | undefined {
    const entry = this.jobs.get(jobId);
    return entry && !entry.truncated ? entry.events : undefined;
  }
}
