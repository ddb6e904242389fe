/**
 * Queue options: parsed once by zod at construction. Defaults and why:
 *   partitions 1         share groups parallelise within a partition (many consumers per
 *                        partition), so one partition already serves many workers; raise it for
 *                        produce throughput beyond one partition leader or for > ~2000 jobs in
 *                        flight (the broker's per-partition lock cap). Never shrinks.
 *   lockDurationMs, deliveryCountLimit  unset by default: they are the workers' settings (each Worker
 *                        configures the share group with its own, default 30 s / 10), and a producer
 *                        must not overwrite them. Set them here only to provision a queue before
 *                        any worker runs.
 *   batch.maxSize 500    records per produce call, i.e. per Kafka record batch. A worker acquires a few
 *                        records per ShareFetch (record_limit), but the broker returns, and the client
 *                        decodes, the WHOLE batch around them: with 5,000-record batches a fetch of 50 took
 *                        ~60 ms vs ~28 ms at 500 (bench, same broker): 643 → 1,529 jobs/s processed, and
 *                        addBulk itself got faster (3.2k → 9.7k jobs/s; kafkajs is O(n²) per partition).
 */
import { z } from 'zod';
import { deliveryCountLimit, lockDurationMs } from '../../options/fragments.js';
import type { Connection } from '../../engine/connection.js';
import { defaultJobOptionsSchema } from '../options.js';
import { MAX_PRIORITY_LEVELS } from '../priority/levels.js';
import { telemetrySchema } from '../../observability/telemetry.js';

const schemaLike = z.custom<z.ZodType>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function',
  { message: 'schema must be a zod schema' },
);

const connectionLike = z.custom<Connection>((value) => typeof value === 'object' && value !== null, {
  message: 'connection is required: Kafka options ({ brokers }), { embedded: true } or an Engine',
});

export const queueOptionsSchema = z
  .strictObject({
    connection: connectionLike,
    schema: schemaLike.optional(),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/, 'prefix must be 1-60 characters of [A-Za-z0-9_-]')
      .default('sharq'),
    partitions: z.number().int().min(1).max(10_000).default(1),
    /** OpenTelemetry: `{ tracer }` → a producer span per add/addBulk, its traceparent on each record. */
    telemetry: telemetrySchema.optional(),
    defaultJobOptions: defaultJobOptionsSchema.default({}),
    lockDurationMs: lockDurationMs().optional(),
    /**
     * BullMQ's jobId semantics: an add whose jobId belongs to a job still waiting, delayed or active is not
     * enqueued and resolves to that job. Off by default: each such add then costs a claim on the
     * deduplication topic (one produce + reading it back) and each job a release when it finishes.
     */
    deduplicateJobIds: z.boolean().default(false),
    /**
     * Priority levels (2..10), default off. Each level above the lowest is a topic of its own in the queue's
     * share group; workers of the queue must be given the same `priorities`. Off: no topic, no cost.
     */
    priorities: z.number().int().min(2).max(MAX_PRIORITY_LEVELS).optional(),
    deliveryCountLimit: deliveryCountLimit().optional(),
    /**
     * 'share' (default): the queue's share group hands jobs to any free worker, in no particular order.
     * 'key': jobs with the same `orderingKey` run one at a time in add order, different keys in parallel,
     * through a classic consumer group (README, "Key-ordered queues"); workers need `ordering: 'key'` too.
     */
    ordering: z.enum(['share', 'key']).default('share'),
    /** Produce batching for add(): linger before a batch goes out (ms) and batch size. */
    batch: z
      .strictObject({
        lingerMs: z.number().int().min(0).max(1_000).default(0),
        maxSize: z.number().int().min(1).max(100_000).default(500),
      })
      .default({ lingerMs: 0, maxSize: 500 }),
  })
  .refine((options) => !(options.ordering === 'key' && options.priorities !== undefined), {
    message: "priorities and ordering: 'key' cannot be combined (a key's order is its add order)",
    path: ['ordering'],
  });

export type QueueOptions<Data = unknown> = Omit<z.input<typeof queueOptionsSchema>, 'schema'> & {
  /** Validates (and may transform) each job's data at add time. */
  schema?: z.ZodType<Data>;
};

export type CompiledQueueOptions = z.output<typeof queueOptionsSchema>;
