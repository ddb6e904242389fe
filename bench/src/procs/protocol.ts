/** Messages between a scenario (parent) and a worker child process (procs/worker-proc.ts). */
export interface WorkerProcConfig {
  /** sharq Worker, bullmq Worker, or a kafkajs classic consumer group member (the Kafka peer). */
  system: 'sharq' | 'bullmq' | 'classic';
  /** Queue name (sharq, bullmq) or topic (classic). */
  queue: string;
  /** Jobs at once per member. */
  concurrency: number;
  /** Members in this process: Worker instances (each its own share-group member) or classic consumers. */
  members?: number;
  /** Kafka bootstrap (sharq, classic). */
  brokers?: string[];
  /** Classic consumer group id. */
  groupId?: string;
  /** Redis URL and key prefix (bullmq). */
  redisUrl?: string;
  prefix?: string;
  /** How long each job sleeps (0 = no-op); a job's own `ms` wins. */
  jobMs: number;
  /** Report per-job start/complete timestamps; otherwise only job indices. */
  timings: boolean;
  /** Sharq: the queue's priority levels (a queue's workers must be given its `priorities`). */
  priorities?: number;
  /** Sharq: `'key'` for a key-ordered queue (its workers must be given the queue's ordering). */
  ordering?: 'key';
  /** Run Sharq's delay forwarder (needed for backoff retries). */
  delayForwarder?: boolean;
  /** Classic peer: attempts and fixed backoff of its inline retry of a failing job (what a plain consumer does). */
  classicAttempts?: number;
  classicBackoffMs?: number;
  /** Classic peer: kafkajs session timeout; must exceed the longest job, since kafkajs cannot heartbeat inside eachMessage. */
  classicSessionTimeoutMs?: number;
}

/** Job data of every scenario. `ms` overrides the sleep; `fail` makes every attempt throw. */
export interface BenchJobData {
  i: number;
  t?: number;
  ms?: number;
  fail?: boolean;
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
