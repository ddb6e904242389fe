import { DLQ_HEADER } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue } from '../helpers/kafka.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe('Worker on Kafka: attempts, backoff, delays', () => {
  it('a job is tried exactly `attempts` times, then dead-lettered with its error', async () => {
    const q = kafkaQueue();
    current = q;
    const job = await q.queue.add('flaky', { n: 1 }, { attempts: 3 });
    const attempts: number[] = [];
    q.worker(async (j) => {
      attempts.push(j.attempt);
      throw new Error(`failure #${j.attempt}`);
    });
    const dlq = await eventually(async () => {
      const records = await q.queue.engine.readTopic(q.queue.topology.dlqTopic);
      return records.length > 0 ? records : undefined;
    }, 30_000);
    expect(attempts).toEqual([1, 2, 3]);
    expect(dlq).toHaveLength(1);
    const headers = dlq[0]?.headers ?? {};
    expect(headers[DLQ_HEADER.reason]?.toString()).toBe('failed');
    expect(headers[DLQ_HEADER.error]?.toString()).toBe('failure #3');
    expect(headers[DLQ_HEADER.attempts]?.toString()).toBe('3');
    expect(dlq[0]?.key?.toString()).toBe(job.id);
  });

  it('backoff retries are spaced as configured (±20 %)', async () => {
    const q = kafkaQueue();
    current = q;
    await q.queue.add('backoff', {}, { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } });
    const startedAt: number[] = [];
    const worker = q.worker(async (j) => {
      startedAt.push(Date.now());
      if (j.attempt < 3) throw new Error('again');
      return 'ok';
    });
    await new Promise((resolve) => worker.once('completed', resolve));
    const gaps = [startedAt[1]! - startedAt[0]!, startedAt[2]! - startedAt[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000 * 0.8);
    expect(gaps[0]).toBeLessThanOrEqual(2_000 * 1.2);
    expect(gaps[1]).toBeGreaterThanOrEqual(4_000 * 0.8);
    expect(gaps[1]).toBeLessThanOrEqual(4_000 * 1.2);
  });

  it('delayed jobs start within 1 s of when they are due', async () => {
    const q = kafkaQueue();
    current = q;
    const lateness = new Map<string, number>();
    const worker = q.worker(async (j) => {
      lateness.set(j.id, Date.now() - (j.envelope.dueAt ?? Number.NaN));
    });
    await worker.waitUntilReady();
    // Warm-up: the worker's delay forwarder joins its classic group; measure once it forwards.
    const warmup = await q.queue.add('warmup', {}, { delay: 1_000 });
    await eventually(() => (lateness.has(warmup.id) ? true : undefined), 30_000);
    lateness.clear();
    const delays = [1_500, 3_000, 6_500];
    for (const delay of delays) await q.queue.add('later', { delay }, { delay });
    await eventually(() => (lateness.size === delays.length ? true : undefined), 20_000);
    console.log('delayed job lateness (ms):', [...lateness.values()]);
    for (const late of lateness.values()) {
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThanOrEqual(1_000);
    }
  });
});
