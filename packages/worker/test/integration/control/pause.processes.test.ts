/**
 * queue.pause() across worker processes on the real broker: 2 workers under a steady stream of jobs.
 * No job starts more than 1 s after pause() resolved; the pause survives SIGKILL + restart of every worker;
 * after resume() jobs start again within 1 s, and every job added (before, during, after) runs.
 * The measured latencies are printed.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../../helpers/kafka.js';
import { type ControlChild, ensureBuilt, killAll, spawnControlChild } from '../fixtures/control-children.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
let children: ControlChild[] = [];
let stream: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(stream);
  await killAll(children);
  children = [];
  await current?.close();
  current = undefined;
});
beforeAll(ensureBuilt);

describe('Pause and resume across processes (Kafka)', () => {
  it('2 worker processes under a steady stream: pause holds within 1 s, survives a restart, resume restarts', async () => {
    const q = kafkaQueue({ lockDurationMs: 2_000 });
    current = q;
    await q.queue.waitUntilReady();
    const spawnTwo = () =>
      [0, 1].map(() =>
        spawnControlChild({
          queue: q.name,
          brokers: q.connection.brokers,
          lockDurationMs: q.group.lockDurationMs,
          concurrency: 4,
          jobMs: 20,
        }),
      );
    const first = spawnTwo();
    children = [...first];
    await eventually(() => (first.every((c) => c.workerId) ? true : undefined), 60_000);

    const added: string[] = [];
    const addErrors: unknown[] = [];
    stream = setInterval(() => {
      q.queue.add('steady', {}).then(
        (job) => added.push(job.id),
        (error: unknown) => addErrors.push(error),
      );
    }, 25);
    const starts = () => children.flatMap((c) => c.starts);
    await eventually(() => (starts().length >= 20 ? true : undefined), 30_000);

    await q.queue.pause();
    const pausedAt = Date.now();
    await sleep(3_000);
    const lastStart = Math.max(...starts().map((s) => s.at));
    expect(starts().filter((s) => s.at > pausedAt + 1_000)).toEqual([]);
    const addedWhilePaused = added.length;

    // Every worker SIGKILLed and restarted: the queue stays paused.
    await killAll(first);
    const second = spawnTwo();
    children.push(...second);
    await eventually(() => (second.every((c) => c.workerId) ? true : undefined), 60_000);
    await sleep(2_000);
    expect(second.flatMap((c) => c.starts)).toEqual([]);
    expect(await q.queue.isPaused()).toBe(true);

    await q.queue.resume();
    const resumedAt = Date.now();
    await eventually(() => (second.some((c) => c.starts.length > 0) ? true : undefined), 10_000);
    const firstAfterResume = Math.min(...second.flatMap((c) => c.starts.map((s) => s.at)));
    clearInterval(stream);
    await sleep(200);
    const expected = new Set(added);
    await eventually(() => {
      const started = new Set(starts().map((s) => s.jobId));
      return [...expected].every((id) => started.has(id)) ? true : undefined;
    }, 45_000);
    console.log(
      `pause: last start ${lastStart - pausedAt} ms after pause() resolved; ${addedWhilePaused} jobs added by then; ` +
        `first start ${firstAfterResume - resumedAt} ms after resume() resolved (restarted workers); ` +
        `${expected.size} jobs added in all, all started`,
    );
    expect(firstAfterResume - resumedAt).toBeLessThan(1_000);
    expect(addErrors).toEqual([]);
  });
});
