import { EmbeddedEngine, type Job, Queue } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { DELIVERY_LIMIT, LOCK_MS, sleep } from '../helpers/embedded.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function setup() {
  const engine = new EmbeddedEngine();
  const name = uniqueName('wdd');
  const queue = new Queue<{ n: number }>(name, { connection: engine, deduplicateJobIds: true });
  open.push(queue);
  const runs: { id: string; name: string; attempt: number }[] = [];
  const start = (processor: (job: Job<{ n: number }, unknown>) => Promise<unknown>) => {
    const worker = new Worker<{ n: number }, unknown>(
      name,
      async (job) => {
        runs.push({ id: job.id, name: job.name, attempt: job.attempt });
        return processor(job);
      },
      { connection: engine, lockDurationMs: LOCK_MS, deliveryCountLimit: DELIVERY_LIMIT, drainDelayMs: 50 },
    );
    worker.on('error', (error) => console.error('worker error', error));
    open.push(worker);
    return worker;
  };
  return { engine, queue, runs, start };
}

/** Adds until an add is enqueued rather than deduplicated (the release is written right after the ACCEPT). */
async function addWhenFree(
  queue: Queue<{ n: number }>,
  id: string,
  name: string,
): Promise<Job<{ n: number }>> {
  for (let i = 0; i < 100; i++) {
    const job = await queue.add(name, { n: i }, { jobId: id });
    if (job.name === name) return job;
    await sleep(20);
  }
  throw new Error(`${id} was never released`);
}

describe('Worker + deduplication: a job releases its id when it finishes for good', () => {
  it('a completed job frees its jobId: the next add with it is enqueued and runs', async () => {
    const { queue, runs, start } = setup();
    await queue.add('first', { n: 0 }, { jobId: 'x' });
    start(async () => 'ok');
    await addWhenFree(queue, 'x', 'second');
    for (let i = 0; i < 100 && runs.length < 2; i++) await sleep(20);
    expect(runs.map((r) => r.name)).toEqual(['first', 'second']);
  });

  it('a retry is not a duplicate of itself: every attempt runs, and adds meanwhile are deduplicated', async () => {
    const { queue, runs, start } = setup();
    await queue.add('flaky', { n: 0 }, { jobId: 'r', attempts: 3, backoff: 200 });
    let meanwhile: Job<{ n: number }> | undefined;
    start(async (job) => {
      if (job.attempt === 1) meanwhile = await queue.add('again', { n: 1 }, { jobId: 'r' });
      if (job.attempt < 3) throw new Error(`attempt ${job.attempt}`);
      return 'ok';
    });
    for (let i = 0; i < 200 && runs.length < 3; i++) await sleep(20);
    await sleep(200);
    expect(meanwhile?.name).toBe('flaky');
    expect(runs).toEqual([1, 2, 3].map((attempt) => ({ id: 'r', name: 'flaky', attempt })));
  });

  it('a dead job frees its id; its replay runs (not deduplicated against itself) and a new add is enqueued', async () => {
    const { queue, runs, start } = setup();
    await queue.add('doomed', { n: 0 }, { jobId: 'd' });
    let fail = true;
    start(async () => {
      if (fail) throw new Error('no');
      return 'ok';
    });
    for (let i = 0; i < 100 && (await queue.getCounts()).dead < 1; i++) await sleep(20);
    fail = false;
    const replay = await queue.replayDeadJobs({ all: true });
    expect(replay.replayed).toHaveLength(1);
    for (let i = 0; i < 100 && runs.length < 2; i++) await sleep(20);
    await addWhenFree(queue, 'd', 'fresh');
    for (let i = 0; i < 100 && runs.length < 3; i++) await sleep(20);
    expect(runs.map((r) => r.name)).toEqual(['doomed', 'doomed', 'fresh']);
  });
});
