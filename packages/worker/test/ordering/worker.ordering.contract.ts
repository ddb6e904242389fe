/**
 * Key-ordered queues as a worker sees them, on every engine: run on the embedded engine
 * (test/ordering/worker.ordering.contract.test.ts) and on Kafka
 * (test/integration/ordering/worker.ordering.contract.test.ts). Every case has its own queue.
 */
import { type Engine, type Job, listBlockedKeys, Queue } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';

export interface OrderingContractOptions {
  settleMs?: number;
}

type Data = { key: string; n: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Per-key bookkeeping of what a processor saw: concurrency per key and overall, completion order. */
function tracker() {
  const runningPerKey = new Map<string, number>();
  const completed = new Map<string, number[]>();
  let running = 0;
  let maxRunning = 0;
  let maxPerKey = 0;
  return {
    start(job: Job<Data, unknown>) {
      const now = (runningPerKey.get(job.data.key) ?? 0) + 1;
      runningPerKey.set(job.data.key, now);
      maxPerKey = Math.max(maxPerKey, now);
      running++;
      maxRunning = Math.max(maxRunning, running);
    },
    end(job: Job<Data, unknown>, ok: boolean) {
      runningPerKey.set(job.data.key, (runningPerKey.get(job.data.key) ?? 1) - 1);
      running--;
      if (!ok) return;
      const list = completed.get(job.data.key) ?? [];
      list.push(job.data.n);
      completed.set(job.data.key, list);
    },
    completed,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    get maxPerKey() {
      return maxPerKey;
    },
    get total() {
      let sum = 0;
      for (const list of completed.values()) sum += list.length;
      return sum;
    },
  };
}

/** `keys` × `perKey` jobs, interleaved (k0 #1, k1 #1, …, k0 #2, …), as one addBulk. */
function interleaved(keys: number, perKey: number) {
  const jobs: { name: string; data: Data; opts: { orderingKey: string } }[] = [];
  for (let n = 1; n <= perKey; n++)
    for (let k = 0; k < keys; k++)
      jobs.push({ name: 'job', data: { key: `k${k}`, n }, opts: { orderingKey: `k${k}` } });
  return jobs;
}

const inOrder = (perKey: number) => Array.from({ length: perKey }, (_, i) => i + 1);

export function runOrderingContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: OrderingContractOptions = {},
): void {
  const settleMs = options.settleMs ?? 5_000;

  describe(`Key-ordered queue contract: ${label}`, { timeout: 6 * settleMs + 30_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const queueOf = (prefix: string, extra: { partitions?: number } = {}) => {
      const queue = new Queue<Data>(uniqueName(prefix), {
        connection: suite.engine,
        ordering: 'key',
        ...extra,
      });
      suite.track(queue);
      return queue;
    };
    const workerOf = (
      queue: { name: string },
      processor: ConstructorParameters<typeof Worker<Data, unknown>>[1],
      extra: Partial<ConstructorParameters<typeof Worker<Data, unknown>>[2]> = {},
    ) => {
      const worker = new Worker<Data, unknown>(queue.name, processor, {
        connection: suite.engine,
        drainDelayMs: 200,
        lockDurationMs: 5_000,
        ordering: 'key',
        ...extra,
      });
      worker.on('error', (error) => {
        if ((error as { code?: string }).code !== 'QUEUE_ORDERING_MISMATCH')
          console.error(`[${queue.name}] worker error:`, error);
      });
      suite.track({ close: () => worker.close({ timeout: 2_000 }) });
      return worker;
    };

    it('one key runs one job at a time, in add order; different keys run in parallel', async () => {
      const queue = queueOf('ko-order');
      const seen = tracker();
      await queue.addBulk(interleaved(10, 10));
      workerOf(
        queue,
        async (job) => {
          seen.start(job);
          await sleep(2 + (job.data.n % 3));
          seen.end(job, true);
        },
        { concurrency: 8 },
      );
      await until(() => seen.total >= 100, 6 * settleMs, '100 jobs completed');
      expect(seen.maxPerKey).toBe(1);
      expect(seen.maxRunning).toBeGreaterThan(1);
      for (let k = 0; k < 10; k++) expect(seen.completed.get(`k${k}`)).toEqual(inOrder(10));
    });

    it('parallelism is not capped by partitions: 1 partition, 200 keys, concurrency 50 → ≥ 40 at once', async () => {
      const queue = queueOf('ko-wide', { partitions: 1 });
      const seen = tracker();
      await queue.addBulk(interleaved(200, 2));
      workerOf(
        queue,
        async (job) => {
          seen.start(job);
          // Hold each job until 40 run at once (or 2 s passed): the assertion is on concurrency, not speed.
          const deadline = Date.now() + 2_000;
          while (seen.maxRunning < 40 && Date.now() < deadline) await sleep(10);
          seen.end(job, true);
        },
        { concurrency: 50 },
      );
      await until(() => seen.total >= 400, 6 * settleMs, '400 jobs completed');
      expect(seen.maxRunning).toBeGreaterThanOrEqual(40);
      expect(seen.maxPerKey).toBe(1);
    });

    it('a failing job with backoff blocks only its key and keeps its place; the key resumes after the retry', async () => {
      const queue = queueOf('ko-retry');
      const seen = tracker();
      const order: string[] = [];
      await queue.add('job', { key: 'bad', n: 1 }, { orderingKey: 'bad', attempts: 3, backoff: 1_000 });
      await queue.add('job', { key: 'bad', n: 2 }, { orderingKey: 'bad' });
      await queue.addBulk(
        [1, 2, 3, 4, 5].map((n) => ({
          name: 'job',
          data: { key: 'good', n },
          opts: { orderingKey: 'good' },
        })),
      );
      let failedAt = 0;
      let goodDoneAt = 0;
      workerOf(
        queue,
        async (job) => {
          seen.start(job);
          order.push(`${job.data.key}${job.data.n}@${job.attempt}`);
          if (job.data.key === 'bad' && job.data.n === 1 && job.attempt === 1) {
            failedAt = Date.now();
            seen.end(job, false);
            throw new Error('first attempt fails');
          }
          seen.end(job, true);
          if (job.data.key === 'good' && job.data.n === 5) goodDoneAt = Date.now();
        },
        { concurrency: 4 },
      );
      await until(() => seen.total >= 7, 4 * settleMs, 'all 7 jobs completed');
      // The other key ran on while `bad` waited for its retry.
      expect(goodDoneAt).toBeGreaterThan(0);
      expect(order.indexOf('good5@1')).toBeLessThan(order.indexOf('bad1@2'));
      // The retry kept its place: bad #2 only after bad #1 succeeded on its second attempt.
      expect(order.filter((o) => o.startsWith('bad'))).toEqual(['bad1@1', 'bad1@2', 'bad2@1']);
      expect(seen.completed.get('bad')).toEqual([1, 2]);
      expect(seen.completed.get('good')).toEqual([1, 2, 3, 4, 5]);
      expect(failedAt).toBeGreaterThan(0);
    });

    it('a dead-lettered job moves its key on', async () => {
      const queue = queueOf('ko-dead');
      const seen = tracker();
      const attempts: number[] = [];
      await queue.add('poison', { key: 'k', n: 1 }, { orderingKey: 'k', attempts: 2 });
      await queue.add('job', { key: 'k', n: 2 }, { orderingKey: 'k' });
      const worker = workerOf(queue, async (job) => {
        seen.start(job);
        if (job.name === 'poison') {
          attempts.push(job.attempt);
          seen.end(job, false);
          throw new Error('always fails');
        }
        seen.end(job, true);
      });
      const dead: string[] = [];
      worker.on('dead', (job) => {
        if (job) dead.push(job.name);
      });
      await until(() => seen.total >= 1, 4 * settleMs, 'the job behind the poison one completed');
      expect(attempts).toEqual([1, 2]);
      expect(dead).toEqual(['poison']);
      expect(seen.completed.get('k')).toEqual([2]);
      const page = await queue.listDeadJobs();
      expect(page.jobs.map((j) => j.name)).toEqual(['poison']);
    });

    it('a closed worker’s keys are taken over by another worker, order kept', async () => {
      const queue = queueOf('ko-takeover');
      const seen = tracker();
      await queue.addBulk(interleaved(5, 8));
      const processor = async (job: Job<Data, unknown>) => {
        seen.start(job);
        await sleep(30);
        seen.end(job, true);
      };
      const first = workerOf(queue, processor, { concurrency: 5 });
      await until(() => seen.total >= 5, 4 * settleMs, 'the first worker started');
      const second = workerOf(queue, processor, { concurrency: 5 });
      await second.waitUntilReady();
      await first.close({ timeout: 2_000 });
      await until(() => seen.total >= 40, 6 * settleMs, 'all 40 jobs completed');
      for (let k = 0; k < 5; k++) {
        // A job may run twice around the hand-over (at-least-once): the first completions are in add order.
        const firsts = [...new Set(seen.completed.get(`k${k}`))];
        expect(firsts).toEqual(inOrder(8));
      }
      expect(seen.maxPerKey).toBe(1);
    });

    it('blocked keys: the key whose head runs is published with its job and the records waiting behind it', async () => {
      const queue = queueOf('ko-blocked');
      const [head] = await queue.addBulk(
        [1, 2, 3].map((n) => ({ name: 'job', data: { key: 'slow', n }, opts: { orderingKey: 'slow' } })),
      );
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      workerOf(
        queue,
        async (job) => {
          if (job.data.n === 1) await held;
        },
        { concurrency: 2, presenceIntervalMs: 200 },
      );
      let blocked: Awaited<ReturnType<typeof listBlockedKeys>> = [];
      const deadline = Date.now() + 4 * settleMs;
      while (blocked.length === 0 && Date.now() < deadline) {
        blocked = await listBlockedKeys(suite.engine, queue.topology);
        if (blocked.length === 0) await sleep(100);
      }
      // Counts while the key is blocked: the head is active, the two behind it wait (ordered group's lag).
      let counts = await queue.getCounts();
      const countsBy = Date.now() + 2 * settleMs;
      while (!(counts.active === 1 && counts.waiting === 2) && Date.now() < countsBy) {
        await sleep(100);
        counts = await queue.getCounts();
      }
      release();
      expect(blocked).toEqual([
        expect.objectContaining({ key: 'slow', jobId: head?.id, state: 'running', attempt: 1, waiting: 2 }),
      ]);
      expect(counts).toMatchObject({ active: 1, waiting: 2 });
    });

    it('a delayed job joins its key’s order when it becomes due', async () => {
      const queue = queueOf('ko-delay');
      const order: number[] = [];
      await queue.add('job', { key: 'd', n: 1 }, { orderingKey: 'd', delay: 1_000 });
      await queue.add('job', { key: 'd', n: 2 }, { orderingKey: 'd' });
      workerOf(queue, async (job) => {
        order.push(job.data.n);
      });
      await until(() => order.length >= 2, 4 * settleMs, 'both jobs ran');
      // Not due when #2 was added: #1 enters the key's order behind it.
      expect(order).toEqual([2, 1]);
    });

    it('a worker of the wrong mode is refused with QUEUE_ORDERING_MISMATCH', async () => {
      const queue = queueOf('ko-mode');
      await queue.waitUntilReady();
      const shareWorker = workerOf(queue, async () => {}, { ordering: 'share', autorun: false });
      await expect(shareWorker.waitUntilReady()).rejects.toMatchObject({ code: 'QUEUE_ORDERING_MISMATCH' });
      await expect(shareWorker.waitUntilReady()).rejects.toThrow(/ordering: 'key'/);

      // A share-group queue with a share worker running: a key-ordered worker beside it is refused.
      const shareQueue = new Queue<Data>(uniqueName('ko-share'), { connection: suite.engine });
      suite.track(shareQueue);
      const running = workerOf(shareQueue, async () => {}, { ordering: 'share' });
      await running.waitUntilReady();
      await shareQueue.add('job', { key: 'x', n: 1 });
      // A share member is listed once it joined (on Kafka: with its first fetch).
      let members = 0;
      const deadline = Date.now() + 2 * settleMs;
      while (members === 0 && Date.now() < deadline) {
        members = (await suite.engine.describeShareGroup(shareQueue.topology.group)).members.length;
        if (members === 0) await sleep(100);
      }
      const keyWorker = workerOf(shareQueue, async () => {}, { autorun: false });
      const refused = await keyWorker.waitUntilReady().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ code: 'QUEUE_ORDERING_MISMATCH' });
    });

    it('a share-group worker running when the queue is declared key-ordered stops acquiring and says why', async () => {
      const name = uniqueName('ko-switch');
      const shareQueue = new Queue<Data>(name, { connection: suite.engine });
      suite.track(shareQueue);
      let started = 0;
      const worker = workerOf(
        { name },
        async () => {
          started++;
        },
        { ordering: 'share' },
      );
      const mismatch = new Promise<unknown>((resolve) => {
        worker.on('error', (error) => {
          if ((error as { code?: string }).code === 'QUEUE_ORDERING_MISMATCH') resolve(error);
        });
      });
      await worker.waitUntilReady();
      await shareQueue.add('job', { key: 'x', n: 0 });
      await until(() => started === 1, 2 * settleMs, 'the share worker ran a job');

      const ordered = new Queue<Data>(name, { connection: suite.engine, ordering: 'key' });
      suite.track(ordered);
      await ordered.waitUntilReady();
      const error = await Promise.race([mismatch, sleep(2 * settleMs).then(() => undefined)]);
      expect(error).toMatchObject({ code: 'QUEUE_ORDERING_MISMATCH' });
      await ordered.add('job', { key: 'a', n: 1 }, { orderingKey: 'a' });
      await sleep(1_000);
      expect(started).toBe(1);
    });
  });
}
