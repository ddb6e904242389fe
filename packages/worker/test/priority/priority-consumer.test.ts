import { EmbeddedEngine, type Job, Queue } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { LOCK_MS, sleep } from '../helpers/embedded.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function setup(levels: number) {
  const engine = new EmbeddedEngine();
  const name = uniqueName('wpr');
  const queue = new Queue<{ n: number }>(name, { connection: engine, priorities: levels });
  open.push(queue);
  const started: string[] = [];
  const start = (processor: (job: Job<{ n: number }, unknown>) => Promise<unknown>, concurrency = 1) => {
    const worker = new Worker<{ n: number }, unknown>(
      name,
      async (job) => {
        started.push(job.name);
        return processor(job);
      },
      { connection: engine, lockDurationMs: LOCK_MS, drainDelayMs: 50, concurrency, priorities: levels },
    );
    worker.on('error', (error) => console.error('worker error', error));
    open.push(worker);
    return worker;
  };
  return { queue, started, start };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await sleep(10);
  }
}

describe('Worker with priorities (embedded)', () => {
  it('a backlog queued before the worker starts runs level by level: high, then mid, then low', async () => {
    const { queue, started, start } = setup(3);
    await queue.addBulk(Array.from({ length: 30 }, (_, n) => ({ name: 'low', data: { n } })));
    await queue.addBulk(
      Array.from({ length: 10 }, (_, n) => ({ name: 'mid', data: { n }, opts: { priority: 2 } })),
    );
    await queue.addBulk(
      Array.from({ length: 10 }, (_, n) => ({ name: 'high', data: { n }, opts: { priority: 1 } })),
    );
    start(async () => undefined, 1);
    await until(() => started.length === 50);
    expect(started).toEqual([...Array(10).fill('high'), ...Array(10).fill('mid'), ...Array(30).fill('low')]);
  });

  it('high-priority jobs added while a low backlog runs start next (behind at most what was already acquired)', async () => {
    const { queue, started, start } = setup(2);
    await queue.addBulk(Array.from({ length: 500 }, (_, n) => ({ name: 'low', data: { n } })));
    start(() => sleep(2), 4);
    await until(() => started.length >= 40);
    const before = started.length;
    await queue.addBulk(
      Array.from({ length: 20 }, (_, n) => ({ name: 'high', data: { n }, opts: { priority: 1 } })),
    );
    await until(() => started.filter((s) => s === 'high').length === 20);
    const lastHigh = started.lastIndexOf('high');
    const lowBetween = started.slice(before, lastHigh).filter((s) => s === 'low').length;
    // In log order all 460 remaining low jobs would start first; the prefetch window may hold some ahead.
    expect(lowBetween).toBeLessThan(200);
    await until(() => started.length === 520);
  });

  it('with no high-priority work, low priority runs (an empty high level does not hold it up)', async () => {
    const { queue, started, start } = setup(3);
    await queue.addBulk(Array.from({ length: 200 }, (_, n) => ({ name: 'low', data: { n } })));
    start(async () => undefined, 10);
    await until(() => started.length === 200);
  });
});
