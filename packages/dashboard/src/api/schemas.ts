/** What the API accepts: request bodies and query strings, parsed at the edge by zod. */
import { DEAD_JOB_REASONS } from '@sharq/core';
import { z } from 'zod';

export const deadJobFilterSchema = z.strictObject({
  name: z.string().min(1).max(256).optional(),
  reason: z.enum(DEAD_JOB_REASONS).optional(),
  by: z.enum(['worker', 'broker']).optional(),
  text: z.string().min(1).max(512).optional(),
});

const deadJobId = z.string().regex(/^\d{1,10}:\d{1,16}$/, 'dead job ids look like "<partition>:<offset>"');

/** Exactly one way of choosing: ids, a filter (all matching), or all. */
export const deadJobTargetSchema = z.union([
  z.strictObject({ ids: z.array(deadJobId).min(1).max(1_000) }),
  z.strictObject({ filter: deadJobFilterSchema }),
  z.strictObject({ all: z.literal(true) }),
]);
export type DeadJobTargetBody = z.output<typeof deadJobTargetSchema>;

export const loginSchema = z.strictObject({ token: z.string().min(1).max(512) });

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const deadListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(25),
  name: z.preprocess(emptyToUndefined, z.string().max(256).optional()),
  reason: z.preprocess(emptyToUndefined, z.enum(DEAD_JOB_REASONS).optional()),
  by: z.preprocess(emptyToUndefined, z.enum(['worker', 'broker']).optional()),
  text: z.preprocess(emptyToUndefined, z.string().max(512).optional()),
});
