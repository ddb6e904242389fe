/**
 * The worker's processing span per attempt, from the Worker's public events (the `telemetry` option):
 *
 *   active     → span `process <queue>` (kind CONSUMER), child of the add span whose traceparent the record
 *                carries, or linked to it for an addBulk record (sharq-trace-link); attributes: queue, job id,
 *                job name, attempt
 *   completed  → outcome completed, status OK
 *   failed     → the error recorded; outcome retry (span event sharq.retry with the delay) or dead (span
 *                event sharq.dead_letter with the reason: the job goes to the DLQ), status ERROR
 *   duplicate / lockLost → outcome duplicate / lock_lost, status ERROR
 *
 * A retry that waits in a delay bucket is a new record: its attempt starts a new trace.
 */
import {
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
} from '@opentelemetry/api';
import {
  type Job,
  parseTraceparent,
  SHARQ_ATTR,
  type SharqTelemetry,
  TRACE_LINK_HEADER,
  TRACEPARENT_HEADER,
} from '@sharq/core';
import type { Worker } from '../runtime/worker.js';

export function traceJobs<D, R>(worker: Worker<D, R>, telemetry: SharqTelemetry): void {
  const spans = new WeakMap<Job<D, R>, Span>();
  const queue = worker.name;
  const end = (job: Job<D, R>, outcome: string, error?: Error) => {
    const span = spans.get(job);
    if (!span) return;
    spans.delete(job);
    span.setAttribute(SHARQ_ATTR.outcome, outcome);
    if (error) {
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else {
      span.setStatus({ code: SpanStatusCode.OK });
    }
    span.end();
  };
  worker.on('active', (job) => {
    const headers = job.record?.headers ?? {};
    const remote = parseTraceparent(headers[TRACEPARENT_HEADER]);
    const linked = remote !== undefined && headers[TRACE_LINK_HEADER]?.toString() === '1';
    const links: Link[] = linked ? [{ context: remote as SpanContext }] : [];
    const parent = remote && !linked ? trace.setSpanContext(context.active(), remote) : context.active();
    const span = telemetry.tracer.startSpan(
      `process ${queue}`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: {
          [SHARQ_ATTR.system]: 'sharq',
          [SHARQ_ATTR.destination]: queue,
          [SHARQ_ATTR.operation]: 'process',
          [SHARQ_ATTR.messageId]: job.id,
          [SHARQ_ATTR.jobName]: job.name,
          [SHARQ_ATTR.attempt]: job.attempt,
        },
      },
      parent,
    );
    spans.set(job, span);
  });
  worker.on('completed', (job) => end(job, 'completed'));
  worker.on('failed', (job, error, outcome) => {
    const span = spans.get(job);
    if (outcome.kind === 'retry') span?.addEvent('sharq.retry', { 'sharq.retry.delay_ms': outcome.delayMs });
    else span?.addEvent('sharq.dead_letter', { 'sharq.dead.reason': outcome.reason });
    end(job, outcome.kind, error);
  });
  worker.on('duplicate', (job, error) => end(job, 'duplicate', error));
  worker.on('lockLost', (job, error) => end(job, 'lock_lost', error));
}
