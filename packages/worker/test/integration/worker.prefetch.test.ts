import type { Job } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../helpers/kafka.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** Every run of every job: who ran it, with which attempt and delivery count. */
function runLog() {
  const runs = new Map<string, { name: string; attempt: number; deliveryCount: number; by: string }[]>();
  return {
    runs,
    record(job: Job, by: string) {
      const list = runs.get(job.id) ?? [];
      list.push({ name: job.name, attempt: job.attempt, deliveryCount: job.deliveryCount, by });
      runs.set(job.id, list);
    },
    all: () => [...runs.values()].flat(),
  };
}

describe('Worker on Kafka: streaming acquisition (prefetch window)', () => {
  it('a 5 s job with a 2 s lock runs once, also when it waited behind another one in the window', async () => {
    const q = kafkaQueue({ lockDurationMs: 2_000 });
    current = q;
    const log = runLog();
    // Quick jobs first: the worker measures them and opens a wide window, so it acquires the two long
    // jobs together; the second waits ~5 s for the single slot with a 2 s lock, renewed meanwhile.
    const added = await q.queue.addBulk([
      ...Array.from({ length: 10 }, (_, i) => ({ name: 'quick', data: i })),
      { name: 'long', data: 'a' },
      { name: 'long', data: 'b' },
    ]);
    const worker = q.worker(
      async (job) => {
        log.record(job, 'w');
        if (job.name === 'long') await sleep(5_000);
        return job.data;
      },
      { concurrency: 1 },
    );
    let completed = 0;
    worker.on('completed', () => completed++);
    await eventually(() => (completed === added.length ? true : undefined), 60_000);
    // Give a lapsed lock time to show up as a second delivery.
    await sleep(2_500);
    expect(log.runs.size).toBe(added.length);
    for (const [id, runs] of log.runs) {
      expect(runs, id).toHaveLength(1);
      expect(runs[0]).toMatchObject({ attempt: 1, deliveryCount: 1 });
    }
  }, 90_000);

  it('200 jobs of 3 s at concurrency 10, 10 s lock: none runs twice, no delivery attempt burnt by waiting', async () => {
    const q = kafkaQueue({ lockDurationMs: 10_000 });
    current = q;
    const log = runLog();
    const total = 200;
    await q.queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'slow', data: i })));
    let peakHeld = 0;
    // Sampled between turns of the event loop (not inside the loop that starts a batch).
    const sampler = setInterval(() => {
      peakHeld = Math.max(peakHeld, worker.prefetchedCount);
    }, 20);
    const worker = q.worker(
      async (job) => {
        log.record(job, 'w');
        await sleep(3_000);
        return job.data;
      },
      { concurrency: 10 },
    );
    let completed = 0;
    worker.on('completed', () => completed++);
    await eventually(() => (completed === total ? true : undefined), 150_000);
    clearInterval(sampler);
    await sleep(1_000);
    expect(log.runs.size).toBe(total);
    const all = log.all();
    expect(all).toHaveLength(total);
    expect(all.every((run) => run.attempt === 1 && run.deliveryCount === 1)).toBe(true);
    // Slow jobs keep little ahead: at most what starts within a second (10 slots × 3 s jobs → 1 record).
    expect(peakHeld).toBeLessThanOrEqual(3);
  }, 180_000);

  it('close() hands every held record back at once; another worker completes them with their attempts intact', async () => {
    const q = kafkaQueue({ lockDurationMs: 30_000 });
    current = q;
    const log = runLog();
    let releaseBlockers!: () => void;
    const blockersDone = new Promise<void>((resolve) => {
      releaseBlockers = resolve;
    });
    const held = 30;
    const added = await q.queue.addBulk([
      ...Array.from({ length: 4 }, (_, i) => ({ name: 'warm', data: i })),
      { name: 'block', data: 'x' },
      { name: 'block', data: 'y' },
      ...Array.from({ length: held }, (_, i) => ({ name: 'after', data: i })),
    ]);
    const first = q.worker(
      async (job) => {
        log.record(job, 'first');
        if (job.name === 'block') await blockersDone;
        return job.data;
      },
      { concurrency: 2 },
    );
    // The warm-up jobs open the window; the blockers then hold both slots with the rest acquired behind them.
    await eventually(() => (first.activeCount === 2 && first.prefetchedCount > 0 ? true : undefined), 30_000);
    await sleep(500);
    const heldAtClose = first.prefetchedCount;
    expect(heldAtClose).toBeGreaterThan(0);
    const closedAt = Date.now();
    const closing = first.close({ timeout: 5_000 });
    releaseBlockers();
    await closing;
    const second = q.worker(
      async (job) => {
        log.record(job, 'second');
        return job.data;
      },
      { concurrency: 10 },
    );
    await eventually(() => (log.runs.size === added.length ? true : undefined), 60_000);
    // Handed back at close, not left to the 30 s lock.
    expect(Date.now() - closedAt).toBeLessThan(25_000);
    await sleep(1_000);
    await second.close();
    const all = log.all();
    // Nothing lost, nothing run twice.
    expect(log.runs.size).toBe(added.length);
    expect(all).toHaveLength(added.length);
    const bySecond = all.filter((run) => run.by === 'second');
    expect(bySecond.length).toBeGreaterThanOrEqual(heldAtClose);
    // The delivery-count effect: the copies arrive as first deliveries, attempt 1 (a RELEASE would make it 2).
    expect(bySecond.every((run) => run.attempt === 1 && run.deliveryCount === 1)).toBe(true);
  }, 120_000);
});
