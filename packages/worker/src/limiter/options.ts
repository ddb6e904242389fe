import { type Job, parseOptions } from '@sharq/core';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Where the limiter logs its outage warnings (a pino logger fits; default: pino on stderr). */
export interface LimiterLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the key function sees jobs of any Data type
type AnyJob = Job<any, any>;

function isRedisClient(value: unknown): value is Redis {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.evalsha === 'function' && typeof v.eval === 'function' && typeof v.status === 'string';
}

function isLogger(value: unknown): value is LimiterLogger {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.warn === 'function' && typeof v.info === 'function';
}

const positiveInt = z.number().int().positive();

/** A rate: at most `max` job starts per `duration` ms (with bursts of up to `max` after idle time). */
const rateSchema = z.object({
  max: positiveInt.max(1_000_000),
  duration: positiveInt.max(86_400_000),
});

export const limiterOptionsSchema = z
  .object({
    /** Queue-wide: at most `max` job starts per `duration` ms, across every worker process of the queue. */
    max: rateSchema.shape.max,
    duration: rateSchema.shape.duration,
    /** 'redis://…' / 'rediss://…' (the limiter opens and closes its own connection) or your ioredis instance. */
    redis: z.union([
      z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL'),
      z.custom<Redis>(isRedisClient, { message: 'expected an ioredis client' }),
    ]),
    /** The job's rate-limit key (e.g. its tenant); undefined/'' → only the queue-wide limit applies. */
    key: z
      .custom<(job: AnyJob) => string | undefined>((v) => typeof v === 'function', {
        message: 'expected a function (job) => string | undefined',
      })
      .optional(),
    /** Per-key limits by key value. */
    keys: z.record(z.string(), rateSchema).default({}),
    /** Limit for keys not listed in `keys` (none → such keys only obey the queue-wide limit). */
    keyDefault: rateSchema.optional(),
    /** Redis unreachable or slow: true → process without limits (warns once per outage); false → stop starting jobs until it is back. */
    failOpen: z.boolean().default(false),
    /** A job whose key frees up within this many ms is held (lock renewed) instead of re-enqueued. */
    maxHoldMs: z.number().int().min(0).max(60_000).default(1_000),
    /** A Redis call slower than this counts as a Redis fault. */
    timeoutMs: z.number().int().min(10).max(60_000).default(1_000),
    logger: z
      .custom<LimiterLogger>(isLogger, { message: 'expected a logger with warn() and info()' })
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const perKey = Object.keys(value.keys).length > 0 || value.keyDefault !== undefined;
    if (perKey && !value.key) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'keys/keyDefault need a key function (job) => string',
      });
    }
  });

export type LimiterOptions = z.input<typeof limiterOptionsSchema>;
export type ResolvedLimiterOptions = Readonly<z.output<typeof limiterOptionsSchema>>;

/** Parses the `limiter` worker option once; errors name the field under `limiter.`. */
export function parseLimiterOptions(input: unknown): ResolvedLimiterOptions {
  return Object.freeze(parseOptions(limiterOptionsSchema, input, 'limiter'));
}
