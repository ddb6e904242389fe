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

  it('an idle worker closing while a job arrives: the record its parked fetch acquired goes back as a copy, no attempt burnt', async () => {
    const q = kafkaQueue({ lockDurationMs: 30_000 });
    current = q;
    const runs: { by: string; attempt: number; deliveryCount: number }[] = [];
    // Long idle polls: the ShareFetch in flight at close stays parked at the broker (up to its 500 ms wait).
    const first = q.worker(
      async (job) => {
        runs.push({ by: 'first', attempt: job.attempt, deliveryCount: job.deliveryCount });
      },
      { drainDelayMs: 10_000 },
    );
    await q.queue.add('warm', 0);
    await eventually(() => (runs.length === 1 ? true : undefined), 30_000);
    // Idle now: its poll (up to 10 s) keeps one ShareFetch after another parked at the broker.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(first.activeCount + first.prefetchedCount).toBe(0);
    // close() aborts the idle poll at once (synchronously); the job is produced right after, so the
    // broker hands it to the parked fetch of a poll nobody waits for any more.
    const closing = first.close({ timeout: 5_000 });
    const late = await q.queue.add('late', 1);
    await closing;
    const second = q.worker(async (job) => {
      runs.push({ by: 'second', attempt: job.attempt, deliveryCount: job.deliveryCount });
    });
    await eventually(() => (runs.length === 2 ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await second.close();
    // Once, by the second worker, as a first delivery (the consumer's RELEASE at close would make it 2).
    expect(runs).toEqual([
      { by: 'first', attempt: 1, deliveryCount: 1 },
      { by: 'second', attempt: 1, deliveryCount: 1 },
    ]);
    expect(late.id).toBeTruthy();
  }, 90_000);
});
