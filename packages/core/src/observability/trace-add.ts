/**
 * The producer span of Queue.add / addBulk: `send <queue>` (kind PRODUCER), ended when the records are
 * durably written (error status if the produce failed). Each record gets the span's traceparent; records of
 * an addBulk also get sharq-trace-link so their workers link to it instead of becoming its children.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { OutgoingRecord } from '../engine/engine.js';
import { SHARQ_ATTR, type SharqTelemetry } from './telemetry.js';
import { formatTraceparent, TRACE_LINK_HEADER, TRACEPARENT_HEADER } from './trace-context.js';

export interface TracedJob {
  id: string;
  name: string;
  record: OutgoingRecord;
}

export async function traceAdd<T>(
  telemetry: SharqTelemetry,
  queue: string,
  jobs: readonly TracedJob[],
  bulk: boolean,
  produce: () => Promise<T>,
): Promise<T> {
  const [first] = jobs;
  const span = telemetry.tracer.startSpan(`send ${queue}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [SHARQ_ATTR.system]: 'sharq',
      [SHARQ_ATTR.destination]: queue,
      [SHARQ_ATTR.operation]: 'send',
      ...(bulk ? { [SHARQ_ATTR.batchCount]: jobs.length } : {}),
      ...(!bulk && first ? { [SHARQ_ATTR.messageId]: first.id, [SHARQ_ATTR.jobName]: first.name } : {}),
    },
  });
  const traceparent = formatTraceparent(span.spanContext());
  for (const job of jobs) {
    job.record.headers = {
      ...job.record.headers,
      [TRACEPARENT_HEADER]: traceparent,
      ...(bulk ? { [TRACE_LINK_HEADER]: '1' } : {}),
    };
  }
  try {
    const result = await produce();
    span.setStatus({ code: SpanStatusCode.OK });
    return result;
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}
