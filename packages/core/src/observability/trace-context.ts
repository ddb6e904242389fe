/**
 * W3C trace context on job records: the `traceparent` header (version 00) carries the producer span to the
 * worker. Written and read here rather than through the global propagator, so it works whether or not the
 * application registered one (a bare BasicTracerProvider registers none).
 *
 *   traceparent         00-<32 hex trace id>-<16 hex span id>-<2 hex flags>
 *   sharq-trace-link    "1" on records of an addBulk: the worker links its span to the bulk add's span
 *                       instead of making it a child (one bulk span would otherwise parent thousands).
 */
import { type SpanContext, TraceFlags } from '@opentelemetry/api';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACE_LINK_HEADER = 'sharq-trace-link';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function formatTraceparent(span: SpanContext): string {
  const flags = (span.traceFlags & TraceFlags.SAMPLED ? 1 : 0).toString(16).padStart(2, '0');
  return `00-${span.traceId}-${span.spanId}-${flags}`;
}

/** The remote span context a record carries, or undefined (no header, or not a valid one). */
export function parseTraceparent(value: string | Buffer | undefined): SpanContext | undefined {
  if (value === undefined) return undefined;
  const match = TRACEPARENT.exec(value.toString().trim());
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & 1, isRemote: true };
}
