/**
 * Queue and Worker with the telemetry option, in-memory exporter, embedded engine: the processing span is
 * the add span's child (same trace, parent = the add span), with queue, job id, attempt and outcome; a
 * retry and a dead-lettering are span events; a bulk add's jobs link to the bulk span instead.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { EmbeddedEngine, Queue } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(name: string, processor: (job: { name: string; attempt: number }) => Promise<string>) {
  const engine = new EmbeddedEngine();
  cleanup.push(() => engine.close());
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('sharq-test');
  const queue = new Queue<{ n: number }>(name, {
    connection: engine,
    telemetry: { tracer },
    lockDurationMs: 1_000,
  });
  cleanup.push(() => queue.close());
  const worker = new Worker<{ n: number }>(name, processor, {
    connection: engine,
    telemetry: { tracer },
    lockDurationMs: 1_000,
    drainDelayMs: 50,
  });
  cleanup.push(() => worker.close());
  return { exporter, queue, worker };
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const named = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

describe('Worker telemetry option', () => {
  it('the processing span is the child of the add span, with queue, job id, attempt and outcome', async () => {
    const { exporter, queue } = await setup('traced-ok', async () => 'done');
    await queue.add('welcome', { n: 1 }, { jobId: 'job-1' });
    await until(
      () => named(exporter.getFinishedSpans(), 'process traced-ok').length === 1,
      'the processing span',
    );
    const [send] = named(exporter.getFinishedSpans(), 'send traced-ok');
    const [processing] = named(exporter.getFinishedSpans(), 'process traced-ok');
    expect(processing?.spanContext().traceId).toBe(send?.spanContext().traceId);
    expect(processing?.parentSpanContext?.spanId).toBe(send?.spanContext().spanId);
    expect(processing?.attributes).toMatchObject({
      'messaging.destination.name': 'traced-ok',
      'messaging.message.id': 'job-1',
      'sharq.job.name': 'welcome',
      'sharq.job.attempt': 1,
      'sharq.job.outcome': 'completed',
    });
    expect(processing?.status.code).toBe(1); // OK
  });

  it('a retry and a dead-lettering appear as span events, one span per attempt', async () => {
    const { exporter, queue } = await setup('traced-fail', async () => {
      throw new Error('refused');
    });
    await queue.add('charge', { n: 2 }, { jobId: 'job-2', attempts: 2 });
    await until(() => named(exporter.getFinishedSpans(), 'process traced-fail').length === 2, 'two attempts');
    const [first, second] = named(exporter.getFinishedSpans(), 'process traced-fail').sort(
      (a, b) => Number(a.attributes['sharq.job.attempt']) - Number(b.attributes['sharq.job.attempt']),
    );
    expect(first?.attributes).toMatchObject({ 'sharq.job.attempt': 1, 'sharq.job.outcome': 'retry' });
    expect(first?.events.map((e) => e.name)).toContain('sharq.retry');
    expect(second?.attributes).toMatchObject({ 'sharq.job.attempt': 2, 'sharq.job.outcome': 'dead' });
    expect(second?.events.find((e) => e.name === 'sharq.dead_letter')?.attributes).toMatchObject({
      'sharq.dead.reason': 'failed',
    });
    expect(second?.events.some((e) => e.name === 'exception')).toBe(true);
    expect(second?.status.code).toBe(2); // ERROR
    const [send] = named(exporter.getFinishedSpans(), 'send traced-fail');
    // An immediate retry is the same record: both attempts are children of the add.
    expect(first?.parentSpanContext?.spanId).toBe(send?.spanContext().spanId);
    expect(second?.parentSpanContext?.spanId).toBe(send?.spanContext().spanId);
  });

  it("a bulk add's jobs link to the bulk span instead of being its children", async () => {
    const { exporter, queue } = await setup('traced-bulk', async () => 'done');
    await queue.addBulk([1, 2].map((n) => ({ name: 'n', data: { n } })));
    await until(
      () => named(exporter.getFinishedSpans(), 'process traced-bulk').length === 2,
      'two processing spans',
    );
    const [send] = named(exporter.getFinishedSpans(), 'send traced-bulk');
    for (const span of named(exporter.getFinishedSpans(), 'process traced-bulk')) {
      expect(span.parentSpanContext).toBeUndefined();
      expect(span.links.map((l) => l.context.spanId)).toEqual([send?.spanContext().spanId]);
    }
  });
});
