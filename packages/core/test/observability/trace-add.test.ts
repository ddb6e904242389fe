import { useCaseEngines } from '@sharq/testkit/vitest';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { parseTraceparent, Queue, TRACE_LINK_HEADER, TRACEPARENT_HEADER } from '../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracer: provider.getTracer('sharq-test') };
}

describe('Queue telemetry option', () => {
  it('add: one producer span per add, its traceparent on the record', async () => {
    const engine = freshEngine();
    const { exporter, tracer } = tracing();
    const queue = new Queue<{ n: number }>('traced', { connection: engine, telemetry: { tracer } });
    const job = await queue.add('welcome', { n: 1 }, { jobId: 'j-1' });
    const [span] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(span?.name).toBe('send traced');
    expect(span?.attributes).toMatchObject({
      'messaging.system': 'sharq',
      'messaging.destination.name': 'traced',
      'messaging.message.id': 'j-1',
      'sharq.job.name': 'welcome',
    });
    const [record] = await engine.readTopic(queue.topology.topic);
    const carried = parseTraceparent(record?.headers[TRACEPARENT_HEADER]);
    expect(carried).toMatchObject({
      traceId: span?.spanContext().traceId,
      spanId: span?.spanContext().spanId,
    });
    expect(record?.headers[TRACE_LINK_HEADER]).toBeUndefined();
    expect(job.id).toBe('j-1');
    await queue.close();
  });

  it('addBulk: one span for the batch; every record carries it with the link marker', async () => {
    const engine = freshEngine();
    const { exporter, tracer } = tracing();
    const queue = new Queue<{ n: number }>('traced-bulk', { connection: engine, telemetry: { tracer } });
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n } })));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes['messaging.batch.message_count']).toBe(3);
    const records = await engine.readTopic(queue.topology.topic);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(parseTraceparent(record.headers[TRACEPARENT_HEADER])?.spanId).toBe(
        spans[0]?.spanContext().spanId,
      );
      expect(record.headers[TRACE_LINK_HEADER]?.toString()).toBe('1');
    }
    await queue.close();
  });

  it('without the option: no header', async () => {
    const engine = freshEngine();
    const queue = new Queue<{ n: number }>('untraced', { connection: engine });
    await queue.add('n', { n: 1 });
    const [record] = await engine.readTopic(queue.topology.topic);
    expect(record?.headers[TRACEPARENT_HEADER]).toBeUndefined();
    await queue.close();
  });

  it('parses only valid traceparents', () => {
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      isRemote: true,
    });
    expect(parseTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(parseTraceparent(undefined)).toBeUndefined();
  });
});
