import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import {
  DeadLetterWriter,
  encodePresence,
  encodePresenceTombstone,
  type PresenceRecord,
  Queue,
  readPresence,
} from '../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

const presence = (workerId: string, heartbeatAt: number, jobIds: string[]): PresenceRecord => ({
  v: 1,
  workerId,
  queue: 'counts',
  host: 'h',
  pid: 1,
  concurrency: 4,
  startedAt: heartbeatAt - 1000,
  heartbeatAt,
  heartbeatIntervalMs: 1000,
  jobs: jobIds.map((id, i) => ({
    id,
    name: 'n',
    startedAt: heartbeatAt,
    attempt: 1,
    deliveryCount: 1,
    partition: 0,
    offset: i,
  })),
});

describe('presence and counts', () => {
  it('readPresence keeps the latest record per worker, drops tombstones, flags stale ones', async () => {
    const engine = freshEngine();
    const queue = new Queue('presence', { connection: engine });
    await queue.waitUntilReady();
    const now = Date.now();
    await engine.produce(queue.topology.presenceTopic, [
      encodePresence(presence('a', now - 500, ['x'])),
      encodePresence(presence('b', now - 400, [])),
      encodePresence(presence('a', now - 100, ['x', 'y'])),
      encodePresenceTombstone('b'),
      encodePresence(presence('c', now - 60_000, ['z'])),
      { key: 'd', value: 'garbage' },
    ]);
    const workers = await readPresence(engine, queue.topology, { now });
    expect(workers.map((w) => [w.workerId, w.jobs.length, w.stale])).toEqual([
      ['a', 2, false],
      ['c', 1, true],
    ]);
    expect(await readPresence(engine, queue.topology, { now, includeStale: false })).toHaveLength(1);
    await queue.close();
  });

  it('getCounts: waiting = lag − active, active from live workers, delayed from buckets, dead from the DLQ', async () => {
    const engine = freshEngine();
    const queue = new Queue<number>('counts', { connection: engine });
    expect(await queue.getCounts()).toEqual({ waiting: 0, active: 0, delayed: 0, dead: 0 });
    await queue.addBulk(Array.from({ length: 10 }, (_, i) => ({ name: 'n', data: i })));
    await queue.add('later', 1, { delay: 60_000 });
    await queue.add('much-later', 2, { delay: 7_200_000 });
    // A worker holds two of the ten.
    const consumer = engine.createShareConsumer({
      groupId: queue.topology.group,
      topics: [queue.topology.topic],
    });
    const held = await consumer.poll(2, { maxWaitMs: 1000 });
    expect(held).toHaveLength(2);
    await engine.produce(queue.topology.presenceTopic, [
      encodePresence(
        presence(
          'w',
          Date.now(),
          held.map((r) => r.key?.toString() ?? ''),
        ),
      ),
    ]);
    const [first] = held;
    if (!first) throw new Error('nothing held');
    await new DeadLetterWriter(engine, queue.topology).write([
      { record: first, reason: 'failed', error: { message: 'x' }, attempts: 1, workerId: 'w' },
    ]);
    expect(await queue.getCounts()).toEqual({ waiting: 8, active: 2, delayed: 2, dead: 1 });
    expect(await queue.getJobCounts('waiting', 'dead')).toEqual({ waiting: 8, dead: 1 });
    await consumer.acknowledge(first, 'accept');
    // Calling again reuses the bucket cursors and gives the same delayed count.
    expect((await queue.getCounts()).delayed).toBe(2);
    await consumer.close();
    await queue.close();
  });
});
