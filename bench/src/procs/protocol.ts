/** Messages between a scenario (parent) and a worker child process (procs/worker-proc.ts). */
export interface WorkerProcConfig {
  system: 'sharq' | 'bullmq';
  queue: string;
  concurrency: number;
  /** Kafka bootstrap (sharq). */
  brokers?: string[];
  /** Redis URL and key prefix (bullmq). */
  redisUrl?: string;
  prefix?: string;
  /** How long each job sleeps (0 = no-op). */
  jobMs: number;
  /** Report per-job start/complete timestamps (latency); otherwise only job indices. */
  timings: boolean;
}

export type ParentMessage = { type: 'go' } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready' }
  /** Job indices completed since the last report; with timings: [i, startMs, completeMs] triples (epoch ms, fractional). */
  | { type: 'done'; flat: number[] }
  | { type: 'cpu'; userMicros: number; systemMicros: number; rssBytes: number }
  | { type: 'error'; message: string }
  | { type: 'closed' };

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
