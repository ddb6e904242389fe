/**
 * Stuck jobs: what live (or gone) workers report holding that deserves a look — held longer
 * than the threshold, or delivered more than once (a previous holder crashed, lost its lock
 * or released it), or held by a worker that stopped heartbeating (until the job's lock expires
 * and the broker hands it out again). Pure: computed from presence records, no broker calls.
 */
import type { LiveWorker } from '@sharq/core';

/** Why a job counts as stuck; the page labels each (public/views.js REASON_TEXT). */
export const STUCK_REASONS = ['held-long', 'redelivered', 'worker-gone'] as const;

export type StuckReason = (typeof STUCK_REASONS)[number];

export interface StuckJob {
  jobId: string;
  name: string;
  workerId: string;
  workerGone: boolean;
  /** Epoch ms the current attempt started (when the worker acquired it). */
  since: number;
  heldMs: number;
  deliveryCount: number;
  attempt: number;
  partition: number;
  offset: number;
  lockExpiresAt: number | undefined;
  reasons: StuckReason[];
}

export function findStuckJobs(workers: readonly LiveWorker[], now: number, stuckAfterMs: number): StuckJob[] {
  const out: StuckJob[] = [];
  for (const worker of workers) {
    for (const job of worker.jobs) {
      // A gone worker's job whose lock has expired is back in the queue already: nothing is stuck.
      if (worker.stale && job.lockExpiresAt !== undefined && job.lockExpiresAt <= now) continue;
      const heldMs = Math.max(0, now - job.startedAt);
      const reasons: StuckReason[] = [];
      if (heldMs >= stuckAfterMs) reasons.push('held-long');
      if (job.deliveryCount >= 2) reasons.push('redelivered');
      if (worker.stale) reasons.push('worker-gone');
      if (reasons.length === 0) continue;
      out.push({
        jobId: job.id,
        name: job.name,
        workerId: worker.workerId,
        workerGone: worker.stale,
        since: job.startedAt,
        heldMs,
        deliveryCount: job.deliveryCount,
        attempt: job.attempt,
        partition: job.partition,
        offset: job.offset,
        lockExpiresAt: job.lockExpiresAt,
        reasons,
      });
    }
  }
  return out.sort((a, b) => a.since - b.since);
}
