import type { JobOptions } from '@sharq/core';
import { z } from 'zod';
import { UsageError } from '../errors.js';

export const jobFlagsSchema = z.object({
  attempts: z.coerce.number().int().min(1).max(1000).optional(),
  delay: z.coerce.number().int().min(0).optional(),
  timeout: z.coerce.number().int().min(1).optional(),
  backoff: z.string().optional(),
  jobId: z.string().min(1).optional(),
  orderingKey: z.string().min(1).optional(),
});

export type JobFlags = z.output<typeof jobFlagsSchema>;

/** `--backoff fixed:1000` / `exponential:500` / `1000` (fixed) → BullMQ-shaped backoff options. */
export function parseBackoff(text: string): NonNullable<JobOptions['backoff']> {
  const match = /^(?:(fixed|exponential|jitter):)?(\d+)$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--backoff: expected <ms> or fixed:<ms> | exponential:<ms> | jitter:<ms>, got "${text}"`,
    );
  const type = (match[1] ?? 'fixed') as 'fixed' | 'exponential' | 'jitter';
  const delay = Number(match[2]);
  return { type, delay };
}

/** Flags shared by every job of one `sharq add` (per-line opts override them). */
export function jobOptionsFromFlags(flags: JobFlags): JobOptions {
  const opts: JobOptions = {};
  if (flags.attempts !== undefined) opts.attempts = flags.attempts;
  if (flags.delay !== undefined) opts.delay = flags.delay;
  if (flags.timeout !== undefined) opts.timeout = flags.timeout;
  if (flags.backoff !== undefined) opts.backoff = parseBackoff(flags.backoff);
  if (flags.jobId !== undefined) opts.jobId = flags.jobId;
  if (flags.orderingKey !== undefined) opts.orderingKey = flags.orderingKey;
  return opts;
}
