/**
 * GET /api/queues/:q/jobs/:id — a job's timeline (core's JobTimeline: added, attempts with worker and
 * error, completed / dead). From the queue's JobIndex when it knows the id (refreshed by one snapshot:
 * events appended since the last refresh are included); otherwise one scan of the queue's topics
 * (findJob, what `sharq job` does). 404 JOB_NOT_FOUND when neither knows it.
 */
import { buildJobTimeline, type Engine, findJob, type JobTimeline } from '@sharq/core';
import { HttpError } from '../errors.js';
import type { QueueHandle } from '../data/queue-registry.js';

export interface JobLookup {
  timeline: JobTimeline;
  /** index: answered from memory; scan: read from the topics. */
  source: 'index' | 'scan';
}

export async function lookUpJob(engine: Engine, queue: QueueHandle, id: string): Promise<JobLookup> {
  await queue.snapshotter.snapshot();
  const known = queue.jobs.get(id);
  if (known) {
    const timeline = buildJobTimeline(id, known);
    // An index entry without its add time (events from an older worker) is completed by a scan.
    if (timeline.addedAt !== undefined) return { timeline, source: 'index' };
  }
  const scanned = await findJob(engine, queue.topology, id);
  if (!scanned) throw new HttpError(404, 'JOB_NOT_FOUND', `no job ${id} in ${queue.name}`);
  return { timeline: scanned, source: 'scan' };
}
