/** A worker as the page shows it: live, or gone (stopped heartbeating; its jobs return when their locks expire). */
import type { LiveWorker, PresenceJob } from '@sharq/core';

export interface WorkerView {
  workerId: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: number;
  heartbeatAt: number;
  heartbeatIntervalMs: number;
  state: 'live' | 'gone';
  note: string | undefined;
  jobs: PresenceJob[];
}

export function toWorkerView(worker: LiveWorker, now: number): WorkerView {
  const pending = worker.jobs.filter((job) => job.lockExpiresAt === undefined || job.lockExpiresAt > now);
  return {
    workerId: worker.workerId,
    host: worker.host,
    pid: worker.pid,
    concurrency: worker.concurrency,
    startedAt: worker.startedAt,
    heartbeatAt: worker.heartbeatAt,
    heartbeatIntervalMs: worker.heartbeatIntervalMs,
    state: worker.stale ? 'gone' : 'live',
    note: !worker.stale
      ? undefined
      : pending.length > 0
        ? 'gone; its jobs return when their locks expire'
        : worker.jobs.length > 0
          ? 'gone; its jobs are back in the queue (locks expired)'
          : 'gone (no heartbeat for 3 intervals)',
    jobs: worker.jobs,
  };
}
