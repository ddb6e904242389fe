/**
 * Pause/resume and schedulers as a worker sees them, on every engine: run on the embedded engine
 * (test/control/worker.control.contract.test.ts) and on Kafka
 * (test/integration/control/worker.control.contract.test.ts). Every case has its own queue.
 */
import { type Engine, Queue } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';

export interface ControlContractOptions {
  settleMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

export function runControlContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: ControlContractOptions = {},
): void {
  const settleMs = options.settleMs ?? 5_000;

  describe(`Worker control contract: ${label}`, { timeout: 4 * settleMs + 20_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const { track } = suite;
    const queueOf = (prefix: string) => {
      const queue = track(new Queue(uniqueName(prefix), { connection: suite.engine }));
      return queue;
    };
    const workerOf = (queue: Queue, processor: ConstructorParameters<typeof Worker>[1], extra = {}) => {
      const worker = new Worker(queue.name, processor, {
        connection: suite.engine,
        drainDelayMs: 200,
        ...extra,
      });
      worker.on('error', (error) => console.error(`[${queue.name}] worker error:`, error));
      track({ close: () => worker.close({ timeout: 2_000 }) });
      return worker;
    };

    it('queue.pause(): no job starts after it resolves (+1 s), added jobs wait; resume starts them', async () => {
      const queue = queueOf('wc-pause');
      const started: { id: string; at: number }[] = [];
      const worker = workerOf(
        queue,
        async (job) => {
          started.push({ id: job.id, at: Date.now() });
        },
        { concurrency: 4 },
      );
      await worker.waitUntilReady();
      await queue.add('before', {});
      await until(() => (started.length === 1 ? true : undefined), settleMs);

      await queue.pause();
      const pausedAt = Date.now();
      // Within 1 s of pause() every worker has stopped: jobs added after that never start while paused.
      await sleep(1_100);
      const whilePaused = await queue.addBulk([1, 2, 3].map((n) => ({ name: 'while-paused', data: { n } })));
      await sleep(1_000);
      expect(started.filter((s) => s.at > pausedAt + 1_000)).toEqual([]);
      expect(started).toHaveLength(1);
      expect(await queue.isPaused()).toBe(true);

      await queue.resume();
      const resumedAt = Date.now();
      await until(() => (started.length === 4 ? true : undefined), settleMs);
      expect(
        started
          .slice(1)
          .map((s) => s.id)
          .sort(),
      ).toEqual(whilePaused.map((j) => j.id).sort());
      console.log(
        `[${label}] first start after resume: ${Math.min(...started.slice(1).map((s) => s.at)) - resumedAt} ms`,
      );
    });

    it('a worker started while the queue is paused starts nothing, delayed jobs due meanwhile included', async () => {
      const queue = queueOf('wc-start-paused');
      await queue.pause();
      await queue.add('waiting', {});
      await queue.add('delayed', {}, { delay: 300 });
      const started: string[] = [];
      const worker = workerOf(queue, async (job) => {
        started.push(job.name);
      });
      await worker.waitUntilReady();
      await sleep(1_500);
      expect(started).toEqual([]);
      await queue.resume();
      await until(() => (started.length === 2 ? true : undefined), settleMs);
      expect(started.sort()).toEqual(['delayed', 'waiting']);
    });

    it('worker.pause() waits for the running job (doNotWaitActive: not); resume() goes on', async () => {
      const queue = queueOf('wc-worker-pause');
      let release: () => void = () => {};
      const started: string[] = [];
      const events: string[] = [];
      const worker = workerOf(queue, async (job) => {
        started.push(job.id);
        if (job.name === 'slow') await new Promise<void>((resolve) => (release = resolve));
      });
      worker.on('paused', () => events.push('paused'));
      worker.on('resumed', () => events.push('resumed'));
      await queue.add('slow', {});
      await until(() => (started.length === 1 ? true : undefined), settleMs);

      let pauseDone = false;
      const pausing = worker.pause().then(() => (pauseDone = true));
      await sleep(200);
      expect(pauseDone).toBe(false);
      expect(worker.isPaused()).toBe(true);
      await queue.add('after', {});
      release();
      await pausing;
      await sleep(800);
      expect(started).toHaveLength(1);

      worker.resume();
      await until(() => (started.length === 2 ? true : undefined), settleMs);
      await worker.pause(true);
      expect(events).toEqual(['paused', 'resumed', 'paused']);
      expect(await queue.isPaused()).toBe(false);
    });

    it('a scheduler fires through the workers: one job per tick, processed with its tick id', async () => {
      const queue = queueOf('wc-sched');
      const processed: string[] = [];
      for (let i = 0; i < 2; i++) {
        workerOf(queue, async (job) => {
          processed.push(job.id);
        });
      }
      await queue.upsertJobScheduler('beat', { every: 250 }, { name: 'beat', data: { x: 1 } });
      await until(() => (processed.length >= 5 ? true : undefined), settleMs + 5_000);
      await queue.removeJobScheduler('beat');
      const ticks = processed.map((id) => Number(id.split(':')[2]));
      expect(new Set(processed).size).toBe(processed.length);
      for (const id of processed) expect(id).toMatch(/^repeat:beat:\d+$/);
      const sorted = [...ticks].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++)
        expect((sorted[i] as number) - (sorted[i - 1] as number)).toBe(250);
    });
  });
}
