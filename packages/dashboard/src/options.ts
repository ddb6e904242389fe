/**
 * startDashboard options, parsed once (zod) into a frozen, fully-defaulted object.
 *
 *   connection     Kafka connection options ({ brokers, ssl?, sasl?, ... }) — required
 *   queues         explicit queue names; omitted → every share group named `<prefix>.<q>`
 *   prefix         topic/group prefix of the queues (default 'sharq')
 *   host / port    where to listen (127.0.0.1, 0 = a free port)
 *   token          required to read (login form → cookie, or Authorization: Bearer) and to act.
 *                  Omitted and not readOnly → a random one is generated and returned, so a
 *                  mutating call never goes through without one.
 *   readOnly       no replay/discard at all (403), buttons hidden
 *   stuckAfterMs   a job held longer than this is "stuck" (also: delivered 2+ times)
 *   refreshMs      how long one queue snapshot is reused across requests (and the page's poll)
 *   bodyLimitBytes request bodies above this → 413
 *   metricsPort    also serve /metrics on this port without the token (for Prometheus); omitted → only
 *                  the dashboard's own /metrics, which needs the token like the API
 *   metricsHost    where the scrape port listens (default: host)
 */
import type { KafkaConnectionOptions } from '@sharq/core';
import { parseOptions } from '@sharq/core';
import type { Logger } from 'pino';
import { z } from 'zod';

const queueName = z.string().regex(/^[A-Za-z0-9_-]{1,180}$/, 'queue names are 1-180 of [A-Za-z0-9_-]');

const connectionSchema = z.custom<KafkaConnectionOptions>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as { brokers?: unknown }).brokers) &&
    (v as { brokers: unknown[] }).brokers.length > 0,
  { message: 'connection must be Kafka options with at least one broker: { brokers: ["host:port"] }' },
);

const loggerSchema = z.custom<Logger>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Logger).error === 'function',
  { message: 'logger must be a pino logger' },
);

export const dashboardOptionsSchema = z.strictObject({
  connection: connectionSchema,
  queues: z.array(queueName).min(1).optional(),
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('sharq'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(0),
  token: z.string().min(8, 'token: at least 8 characters').max(512).optional(),
  readOnly: z.boolean().default(false),
  stuckAfterMs: z.number().int().min(1).default(60_000),
  refreshMs: z.number().int().min(100).max(60_000).default(2_000),
  bodyLimitBytes: z
    .number()
    .int()
    .min(1_024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  logger: loggerSchema.optional(),
  metricsPort: z.number().int().min(0).max(65_535).optional(),
  metricsHost: z.string().min(1).optional(),
});

export type DashboardOptions = z.input<typeof dashboardOptionsSchema>;
export type CompiledDashboardOptions = Readonly<z.output<typeof dashboardOptionsSchema>>;

export function compileDashboardOptions(input: unknown): CompiledDashboardOptions {
  return Object.freeze(parseOptions(dashboardOptionsSchema, input));
}
