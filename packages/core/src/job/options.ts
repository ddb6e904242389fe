/**
 * Job options: what the user writes (JobOptions) → parsed and defaulted once at the edge
 * (CompiledJobOptions, stored in the envelope). Every check and its message lives here.
 */
import { z } from 'zod';

/** Longest delay we accept: a year. Longer is almost surely a unit mistake (seconds vs ms). */
export const MAX_DELAY_MS = 365 * 24 * 3_600_000;

/** Longest deduplication ttl: a claim never outlives the deduplication topic's 7-day horizon. */
export const MAX_DEDUP_TTL_MS = 7 * 24 * 3_600_000;

export const backoffSchema = z.union([
  z.number().int().nonnegative(),
  z.strictObject({
    /** 'fixed' | 'exponential' | 'jitter' | a name given to registerBackoffStrategy in the worker process. */
    type: z.string().min(1),
    delay: z.number().int().nonnegative().optional(),
    /** 0..1: the fraction of each delay that is randomised (fixed/exponential); 'jitter' means 1. */
    jitter: z.number().min(0).max(1).optional(),
    /** Upper bound for any single delay. */
    maxDelay: z.number().int().positive().optional(),
  }),
]);

export type BackoffInput = z.input<typeof backoffSchema>;

export interface BackoffOptions {
  type: string;
  delay: number;
  jitter?: number;
  maxDelay?: number;
}

const baseJobOptions = {
  /** Total tries including the first (BullMQ semantics). Default 1. */
  attempts: z.number().int().min(1).max(10_000).optional(),
  backoff: backoffSchema.optional(),
  /** Wait this long (ms) before the job becomes waiting. */
  delay: z.number().int().nonnegative().max(MAX_DELAY_MS).optional(),
  /** The processor's AbortSignal fires after this many ms; the attempt then fails with reason 'timeout'. */
  timeout: z.number().int().positive().optional(),
};

export const defaultJobOptionsSchema = z.strictObject(baseJobOptions);

export const jobOptionsSchema = z.strictObject({
  ...baseJobOptions,
  /**
   * Your id for the job; default a random UUID. Deduplicates only on a queue with `deduplicateJobIds: true`
   * (a second add while the job is waiting, delayed or active resolves to it); otherwise just a name.
   */
  jobId: z.string().min(1).max(512).optional(),
  /**
   * BullMQ's meaning: 1 is the highest. On a queue with `priorities: N` the job goes to level min(priority, N);
   * a queue without priority levels refuses it (it would silently run in log order).
   */
  priority: z.number().int().min(1).max(2_097_152).optional(),
  /**
   * Key-ordered queues (queue option `ordering: 'key'`) only: jobs with the same key run one at a time, in
   * the order they were added; jobs of different keys run in parallel. Refused on any other queue.
   */
  orderingKey: z.string().min(1).max(512).optional(),
  /**
   * BullMQ's deduplication: while the job of the first add with this `id` has not finished (no ttl), or for
   * `ttl` ms from that add (throttle mode), a later add with the same id is not enqueued and resolves to it.
   */
  deduplication: z
    .strictObject({
      id: z.string().min(1).max(512),
      ttl: z.number().int().positive().max(MAX_DEDUP_TTL_MS).optional(),
    })
    .optional(),
});

export type JobOptions = z.input<typeof jobOptionsSchema>;
export type DefaultJobOptions = z.input<typeof defaultJobOptionsSchema>;

/** What travels in the envelope. */
export interface CompiledJobOptions {
  attempts: number;
  backoff?: BackoffOptions;
  timeout?: number;
  /** The delay asked for at add time (informational; the schedule is envelope.dueAt). */
  delay?: number;
  /** The priority asked for at add time (informational; the level is `level`). */
  priority?: number;
  /** Its priority level when above the queue's lowest (priority/levels.ts); absent: the queue topic. */
  level?: number;
  /** The deduplication claim this job won (dedup/): released by the worker when the job finishes. */
  dedup?: DedupClaimOptions;
  /** Its key on a key-ordered queue (ordering/): also the record key, so one key lives in one partition. */
  orderingKey?: string;
}

export interface DedupClaimOptions {
  /** `job:<jobId>` or `dedup:<deduplication.id>`. */
  key: string;
  /** This add's claim; a release names it, so a stale release never frees a newer claim. */
  token: string;
  /** Throttle mode: the claim lasts this long and is never released early. */
  ttl?: number;
}

export function normaliseBackoff(backoff: BackoffInput | undefined): BackoffOptions | undefined {
  if (backoff === undefined) return undefined;
  if (typeof backoff === 'number') return { type: 'fixed', delay: backoff };
  const out: BackoffOptions = { type: backoff.type, delay: backoff.delay ?? 0 };
  if (backoff.jitter !== undefined) out.jitter = backoff.jitter;
  if (backoff.maxDelay !== undefined) out.maxDelay = backoff.maxDelay;
  return out;
}

/** Merge per-job over queue defaults (both already parsed). */
export function compileJobOptions(
  opts: z.output<typeof jobOptionsSchema>,
  defaults: z.output<typeof defaultJobOptionsSchema>,
): CompiledJobOptions {
  const merged = { ...defaults, ...stripUndefined(opts) };
  const out: CompiledJobOptions = { attempts: merged.attempts ?? 1 };
  const backoff = normaliseBackoff(merged.backoff);
  if (backoff) out.backoff = backoff;
  if (merged.timeout !== undefined) out.timeout = merged.timeout;
  if (merged.delay !== undefined && merged.delay > 0) out.delay = merged.delay;
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
