import { randomBytes } from 'node:crypto';
import { Queue, SharqError } from '@sharq/core';

export interface ProduceOptions {
  brokers: string[];
  queue: string;
  total: number;
  /** Jobs per addBulk call. */
  batch: number;
  partitions?: number;
  lockDurationMs?: number;
  /** Job data (e.g. { sleepMs }). */
  data?: Record<string, unknown>;
  /** Pause between batches (ms), to spread the load over the faults. */
  pauseMs?: number;
  /** Keep retrying a rejected batch (as an application would) until this deadline; default: do not retry. */
  retryUntil?: number;
  /** Delay every job by this many ms (delayed jobs travel through the delay buckets and the forwarder). */
  delayMs?: number;
  /** Called after every successful batch with the number of jobs added so far. */
  onProgress?: (added: number) => void;
}

export interface ProduceResult {
  /** Ids of jobs whose add() resolved: the caller saw them succeed. */
  ids: string[];
  /** Rejected add() calls by error code (must all be typed SharqErrors). */
  rejected: Record<string, number>;
  /** Rejections that were not SharqErrors (a finding). */
  untyped: string[];
  durationMs: number;
}

/**
 * Adds `total` jobs in batches. Only jobs whose add resolved are counted as sent; a rejected batch is
 * retried as a new batch (new job ids), the way an application without idempotency keys would.
 */
export async function produceJobs(options: ProduceOptions, queue?: Queue): Promise<ProduceResult> {
  const own = queue === undefined;
  const q =
    queue ??
    new Queue(options.queue, {
      connection: { brokers: options.brokers },
      partitions: options.partitions ?? 1,
      lockDurationMs: options.lockDurationMs ?? 30_000,
    });
  const started = Date.now();
  // Job ids are fixed per position, so a retried batch re-sends the same ids (as an application retrying
  // with idempotency keys would) and a batch that was written although add() rejected shows up as a duplicate.
  const idPrefix = `${randomBytes(4).toString('hex')}-`;
  const ids: string[] = [];
  const rejected: Record<string, number> = {};
  const untyped: string[] = [];
  try {
    let n = 0;
    while (n < options.total) {
      const size = Math.min(options.batch, options.total - n);
      const jobs = Array.from({ length: size }, (_, i) => ({
        name: 'fault',
        data: { n: n + i, ...(options.data ?? {}) },
        opts: { jobId: `${idPrefix}${n + i}`, ...(options.delayMs ? { delay: options.delayMs } : {}) },
      }));
      try {
        const added = await q.addBulk(jobs);
        for (const job of added) ids.push(job.id);
        n += size;
        options.onProgress?.(n);
      } catch (error) {
        if (error instanceof SharqError) rejected[error.code] = (rejected[error.code] ?? 0) + size;
        else untyped.push(String(error));
        if (options.retryUntil === undefined || Date.now() > options.retryUntil) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  } finally {
    if (own) await q.close();
  }
  return { ids, rejected, untyped, durationMs: Date.now() - started };
}
