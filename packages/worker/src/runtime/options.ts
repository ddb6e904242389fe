import {
  DEFAULT_PREFIX,
  ValidationError,
  deliveryCountLimit,
  isEngine,
  lockDurationMs,
  parseOptions,
  queueTopology,
  telemetrySchema,
} from '@sharq/core';
import { z } from 'zod';
import { createLimiter, isAcquireLimiter } from '../limiter/create-limiter.js';
import type { LimiterOptions } from '../limiter/options.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import type { WorkerConnection } from './engine-lease.js';
import type { AcquireLimiter } from './limiter-hook.js';
import { defaultWorkerId } from './worker-id.js';

/**
 * Worker options in two stages: what the user writes (WorkerOptions) is parsed once by zod (core's parseOptions)
 * into a frozen, fully-defaulted ResolvedWorkerOptions; nothing downstream re-validates.
 */

function isConnection(value: unknown): value is WorkerConnection {
  if (typeof value !== 'object' || value === null) return false;
  if (isEngine(value)) return true;
  const v = value as Record<string, unknown>;
  if (v.embedded === true) return true;
  return Array.isArray(v.brokers) && v.brokers.length > 0 && v.brokers.every((b) => typeof b === 'string');
}

/** Your own AcquireLimiter, or the Redis limiter's options (parsed by limiter/options.ts). */
function isLimiterOption(value: unknown): value is AcquireLimiter | LimiterOptions {
  return isAcquireLimiter(value) || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

const positiveInt = z.number().int().positive();

export const workerOptionsSchema = z.object({
  connection: z.custom<WorkerConnection>(isConnection, {
    message: 'expected { brokers: string[] }, { embedded: true } or an Engine',
  }),
  /** Jobs run at the same time by this worker. */
  concurrency: positiveInt.max(10_000).default(1),
  /** The acquisition lock (group config share.record.lock.duration.ms); renewed at half-life while a job runs. */
  lockDurationMs: lockDurationMs().default(30_000),
  /** Group config share.delivery.count.limit; keep it above your jobs' `attempts`. */
  deliveryCountLimit: deliveryCountLimit().default(10),
  /** Partition count used if this worker is the first to create the queue topic (never shrinks an existing one). */
  partitions: positiveInt.max(10_000).default(1),
  /**
   * The queue's priority levels (2..10; the Queue's `priorities`): one share consumer per level, free slots
   * filled from the highest level that has records. Unset: one consumer on the queue topic, as always.
   */
  priorities: z.number().int().min(2).max(10).optional(),
  /**
   * The queue's ordering (the Queue's `ordering`): 'key' consumes a key-ordered queue through its classic
   * group with per-key dispatch (ordering/ordered-consumer.ts). A worker of the other mode than the queue's
   * recorded one refuses to start (QueueOrderingMismatchError). 'key' turns the prefetch window off.
   */
  ordering: z.enum(['share', 'key']).default('share'),
  /** Topic/group name prefix (checked by queueTopology). */
  prefix: z.string().default(DEFAULT_PREFIX),
  autorun: z.boolean().default(true),
  /**
   * Upper bound of the prefetch window: records acquired beyond the free slots and started the moment a
   * slot frees. The window itself is adaptive (runtime/acquisition-window.ts): as many records as this worker
   * will start within about a broker round trip, from the measured job duration and `concurrency`, never
   * one expected to wait more than a quarter of the lock (at most 1 s), within Kafka's per-partition lock
   * cap. Held records are RENEWed while they wait (no delivery attempt burnt) and close() hands them back at
   * once with their attempts intact. Default: adaptive up to 1000. 0 switches prefetch off (acquire only
   * for free slots).
   */
  prefetch: z.number().int().min(0).max(10_000).optional(),
  /** Long-poll bound of one acquisition when the queue is empty (ms); 250 ms at most while jobs run or are held. */
  drainDelayMs: z.number().int().min(10).max(60_000).default(5_000),
  /** How often the worker republishes its presence record (ms). */
  presenceIntervalMs: positiveInt.min(100).max(600_000).default(5_000),
  /** Run the queue's delay forwarder inside this worker (delayed jobs and backoff retries). */
  delayForwarder: z.boolean().default(true),
  /** { max, duration, redis, key?, keys?, keyDefault?, failOpen? } (see limiter/options.ts) or an AcquireLimiter. */
  limiter: z
    .custom<AcquireLimiter | LimiterOptions>(isLimiterOption, {
      message: 'expected { max, duration, redis } or { beforeAcquire(n, signal) }',
    })
    .optional(),
  workerId: z.string().min(1).max(249).optional(),
  /** OpenTelemetry: `{ tracer }` → a processing span per attempt (telemetry/job-spans.ts). Absent: none. */
  telemetry: telemetrySchema.optional(),
  /** Prometheus metrics (metrics/worker-metrics.ts): `new WorkerMetrics()`, then serve it. Absent: no metrics, no cost. */
  metrics: z
    .custom<WorkerMetrics>(
      (v) => typeof v === 'object' && v !== null && typeof (v as WorkerMetrics).observe === 'function',
      { message: 'expected a WorkerMetrics' },
    )
    .optional(),
});

export type WorkerOptions = z.input<typeof workerOptionsSchema>;

/** Why an option combination is refused (checked after the schema, with the same message format). */
function conflict(
  options: z.output<typeof workerOptionsSchema>,
): { path: string; message: string } | undefined {
  if (options.ordering === 'key' && options.priorities !== undefined)
    return { path: 'ordering', message: "priorities and ordering: 'key' cannot be combined" };
  return undefined;
}

export interface ResolvedWorkerOptions
  extends Readonly<Omit<z.output<typeof workerOptionsSchema>, 'workerId' | 'limiter'>> {
  readonly workerId: string;
  readonly limiter: AcquireLimiter | undefined;
}

/** `queueName` is needed only for a Redis limiter (its keys are namespaced per queue). */
export function resolveWorkerOptions(input: unknown, queueName?: string): ResolvedWorkerOptions {
  const parsed = parseOptions(workerOptionsSchema, input);
  const refused = conflict(parsed);
  if (refused) throw new ValidationError(`${refused.path}: ${refused.message}`, [refused]);
  const { workerId, limiter, ...rest } = parsed;
  let resolvedLimiter = limiter as AcquireLimiter | undefined;
  if (limiter !== undefined && !isAcquireLimiter(limiter)) {
    if (queueName === undefined) {
      const message = 'a Redis limiter needs the queue name (construct a Worker)';
      throw new ValidationError(`limiter: ${message}`, [{ path: 'limiter', message }]);
    }
    resolvedLimiter = createLimiter(limiter, queueTopology(queueName, rest.prefix).topic);
  }
  return Object.freeze({ ...rest, workerId: workerId ?? defaultWorkerId(), limiter: resolvedLimiter });
}
