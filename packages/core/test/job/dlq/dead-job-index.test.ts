import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../src/embedded/index.js';
import type { Engine, ReadOptions, StoredRecord } from '../../../src/engine/engine.js';
import {
  DeadJobIndex,
  deadLetterRecord,
  encodeEnvelope,
  type JobEnvelope,
  listDeadJobs,
  purgeDeadJobs,
  Queue,
  replayDeadJobs,
} from '../../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

/** Counts the records every readTopic returns, to show a refresh reads only what is new. */
function countingEngine(inner: Engine): { engine: Engine; read: () => number } {
  let read = 0;
  const engine = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'readTopic') {
        return async (topic: string, options?: ReadOptions) => {
          const records = await target.readTopic(topic, options);
          read += records.length;
          return records;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, read: () => read };
}

async function setup() {
  const embedded = freshEngine();
  const queue = new Queue<{ n: number }>('dlq-index', { connection: embedded });
  await queue.waitUntilReady();
  return { embedded, queue, topology: queue.topology };
}

/** n worker-written dead jobs; job i is 'email' (even) or 'sms' (odd), failedAt 1000 + i. */
async function kill(engine: Engine, topic: string, dlqTopic: string, from: number, n: number): Promise<void> {
  const records = Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const envelope: JobEnvelope = {
      v: 1,
      id: `job-${i}`,
      name: i % 2 === 0 ? 'email' : 'sms',
      data: { n: i, to: `user${i}@example.com` },
      opts: { attempts: 1 },
      attemptsMade: 0,
      ts: 1,
    };
    const original: StoredRecord = {
      topic,
      partition: 0,
      offset: i,
      key: Buffer.from(envelope.id),
      value: Buffer.from(encodeEnvelope(envelope).value as string | Buffer),
      headers: {},
      timestamp: 1,
    };
    return deadLetterRecord({
      record: original,
      envelope,
      reason: i % 3 === 0 ? 'unrecoverable' : 'failed',
      error: { message: `error ${i}` },
      attempts: 1,
      workerId: 'w',
      failedAt: 1_000 + i,
    });
  });
  await engine.produce(dlqTopic, records);
}

describe('DeadJobIndex', () => {
  it('pages and filters exactly like listDeadJobs, and a refresh reads only what was appended', async () => {
    const { embedded, topology } = await setup();
    await kill(embedded, topology.topic, topology.dlqTopic, 0, 1_000);
    const { engine, read } = countingEngine(embedded);
    const index = new DeadJobIndex(engine, topology);
    await index.refresh();
    for (const options of [
      { limit: 20, skip: 0 },
      { limit: 20, skip: 980 },
      { limit: 50, skip: 40, filter: { name: 'sms' } },
      { limit: 10, filter: { reason: 'unrecoverable' as const, text: 'USER9' } },
    ]) {
      const expected = await listDeadJobs(embedded, topology, options);
      const page = index.list(options);
      expect(page.total).toBe(expected.total);
      expect(page.jobs.map((j) => j.id)).toEqual(expected.jobs.map((j) => j.id));
    }
    expect(index.list({ limit: 1 }).jobs[0]).toMatchObject({
      jobId: 'job-999',
      name: 'sms',
      error: 'error 999',
    });

    const before = read();
    await kill(embedded, topology.topic, topology.dlqTopic, 1_000, 10);
    await index.refresh();
    // The 10 new records, plus one first-record probe per partition (truncation check).
    expect(read() - before).toBeLessThanOrEqual(11);
    expect(index.list().total).toBe(1_010);
    expect(index.count()).toBe(1_010);
  });

  it('follows replays and purges made by anyone, and gets one job in full', async () => {
    const { embedded, topology } = await setup();
    await kill(embedded, topology.topic, topology.dlqTopic, 0, 30);
    const index = new DeadJobIndex(embedded, topology);
    await index.refresh();
    const [newest] = index.list({ limit: 1 }).jobs;
    const full = await index.get(newest?.id ?? '');
    expect(full).toMatchObject({ jobId: 'job-29', data: { n: 29, to: 'user29@example.com' }, state: 'dead' });

    await replayDeadJobs(embedded, topology, { filter: { name: 'email' } });
    await purgeDeadJobs(embedded, topology, ['0:1', '0:3']);
    await index.refresh();
    expect(index.list().total).toBe(13); // 15 sms - 2 purged; replayed emails hidden
    expect(index.list({ includeReplayed: true }).total).toBe(28);
    expect(index.count()).toBe(13);

    await purgeDeadJobs(embedded, topology, { all: true });
    await index.refresh();
    expect(index.list({ includeReplayed: true }).total).toBe(0);
    await kill(embedded, topology.topic, topology.dlqTopic, 30, 2);
    await index.refresh();
    expect(index.list().jobs.map((j) => j.jobId)).toEqual(['job-31', 'job-30']);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const { embedded, topology } = await setup();
    await kill(embedded, topology.topic, topology.dlqTopic, 0, 150);
    const index = new DeadJobIndex(embedded, topology, { maxEntries: 100 });
    await index.refresh();
    expect(index.size).toBe(100);
    expect(index.dropped).toBe(50);
    expect(index.list({ limit: 1, skip: 99 }).jobs[0]?.jobId).toBe('job-50');
  });
});
