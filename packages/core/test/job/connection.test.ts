import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { acquireEngine, closeEmbeddedEngine, isEngine, Queue, ValidationError } from '../../src/index.js';
import { KafkaEngine } from '../../src/kafka/engine.js';

describe('acquireEngine', () => {
  it('{ embedded: true } is one process-wide engine that outlives queue.close()', async () => {
    const a = acquireEngine({ embedded: true });
    const b = acquireEngine({ embedded: true });
    expect(a.engine).toBe(b.engine);
    expect(a.engine).toBeInstanceOf(EmbeddedEngine);
    const queue = new Queue<number>('conn-embedded', { connection: { embedded: true } });
    await queue.add('n', 1);
    await queue.close();
    await a.release();
    await b.release();
    // A queue created later in the same process sees the job.
    const again = new Queue<number>('conn-embedded', { connection: { embedded: true } });
    expect((await again.getCounts()).waiting).toBe(1);
    await again.close();
    await closeEmbeddedEngine();
    const fresh = acquireEngine({ embedded: true });
    expect(fresh.engine).not.toBe(a.engine);
    await closeEmbeddedEngine();
  });

  it('an Engine instance is used as is and never closed by release()', async () => {
    const engine = new EmbeddedEngine();
    expect(isEngine(engine)).toBe(true);
    expect(isEngine({ brokers: [] })).toBe(false);
    const lease = acquireEngine(engine);
    expect(lease.engine).toBe(engine);
    await lease.release();
    await engine.ensureTopic({ name: 'still-open', partitions: 1 });
    await engine.close();
  });

  it('Kafka options share one engine per equal options, refcounted; construction does not connect', async () => {
    const a = acquireEngine({ brokers: ['127.0.0.1:1'] });
    const b = acquireEngine({ brokers: ['127.0.0.1:1'] });
    const c = acquireEngine({ brokers: ['127.0.0.1:1'], clientId: 'other' });
    expect(a.engine).toBeInstanceOf(KafkaEngine);
    expect(a.engine).toBe(b.engine);
    expect(c.engine).not.toBe(a.engine);
    await a.release();
    await a.release(); // idempotent: does not drop b's reference
    const d = acquireEngine({ brokers: ['127.0.0.1:1'] });
    expect(d.engine).toBe(b.engine);
    await b.release();
    await d.release();
    const e = acquireEngine({ brokers: ['127.0.0.1:1'] });
    expect(e.engine).not.toBe(a.engine);
    await e.release();
    await c.release();
  });

  it('rejects what is not a connection', () => {
    expect(() => acquireEngine(null as never)).toThrow(ValidationError);
    expect(() => acquireEngine(null as never)).toThrow(
      'connection: must be Kafka options ({ brokers }), { embedded: true } or an Engine',
    );
    expect(() => acquireEngine({ embedded: false } as never)).toThrow('connection.embedded: must be true');
    expect(() => acquireEngine({ brokers: [] })).toThrow('kafka.brokers: at least one broker is required');
  });
});
