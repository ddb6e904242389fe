/**
 * Job schedulers across worker processes on the real broker: 3 workers, an `every: 500` scheduler for
 * ~10 s, the process that is firing SIGKILLed mid-run. Counted in the queue topic: exactly one job per
 * tick, no gaps, no duplicates; the takeover time and how late each job was produced are printed.
 */
import type { StoredRecord } from '@sharq/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../../helpers/kafka.js';
import { type ControlChild, ensureBuilt, killAll, spawnControlChild } from '../fixtures/control-children.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
let children: ControlChild[] = [];
afterEach(async () => {
  await killAll(children);
  children = [];
  await current?.close();
  current = undefined;
});
beforeAll(ensureBuilt);

const EVERY = 500;
const tickOf = (record: StoredRecord) => Number(record.key?.toString('utf8').split(':')[2]);

describe('Job schedulers across processes (Kafka)', () => {
  it('3 worker processes, every 500 ms for ~10 s, the firing one SIGKILLed: one job per tick', async () => {
    const q = kafkaQueue({ lockDurationMs: 2_000 });
    current = q;
    await q.queue.waitUntilReady();
    // Jobs take longer than the interval (1.2 s on one slot): ticks must not pile up behind them.
    children = [0, 1, 2].map(() =>
      spawnControlChild({
        queue: q.name,
        brokers: q.connection.brokers,
        lockDurationMs: q.group.lockDurationMs,
        concurrency: 1,
        jobMs: 1_200,
      }),
    );
    await eventually(() => (children.every((c) => c.workerId) ? true : undefined), 60_000);

    await q.queue.upsertJobScheduler('beat', { every: EVERY }, { name: 'beat', data: {} });
    const upsertedAt = Date.now();
    const firer = await eventually(async () => {
      const [info] = await q.queue.getJobSchedulers();
      return info?.lastFired?.state === 'fired' ? info.lastFired.by : undefined;
    }, 20_000);
    await sleep(Math.max(0, upsertedAt + 4_000 - Date.now()));
    const victim = children.find((c) => c.workerId === firer);
    expect(victim).toBeDefined();
    const killedAt = Date.now();
    victim?.process.kill('SIGKILL');
    await victim?.exited;
    await sleep(Math.max(0, upsertedAt + 10_000 - Date.now()));
    await q.queue.removeJobScheduler('beat');
    const removedAt = Date.now();
    await sleep(1_500);

    const records = await q.queue.engine.readTopic(q.queue.topology.topic);
    const ticks = records.map(tickOf);
    const sorted = [...ticks].sort((a, b) => a - b);
    const first = sorted[0] as number;
    const last = sorted.at(-1) as number;
    // No duplicates, no gaps: every tick from the first to the last exactly once.
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks.length).toBe((last - first) / EVERY + 1);
    for (const tick of ticks) expect(tick % EVERY).toBe(0);
    // Ticks covered the whole run: from the upsert until the removal.
    expect(first).toBeLessThanOrEqual(upsertedAt + 2 * EVERY);
    expect(last).toBeGreaterThanOrEqual(removedAt - 4 * EVERY);
    const [after] = await q.queue.getJobSchedulers();
    expect(after).toBeUndefined();

    // Fired by another process after the kill, within a few seconds.
    const afterKill = records.filter((r) => r.timestamp > killedAt).sort((a, b) => a.timestamp - b.timestamp);
    const takeoverMs = (afterKill[0]?.timestamp ?? Number.POSITIVE_INFINITY) - killedAt;
    expect(takeoverMs).toBeLessThan(5_000);
    const lateness = records.map((r) => r.timestamp - tickOf(r)).sort((a, b) => a - b);
    const onTime = records.filter((r) => r.timestamp < killedAt).map((r) => r.timestamp - tickOf(r));
    console.log(
      `scheduler: ${ticks.length} jobs for ticks ${first}..${last} (${(last - first) / EVERY + 1} expected), ` +
        `takeover after SIGKILL ${takeoverMs} ms, lateness before the kill max ${Math.max(...onTime)} ms, ` +
        `median ${lateness[Math.floor(lateness.length / 2)]} ms, max overall ${lateness.at(-1)} ms`,
    );
    // Produced at or after its tick, never early.
    for (const late of lateness) expect(late).toBeGreaterThanOrEqual(0);
  });
});
