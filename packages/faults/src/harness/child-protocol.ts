import { z } from 'zod';

/** What a fault-suite worker process runs with (env SHARQ_FAULTS_CHILD, JSON), parsed at its edge. */
export const childSpecSchema = z.object({
  brokers: z.array(z.string().min(1)).min(1),
  queue: z.string().min(1),
  concurrency: z.number().int().min(1),
  lockDurationMs: z.number().int().min(1000),
  partitions: z.number().int().min(1).default(1),
  ledger: z.string().min(1),
  tag: z.string().min(1),
  sleepMs: z.number().int().min(0).default(0),
  redeliverySleepMs: z.number().int().min(0).optional(),
  /** If set, every worker event is appended here as `<epoch ms> <tag> <event> <job id> <detail>` (diagnosis). */
  eventsLog: z.string().optional(),
  limiter: z
    .object({
      redis: z.string(),
      max: z.number().int().positive(),
      duration: z.number().int().positive(),
      failOpen: z.boolean(),
      timeoutMs: z.number().int().positive().default(500),
    })
    .optional(),
});

export type ChildSpec = z.input<typeof childSpecSchema>;
export const CHILD_SPEC_ENV = 'SHARQ_FAULTS_CHILD';

export interface ChildCounters {
  completed: number;
  failed: number;
  duplicate: number;
  lockLost: number;
  malformed: number;
  dead: number;
  errors: number;
  /** Jobs whose processor runs right now, and whether the worker is acquiring (stall diagnosis). */
  active: number;
  running: boolean;
  /** Resident memory of the process (bytes). */
  rss: number;
  /** Error names/codes seen on 'error' and 'failed', with counts. */
  errorKinds: Record<string, number>;
}

/** All zero: a fresh child's counters, and the start of a sum over children. */
export function emptyCounters(): ChildCounters {
  return {
    completed: 0,
    failed: 0,
    duplicate: 0,
    lockLost: 0,
    malformed: 0,
    dead: 0,
    errors: 0,
    active: 0,
    running: false,
    rss: 0,
    errorKinds: {},
  };
}

export type ChildMessage =
  | { type: 'ready'; workerId: string }
  | { type: 'stats'; counters: ChildCounters }
  | { type: 'fatal'; message: string };
