import { lockDurationMs } from '@sharq/core';
import { z } from 'zod';

/** What the supervisor hands each worker process (env SHARQ_CHILD_CONFIG, JSON). */
export const childConfigSchema = z.object({
  processorFile: z.string().min(1),
  queue: z.string().min(1),
  brokers: z.array(z.string().min(1)).min(1),
  concurrency: z.number().int().min(1),
  lockDurationMs: lockDurationMs(),
  /** 'thread': processors run in worker threads so CPU-bound jobs can't stall lock renewal. */
  isolation: z.enum(['thread', 'none']),
  threads: z.number().int().min(1),
  /** `--ordering key`: the queue is key-ordered (Worker option ordering). */
  ordering: z.enum(['share', 'key']).default('share'),
  index: z.number().int().min(0),
  /** `--metrics-port`: this process serves its WorkerMetrics on metricsPort + index (absent: no metrics). */
  metricsPort: z.number().int().min(1).max(65_535).optional(),
  metricsHost: z.string().min(1).optional(),
});

export type ChildConfig = z.output<typeof childConfigSchema>;

export const CHILD_CONFIG_ENV = 'SHARQ_CHILD_CONFIG';

export type SupervisorToChild = { type: 'shutdown'; graceMs: number };
export type ChildToSupervisor =
  | { type: 'ready'; workerId: string; metricsUrl?: string }
  | { type: 'stats'; completed: number; failed: number; active: number }
  | { type: 'fatal'; code: string; message: string };
