import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../../src/index.js';
import { eventually, sleep } from '../../helpers/kafka.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

const connection = { brokers: testBrokers(), clientId: 'sharq-priority-it' };

describe('Priorities on Kafka', () => {
  it('5,000 low jobs queued, concurrency 10: 20 high jobs added afterwards all start before 200 more low ones', {
    timeout: 180_000,
  }, async () => {
    const name = uniqueName('wpr');
    const queue = new Queue<{ n: number }>(name, { connection, priorities: 3 });
    open.push(queue);
    for (let i = 0; i < 5_000; i += 500)
      await queue.addBulk(Array.from({ length: 500 }, (_, j) => ({ name: 'low', data: { n: i + j } })));
    const started: string[] = [];
    const worker = new Worker<{ n: number }, void>(
      name,
      async (job) => {
        started.push(job.name);
        await sleep(5);
      },
      { connection, concurrency: 10, priorities: 3, drainDelayMs: 500 },
    );
    worker.on('error', (error) => console.error('worker error', error));
    open.push(worker);
    await eventually(() => (started.length >= 300 ? true : undefined), 60_000);
    const before = started.length;
    await queue.addBulk(
      Array.from({ length: 20 }, (_, n) => ({ name: 'high', data: { n }, opts: { priority: 1 } })),
    );
    const added = started.length;
    await eventually(() => (started.filter((s) => s === 'high').length === 20 ? true : undefined), 60_000);
    const lastHigh = started.lastIndexOf('high');
    const lowAfterAdd = started.slice(added, lastHigh).filter((s) => s === 'low').length;
    console.log(
      `low jobs started between the high adds resolving and the last high start: ${lowAfterAdd} (${added - before} more during the add itself)`,
    );
    expect(lowAfterAdd).toBeLessThan(200);
  });

  it('with no high-priority work, low priority is not held up by the empty levels (same run: priorities on vs off)', {
    timeout: 180_000,
  }, async () => {
    const N = 3_000;
    let redelivered = 0;
    const timeRun = async (priorities: number | undefined): Promise<number> => {
      const name = uniqueName('wpr-speed');
      const queue = new Queue<{ n: number }>(name, { connection, ...(priorities ? { priorities } : {}) });
      open.push(queue);
      for (let i = 0; i < N; i += 500)
        await queue.addBulk(Array.from({ length: 500 }, (_, j) => ({ name: 'low', data: { n: i + j } })));
      let done = 0;
      let first = 0;
      const worker = new Worker<{ n: number }, void>(
        name,
        async (job) => {
          if (first === 0) first = performance.now();
          if (job.deliveryCount > 1) redelivered++;
          done++;
        },
        { connection, concurrency: 50, drainDelayMs: 500, ...(priorities ? { priorities } : {}) },
      );
      open.push(worker);
      await eventually(() => (done === N ? true : undefined), 120_000);
      const ms = performance.now() - first;
      await worker.close();
      return ms;
    };
    const off = await timeRun(undefined);
    const on = await timeRun(3);
    console.log(
      `${N} no-op jobs, concurrency 50, from first start: priorities off ${off.toFixed(0)} ms, on (3 levels, only the lowest used) ${on.toFixed(0)} ms`,
    );
    // Records a level's fetch acquired after its poll returned are taken by the next poll, not left to
    // lapse under a lock nobody renews: no job was delivered twice.
    expect(redelivered).toBe(0);
  });
});
