import { afterEach, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue } from '../helpers/kafka.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe('Worker on Kafka: presence and close', () => {
  it('shows up in getWorkers() with the jobs it holds; close() RELEASEs unfinished jobs and leaves a tombstone', async () => {
    const q = kafkaQueue({ lockDurationMs: 30_000 });
    current = q;
    const first = q.worker(
      async (job, { signal }) => {
        if (job.deliveryCount > 1) return 'unexpected';
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        return 'aborted';
      },
      { concurrency: 2, presenceIntervalMs: 500 },
    );
    await first.waitUntilReady();
    const jobs = await q.queue.addBulk([
      { name: 'held', data: 1 },
      { name: 'held', data: 2 },
    ]);
    const live = await eventually(async () => {
      const workers = await q.queue.getWorkers();
      const me = workers.find((w) => w.workerId === first.id);
      return me && me.jobs.length === 2 ? me : undefined;
    }, 30_000);
    expect(live.jobs.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(live.concurrency).toBe(2);

    const closedAt = Date.now();
    await first.close({ timeout: 200 });
    const rerun = new Map<string, number>();
    q.worker(
      async (job) => {
        rerun.set(job.id, job.deliveryCount);
      },
      { concurrency: 2 },
    );
    await eventually(() => (rerun.size === 2 ? true : undefined), 25_000);
    // RELEASEd at close, not left to the 30 s lock: redelivered long before it would have expired.
    expect(Date.now() - closedAt).toBeLessThan(25_000);
    expect([...rerun.values()]).toEqual([2, 2]);
    const after = await q.queue.getWorkers();
    expect(after.find((w) => w.workerId === first.id)).toBeUndefined();
  }, 90_000);
});
