/**
 * Job schedulers and queue pause, the job-layer part, on every engine: run on the embedded engine
 * (test/job/schedule/scheduler.contract.test.ts) and on Kafka
 * (test/integration/job/schedule/scheduler.contract.test.ts). Real time; every case has its own queue.
 */
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Engine } from '../../../src/engine/engine.js';
import { ValidationError } from '../../../src/errors.js';
import {
  decodeEnvelope,
  type FiredMarker,
  Queue,
  QueueEvents,
  QueuePauseWatcher,
  readSchedulerBook,
  SchedulerNotFoundError,
  SchedulerRunner,
  tickJobId,
} from '../../../src/index.js';
import { encodeEnvelope } from '../../../src/job/envelope.js';
import { encodeFired } from '../../../src/job/schedule/scheduler-records.js';

export interface SchedulerContractOptions {
  settleMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Job ids in the queue topic, in log order (all partitions). */
async function jobIds(engine: Engine, queue: Queue): Promise<string[]> {
  const records = await engine.readTopic(queue.topology.topic);
  return records.map((record) => {
    const decoded = decodeEnvelope(record);
    if (!decoded.ok) throw new Error(`not an envelope: ${decoded.reason}`);
    return decoded.envelope.id;
  });
}

const tickOf = (id: string) => Number(id.slice(id.lastIndexOf(':') + 1));

export function runSchedulerContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: SchedulerContractOptions = {},
): void {
  const settleMs = options.settleMs ?? 5_000;

  describe(`Scheduler + pause contract: ${label}`, { timeout: 4 * settleMs + 20_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const { track } = suite;
    const runner = (queue: Queue, owner: string) => {
      const errors: Error[] = [];
      const r = new SchedulerRunner(suite.engine, queue.topology, { owner, onError: (e) => errors.push(e) });
      track({ close: () => r.stop() });
      return { runner: r, errors };
    };

    it('upsert, list with next run, replace, remove', async () => {
      const queue = track(new Queue(uniqueName('sc-crud'), { connection: suite.engine }));
      const before = Date.now();
      const info = await queue.upsertJobScheduler(
        'hourly',
        { pattern: '0 * * * *', tz: 'Europe/Paris' },
        {
          name: 'report',
          data: { kind: 'sales' },
          opts: { attempts: 3 },
        },
      );
      expect(info.next).toBeGreaterThan(before);
      expect(new Date(info.next as number).getUTCMinutes()).toBe(0);
      await queue.upsertJobScheduler('fast', { every: 60_000 }, { name: 'ping' });
      let list = await queue.getJobSchedulers();
      expect(list.map((s) => s.id)).toEqual(['fast', 'hourly']);
      expect(list[1]?.template).toEqual({ name: 'report', data: { kind: 'sales' }, opts: { attempts: 3 } });
      expect(list[0]?.next).toBe(Math.ceil((Date.now() + 1) / 60_000) * 60_000);

      await queue.upsertJobScheduler('fast', { every: 120_000 }, { name: 'ping2' });
      list = await queue.getJobSchedulers();
      expect(list.find((s) => s.id === 'fast')).toMatchObject({
        repeat: { every: 120_000 },
        template: { name: 'ping2' },
      });

      await queue.removeJobScheduler('fast');
      expect((await queue.getJobSchedulers()).map((s) => s.id)).toEqual(['hourly']);
    });

    it('bad input is a typed error and stores nothing', async () => {
      const queue = track(
        new Queue<{ n: number }>(uniqueName('sc-bad'), {
          connection: suite.engine,
          schema: z.object({ n: z.number() }),
        }),
      );
      const refused = async (run: () => Promise<unknown>, ErrorClass: new (...args: never[]) => Error) => {
        await expect(run()).rejects.toBeInstanceOf(ErrorClass);
      };
      await refused(
        () => queue.upsertJobScheduler('a', { pattern: 'not a cron' }, { name: 'x', data: { n: 1 } }),
        ValidationError,
      );
      await refused(
        () => queue.upsertJobScheduler('a', { every: 0 }, { name: 'x', data: { n: 1 } }),
        ValidationError,
      );
      await refused(
        () => queue.upsertJobScheduler('a', { every: 1000 }, { name: 'x', data: { n: 'one' } as never }),
        ValidationError,
      );
      await refused(
        () =>
          queue.upsertJobScheduler(
            'a',
            { every: 1000 },
            { name: 'x', data: { n: 1 }, opts: { jobId: 'j' } as never },
          ),
        ValidationError,
      );
      await refused(
        () => queue.upsertJobScheduler('a|b', { every: 1000 }, { name: 'x', data: { n: 1 } }),
        ValidationError,
      );
      await refused(() => queue.removeJobScheduler('never-added'), SchedulerNotFoundError);
      expect(await queue.getJobSchedulers()).toEqual([]);
      expect(await suite.engine.readTopic(queue.topology.schedulersTopic)).toEqual([]);
    });

    it('two runners fire exactly one job per tick, also across a handover', async () => {
      const queue = track(new Queue(uniqueName('sc-once'), { connection: suite.engine }));
      await queue.waitUntilReady();
      const a = runner(queue, 'runner-a');
      const b = runner(queue, 'runner-b');
      await Promise.all([a.runner.start(), b.runner.start()]);
      await queue.upsertJobScheduler('beat', { every: 300 }, { name: 'beat', data: { hello: 1 } });
      await until(async () => ((await jobIds(suite.engine, queue)).length >= 4 ? true : undefined), settleMs);
      // Hand over: the owner stops (releases the lease); the other one goes on.
      const owner = a.runner.isOwner() ? a.runner : b.runner;
      await owner.stop();
      const atHandover = (await jobIds(suite.engine, queue)).length;
      await until(
        async () => ((await jobIds(suite.engine, queue)).length >= atHandover + 4 ? true : undefined),
        settleMs,
      );
      await a.runner.stop();
      await b.runner.stop();

      const ids = await jobIds(suite.engine, queue);
      expect(new Set(ids).size).toBe(ids.length);
      const ticks = ids.map(tickOf);
      for (const tick of ticks) expect(tick % 300).toBe(0);
      for (let i = 1; i < ticks.length; i++)
        expect((ticks[i] as number) - (ticks[i - 1] as number)).toBe(300);
      expect(ids[0]).toBe(tickJobId('beat', ticks[0] as number));
      const [info] = await queue.getJobSchedulers();
      expect(info?.lastFired?.jobId).toBe(ids.at(-1));
      expect(info?.count).toBe(ids.length);
      expect([...a.errors, ...b.errors]).toEqual([]);
    });

    it('a seconds-field cron pattern in a time zone fires once per matching second', async () => {
      const queue = track(new Queue(uniqueName('sc-cron'), { connection: suite.engine }));
      await queue.waitUntilReady();
      await runner(queue, 'cron').runner.start();
      // Every second in Kathmandu (UTC+5:45) is every second in UTC too: the zone must not shift or stall it.
      await queue.upsertJobScheduler(
        'each-second',
        { pattern: '* * * * * *', tz: 'Asia/Kathmandu' },
        { name: 's' },
      );
      await until(async () => ((await jobIds(suite.engine, queue)).length >= 3 ? true : undefined), settleMs);
      const ticks = (await jobIds(suite.engine, queue)).map(tickOf);
      for (const tick of ticks) expect(tick % 1_000).toBe(0);
      for (let i = 1; i < ticks.length; i++)
        expect((ticks[i] as number) - (ticks[i - 1] as number)).toBe(1_000);
    });

    it('limit stops the scheduler after that many jobs', async () => {
      const queue = track(new Queue(uniqueName('sc-limit'), { connection: suite.engine }));
      await queue.waitUntilReady();
      await runner(queue, 'solo').runner.start();
      await queue.upsertJobScheduler('three', { every: 200, limit: 3 }, { name: 'n' });
      await until(async () => ((await jobIds(suite.engine, queue)).length >= 3 ? true : undefined), settleMs);
      await sleep(800);
      expect(await jobIds(suite.engine, queue)).toHaveLength(3);
      const [info] = await queue.getJobSchedulers();
      expect(info?.next).toBeUndefined();
    });

    it('a tick its firer died on is completed once: job missing → produced, job present → not again', async () => {
      const queue = track(new Queue(uniqueName('sc-recover'), { connection: suite.engine }));
      await queue.waitUntilReady();
      // A far start date: nothing but the half-fired ticks below can fire during the test.
      const far = Date.now() + 3_600_000;
      await queue.upsertJobScheduler('gone', { every: 1000, startDate: far }, { name: 'g' });
      await queue.upsertJobScheduler('made', { every: 1000, startDate: far }, { name: 'm' });
      const book = await readSchedulerBook(suite.engine, queue.topology);
      const intent = (id: string, tick: number): FiredMarker => ({
        v: 1,
        id,
        version: book.get(id)?.definition.version as string,
        state: 'firing',
        tick,
        jobId: tickJobId(id, tick),
        count: 1,
        partition: 0,
        scanFrom: 0,
        by: 'dead-worker',
        at: Date.now(),
      });
      const tick = 1_000_000;
      // "made": the dead firer got as far as producing the job.
      await suite.engine.produce(queue.topology.topic, [
        {
          ...encodeEnvelope({
            v: 1,
            id: tickJobId('made', tick),
            name: 'm',
            data: null,
            opts: { attempts: 1 },
            attemptsMade: 0,
            ts: 0,
          }),
          partition: 0,
        },
      ]);
      await suite.engine.produce(queue.topology.schedulersTopic, [
        encodeFired('gone', intent('gone', tick)),
        encodeFired('made', intent('made', tick)),
      ]);
      await runner(queue, 'heir').runner.start();
      const settled = await until(async () => {
        const list = await queue.getJobSchedulers();
        return list.length === 2 && list.every((s) => s.lastFired?.state === 'fired' && s.count === 1)
          ? list
          : undefined;
      }, settleMs);
      expect(settled.map((s) => s.lastFired?.jobId)).toEqual([
        tickJobId('gone', tick),
        tickJobId('made', tick),
      ]);
      await sleep(300);
      expect((await jobIds(suite.engine, queue)).sort()).toEqual([
        tickJobId('gone', tick),
        tickJobId('made', tick),
      ]);
    });

    it('pause/resume: durable flag, watchers and QueueEvents hear it, add() still works', async () => {
      const name = uniqueName('sc-pause');
      const queue = track(new Queue(name, { connection: suite.engine }));
      await queue.waitUntilReady();
      const events = track(new QueueEvents(name, { connection: suite.engine }));
      await events.waitUntilReady();
      const heard: string[] = [];
      events.on('paused', (e) => heard.push(`paused:${e.by}`));
      events.on('resumed', (e) => heard.push(`resumed:${e.by}`));
      const watcher = track(new QueuePauseWatcher(suite.engine, queue.topology));
      await watcher.start();
      const changes: boolean[] = [];
      watcher.onChange((paused) => changes.push(paused));
      expect(await queue.isPaused()).toBe(false);

      await queue.pause();
      expect(await queue.isPaused()).toBe(true);
      await until(() => (watcher.isPaused() ? true : undefined), settleMs);
      await queue.add('still-accepted', {});
      // A watcher started while paused knows it before anything else.
      const late = track(new QueuePauseWatcher(suite.engine, queue.topology));
      await late.start();
      expect(late.isPaused()).toBe(true);

      await queue.resume('test');
      await until(() => (watcher.isPaused() ? undefined : true), settleMs);
      expect(await queue.isPaused()).toBe(false);
      await until(() => (heard.length >= 2 ? true : undefined), settleMs);
      expect(heard).toEqual(['paused:queue', 'resumed:test']);
      expect(changes).toEqual([true, false]);
      expect(await jobIds(suite.engine, queue)).toHaveLength(1);
    });
  });
}
