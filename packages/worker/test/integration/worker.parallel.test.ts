import { afterEach, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../helpers/kafka.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** Waits until `n` members of the queue's share group hold an assignment (share groups assign every member). */
async function membersAssigned(q: ReturnType<typeof kafkaQueue>, n: number): Promise<void> {
  await eventually(async () => {
    const group = await q.queue.engine.describeShareGroup(q.queue.topology.group);
    const assigned = group.members.filter((m) => m.assignment.some((a) => a.partitions.length > 0));
    return assigned.length >= n ? true : undefined;
  }, 45_000);
}

describe('Worker on Kafka: parallelism within one partition', () => {
  it('16 workers on a 1-partition queue run 16 slow jobs at the same time', async () => {
    const q = kafkaQueue({ partitions: 1, lockDurationMs: 10_000 });
    current = q;
    let running = 0;
    let peak = 0;
    let done = 0;
    const workers = Array.from({ length: 16 }, () =>
      q.worker(
        async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(4_000);
          running--;
          done++;
        },
        { concurrency: 1 },
      ),
    );
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    await membersAssigned(q, 16);
    const addedAt = Date.now();
    await q.queue.addBulk(Array.from({ length: 16 }, (_, i) => ({ name: 'slow', data: { i } })));
    await eventually(() => (done === 16 ? true : undefined), 45_000);
    console.log(`16 × 4 s jobs on 16 workers took ${Date.now() - addedAt} ms (peak ${peak})`);
    expect(peak).toBe(16);
  }, 90_000);

  it('one job that takes 20 s does not hold up the others on its partition', async () => {
    const q = kafkaQueue({ partitions: 1, lockDurationMs: 5_000 });
    current = q;
    let longDone = false;
    const quickDoneWhileLongRan: boolean[] = [];
    const worker = q.worker(
      async (job) => {
        if (job.name === 'long') {
          await sleep(20_000);
          longDone = true;
          return;
        }
        quickDoneWhileLongRan.push(!longDone);
      },
      { concurrency: 4 },
    );
    await worker.waitUntilReady();
    await q.queue.add('long', {});
    await q.queue.addBulk(Array.from({ length: 30 }, (_, i) => ({ name: 'quick', data: { i } })));
    await eventually(() => (quickDoneWhileLongRan.length === 30 ? true : undefined), 19_000);
    expect(quickDoneWhileLongRan.every(Boolean)).toBe(true);
    await eventually(() => (longDone ? true : undefined), 30_000);
  }, 90_000);

  it('a long job renewed past lockDuration is not run twice', async () => {
    const q = kafkaQueue({ partitions: 1, lockDurationMs: 2_000 });
    current = q;
    const runs: number[] = [];
    const completed: number[] = [];
    const processor = async (job: { deliveryCount: number }) => {
      runs.push(job.deliveryCount);
      await sleep(7_000);
      completed.push(job.deliveryCount);
    };
    const a = q.worker(processor, { concurrency: 2 });
    const b = q.worker(processor, { concurrency: 2 });
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
    await q.queue.add('long', {});
    await eventually(() => (completed.length === 1 ? true : undefined), 30_000);
    // Give a wrongly expired lock time to show up as a second run.
    await sleep(2_500);
    expect(runs).toEqual([1]);
    expect(completed).toEqual([1]);
  }, 60_000);
});
