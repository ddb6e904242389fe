import { describe, expect, it, vi } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import type { Engine, OutgoingRecord, ProducedRecord } from '../../src/engine/engine.js';
import { decodeEnvelope, ProduceBatcher, Queue } from '../../src/index.js';

/** Counts produce calls per topic while delegating to a real engine. */
function countingEngine(inner: EmbeddedEngine): { engine: Engine; calls: Map<string, number[]> } {
  const calls = new Map<string, number[]>();
  const engine = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'produce') {
        return (topic: string, records: OutgoingRecord[]): Promise<ProducedRecord[]> => {
          const list = calls.get(topic) ?? [];
          list.push(records.length);
          calls.set(topic, list);
          return target.produce(topic, records);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, calls };
}

describe('Queue.add coalescing', () => {
  it('coalesces 1000 concurrent add() calls into a few produce calls, each caller getting its own job', async () => {
    const inner = new EmbeddedEngine();
    const { engine, calls } = countingEngine(inner);
    const queue = new Queue<{ i: number }>('coalesce', { connection: engine });
    await queue.waitUntilReady();
    const jobs = await Promise.all(Array.from({ length: 1000 }, (_, i) => queue.add('n', { i })));
    const batches = calls.get(queue.topology.topic) ?? [];
    expect(batches.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(batches.length).toBeLessThanOrEqual(4);
    const stored = await inner.readTopic(queue.topology.topic);
    const byId = new Map(
      stored.map((record) => {
        const decoded = decodeEnvelope(record);
        if (!decoded.ok) throw new Error(decoded.reason);
        return [decoded.envelope.id, decoded.envelope.data];
      }),
    );
    jobs.forEach((job, i) => {
      expect(byId.get(job.id)).toEqual({ i });
    });
    await queue.close();
    await inner.close();
  });

  it('without a linger, a batch goes out in the next check phase, not after a 1 ms timer', async () => {
    const inner = new EmbeddedEngine();
    await inner.ensureTopic({ name: 't', partitions: 1 });
    const { engine, calls } = countingEngine(inner);
    const batcher = new ProduceBatcher(engine);
    // Timeouts frozen: a batch that waited for one (even of 0 ms) would not go out below.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let sent: Promise<unknown>;
    try {
      sent = batcher.send('t', { key: 'a', value: Buffer.from('1') });
      // An immediate queued after send() runs after the batcher's: by then the batch has been handed over.
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls.get('t')).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
    await sent;
    await batcher.close();
    await inner.close();
  });

  it('addBulk sends big batches and routes delayed items to the buckets in the same flush', async () => {
    const inner = new EmbeddedEngine();
    const { engine, calls } = countingEngine(inner);
    const queue = new Queue<number>('bulk', { connection: engine, batch: { maxSize: 10_000 } });
    await queue.waitUntilReady();
    const items = Array.from({ length: 5000 }, (_, i) => ({
      name: 'n',
      data: i,
      opts: i % 1000 === 0 ? { delay: 60_000 } : {},
    }));
    await queue.addBulk(items);
    const batches = calls.get(queue.topology.topic) ?? [];
    expect(batches.reduce((a, b) => a + b, 0)).toBe(4995);
    expect(batches.length).toBeLessThanOrEqual(3);
    const bucket = queue.topology.delayBuckets.find((b) => b.bucketMs === 30_000);
    expect(calls.get(bucket?.topic ?? '')).toEqual([5]);
    await queue.close();
    await inner.close();
  });

  it('rejects every caller of a failed batch and none of another topic', async () => {
    const inner = new EmbeddedEngine();
    await inner.ensureTopic({ name: 'ok', partitions: 1 });
    const batcher = new ProduceBatcher(inner);
    const results = await Promise.allSettled([
      batcher.send('ok', { value: 'a' }),
      batcher.send('missing', { value: 'b' }),
      batcher.send('missing', { value: 'c' }),
      batcher.send('ok', { value: 'd' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(batcher.produceCalls).toBe(2);
    await batcher.close();
    await expect(batcher.send('ok', { value: 'e' })).rejects.toMatchObject({ code: 'CLOSED' });
    await inner.close();
  });

  it('cuts batches by bytes so no produce exceeds a broker record-batch limit', async () => {
    const inner = new EmbeddedEngine();
    const { engine, calls } = countingEngine(inner);
    const queue = new Queue<string>('bytes', { connection: engine });
    await queue.waitUntilReady();
    const big = 'x'.repeat(20_000);
    await queue.addBulk(Array.from({ length: 100 }, () => ({ name: 'n', data: big })));
    const batches = calls.get(queue.topology.topic) ?? [];
    expect(batches.reduce((a, b) => a + b, 0)).toBe(100);
    // 768 KiB per call → at most 39 records of ~20 KB each.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...batches)).toBeLessThanOrEqual(39);
    await queue.close();
    await inner.close();
  });
});
