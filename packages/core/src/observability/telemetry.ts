/**
 * The `telemetry` option of Queue and Worker: `{ tracer }`, an OpenTelemetry Tracer
 * (`trace.getTracer('my-app')` once an SDK is set up). Absent: no span, no header, no cost.
 */
import type { Tracer } from '@opentelemetry/api';
import { z } from 'zod';

export interface SharqTelemetry {
  tracer: Tracer;
}

export const telemetrySchema = z.strictObject({
  tracer: z.custom<Tracer>(
    (value) =>
      typeof value === 'object' && value !== null && typeof (value as Tracer).startSpan === 'function',
    { message: 'telemetry.tracer must be an OpenTelemetry Tracer (trace.getTracer(name))' },
  ),
});

/** Attribute names shared by the producer and the worker spans. */
export const SHARQ_ATTR = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  operation: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  batchCount: 'messaging.batch.message_count',
  jobName: 'sharq.job.name',
  attempt: 'sharq.job.attempt',
  outcome: 'sharq.job.outcome',
} as const;
