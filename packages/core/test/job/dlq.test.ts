import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import type { StoredRecord } from '../../src/engine/engine.js';
import {
  DeadLetterWriter,
  decodeEnvelope,
  encodeEnvelope,
  type JobEnvelope,
  Queue,
  REPLAY_HEADER,
} from '../../src/index.js';
import { crashingEngine } from './helpers.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

async function setup(name: string) {
  const engine = freshEngine();
  const queue = new Queue<{ n: number }>(name, { connection: engine });
  await queue.waitUntilReady();
  const writer = new DeadLetterWriter(engine, queue.topology);
  return { engine, queue, writer, topology: queue.topology };
}

function stored(record: ReturnType<typeof encodeEnvelope>, offset: number, topic: string): StoredRecord {
  return {
    topic,
    partition: 0,
    offset,
    key: record.key ? Buffer.from(record.key) : null,
    value: record.value === null ? null : Buffer.from(record.value),
    headers: {},
    timestamp: 1_000 + offset,
  };
}

const envelope = (id: string, name: string, n: number, attemptsMade = 0): JobEnvelope => ({
  v: 1,
  id,
  name,
  data: { n },
  opts: { attempts: 3 },
  attemptsMade,
  ts: 1,
});

/** Three worker-written dead jobs (failed, unrecoverable, malformed) and one broker-written one. */
async function fillDlq(ctx: Awaited<ReturnType<typeof setup>>) {
  const { writer, topology, engine } = ctx;
  await writer.write([
    {
      record: { ...stored(encodeEnvelope(envelope('j1', 'email', 1)), 5, topology.topic), deliveryCount: 3 },
      envelope: envelope('j1', 'email', 1),
      reason: 'failed',
      error: { message: 'SMTP down', name: 'Error', stack: 'Error: SMTP down\n    at send' },
      attempts: 3,
      workerId: 'w-1',
      failedAt: 10_000,
    },
    {
      record: stored(encodeEnvelope(envelope('j2', 'sms', 2)), 6, topology.topic),
      envelope: envelope('j2', 'sms', 2),
      reason: 'unrecoverable',
      error: { message: 'bad number' },
      attempts: 1,
      workerId: 'w-2',
      failedAt: 11_000,
    },
    {
      record: { ...stored({ key: 'junk', value: Buffer.from('not json') }, 7, topology.topic) },
      reason: 'malformed',
      error: { message: 'value is not JSON' },
      attempts: 1,
      workerId: 'w-1',
      failedAt: 12_000,
    },
  ]);
  // The broker's own dead letter: a record REJECTed through the share group (KIP-1191 emulation).
  await engine.produce(topology.topic, [encodeEnvelope(envelope('j4', 'email', 4, 2))]);
  const consumer = engine.createShareConsumer({ groupId: topology.group, topics: [topology.topic] });
  const [delivered] = await consumer.poll(1, { maxWaitMs: 1000 });
  if (!delivered) throw new Error('nothing delivered');
  await consumer.acknowledge(delivered, 'reject');
  await consumer.close();
}

describe('dead letters', () => {
  it('lists worker- and broker-written records in one format, newest first, with filters and paging', async () => {
    const ctx = await setup('dlq-list');
    await fillDlq(ctx);
    const { queue } = ctx;
    const page = await queue.listDeadJobs();
    expect(page.total).toBe(4);
    expect(page.jobs.map((j) => [j.jobId, j.by, j.reason])).toEqual([
      ['j4', 'broker', 'rejected'],
      ['junk', 'worker', 'malformed'],
      ['j2', 'worker', 'unrecoverable'],
      ['j1', 'worker', 'failed'],
    ]);
    const j1 = page.jobs[3];
    expect(j1).toMatchObject({
      name: 'email',
      data: { n: 1 },
      error: { message: 'SMTP down', name: 'Error', stack: 'Error: SMTP down\n    at send' },
      attempts: 3,
      workerId: 'w-1',
      failedAt: 10_000,
      original: { topic: 'sharq.dlq-list', partition: 0, offset: 5, timestamp: 1005, deliveryCount: 3 },
      state: 'dead',
    });
    const j4 = page.jobs[0];
    expect(j4).toMatchObject({
      name: 'email',
      data: { n: 4 },
      error: { message: 'Offset rejected by client.' },
      attempts: 3, // attemptsMade 2 in the envelope + delivery 1
      original: { topic: 'sharq.dlq-list', partition: 0, offset: 0, deliveryCount: 1 },
    });
    expect(page.jobs[1]).toMatchObject({ decodeError: 'value is not JSON', envelope: undefined });
    expect((await queue.listDeadJobs({ filter: { name: 'email' } })).jobs.map((j) => j.jobId)).toEqual([
      'j4',
      'j1',
    ]);
    expect(
      (await queue.listDeadJobs({ filter: { reason: 'unrecoverable' } })).jobs.map((j) => j.jobId),
    ).toEqual(['j2']);
    expect((await queue.listDeadJobs({ filter: { text: 'smtp' } })).jobs.map((j) => j.jobId)).toEqual(['j1']);
    expect((await queue.listDeadJobs({ filter: { by: 'broker' } })).total).toBe(1);
    const second = await queue.listDeadJobs({ limit: 2, skip: 2 });
    expect(second).toMatchObject({ total: 4 });
    expect(second.jobs.map((j) => j.jobId)).toEqual(['j2', 'j1']);
    expect(await queue.getDeadJob(j1?.id ?? '')).toMatchObject({ jobId: 'j1' });
    expect(await queue.getDeadJob('9:9')).toBeUndefined();
  });

  it('replays one, a list, a filter or all: attempts reset, marker kept, replayed ones hidden, malformed skipped', async () => {
    const ctx = await setup('dlq-replay');
    await fillDlq(ctx);
    const { queue, engine, topology } = ctx;
    const all = (await queue.listDeadJobs()).jobs;
    const byJob = new Map(all.map((j) => [j.jobId, j.id]));
    const one = await queue.replayDeadJobs(byJob.get('j1') ?? '');
    expect(one).toMatchObject({ replayed: [byJob.get('j1')], recovered: [], skipped: [] });
    const again = await queue.replayDeadJobs([byJob.get('j1') ?? '', 'nope']);
    expect(again.skipped).toEqual([
      { id: 'nope', reason: 'not found' },
      { id: byJob.get('j1'), reason: 'already replayed' },
    ]);
    const rest = await queue.replayDeadJobs({ all: true });
    expect(rest.replayed.sort()).toEqual([byJob.get('j2'), byJob.get('j4')].sort());
    expect(rest.skipped).toEqual([{ id: byJob.get('junk'), reason: 'not a Sharq job: value is not JSON' }]);

    const copies = (await engine.readTopic(topology.topic)).filter((r) => r.headers[REPLAY_HEADER]);
    expect(copies).toHaveLength(3);
    const envelopes = copies.map((r) => {
      const decoded = decodeEnvelope(r);
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.envelope;
    });
    const j4 = envelopes.find((e) => e.id === 'j4');
    expect(j4).toMatchObject({
      attemptsMade: 0,
      data: { n: 4 },
      replay: { from: byJob.get('j4'), count: 1 },
    });
    expect(copies.find((r) => r.key?.toString() === 'j4')?.headers[REPLAY_HEADER]?.toString()).toBe(
      j4?.replay?.token,
    );

    const listed = await queue.listDeadJobs();
    expect(listed.jobs.map((j) => j.jobId)).toEqual(['junk']);
    const withReplayed = await queue.listDeadJobs({ includeReplayed: true });
    expect(withReplayed.jobs.filter((j) => j.state === 'replayed')).toHaveLength(3);
    expect((await queue.getCounts()).dead).toBe(1);
  });

  it('an interrupted replay never loses or duplicates a job', async () => {
    const ctx = await setup('dlq-crash');
    await fillDlq(ctx);
    const { engine: inner, topology } = ctx;
    const { engine, crashOn } = crashingEngine(inner);
    const queue = new Queue<{ n: number }>('dlq-crash', { connection: engine });
    const ids = (await queue.listDeadJobs({ filter: { name: 'email' } })).jobs.map((j) => j.id);
    const copies = async () =>
      (await inner.readTopic(topology.topic))
        .filter((r) => r.headers[REPLAY_HEADER])
        .map((r) => r.key?.toString());

    // 1. Dies after writing its intents, before producing the copies.
    crashOn(topology.topic, 1);
    await expect(queue.replayDeadJobs(ids)).rejects.toMatchObject({ code: 'TEST_CRASH' });
    expect(await copies()).toEqual([]);
    // A replay within the lease backs off instead of racing the (presumed live) first one.
    const early = await queue.replayDeadJobs(ids);
    expect(early.replayed).toEqual([]);
    expect(early.skipped.map((s) => s.reason)).toEqual([
      'replay in progress elsewhere',
      'replay in progress elsewhere',
    ]);
    // After the lease, a new replay recovers: the copies were never written, so it writes them once.
    const resumed = await queue.replayDeadJobs(ids, { leaseMs: 0 });
    expect(resumed.replayed.sort()).toEqual([...ids].sort());
    expect(resumed.recovered).toEqual([]);
    expect((await copies()).sort()).toEqual(['j1', 'j4']);

    // 2. Dies after producing the copy, before committing: recovery finds the copy, writes no second one.
    const [j2] = (await queue.listDeadJobs({ filter: { name: 'sms' } })).jobs.map((j) => j.id);
    crashOn(topology.dlqStateTopic, 2);
    await expect(queue.replayDeadJobs(j2 ?? '')).rejects.toMatchObject({ code: 'TEST_CRASH' });
    expect((await copies()).sort()).toEqual(['j1', 'j2', 'j4']);
    const recovered = await queue.replayDeadJobs(j2 ?? '', { leaseMs: 0 });
    expect(recovered).toMatchObject({ replayed: [j2], recovered: [j2] });
    expect((await copies()).sort()).toEqual(['j1', 'j2', 'j4']);
    expect((await queue.listDeadJobs()).jobs.map((j) => j.jobId)).toEqual(['junk']);
    await queue.close();
  });

  it('purges by id/filter (hidden) or all (truncated)', async () => {
    const ctx = await setup('dlq-purge');
    await fillDlq(ctx);
    const { queue, engine, topology } = ctx;
    expect(await queue.purgeDeadJobs({ filter: { reason: 'malformed' } })).toEqual({ purged: 1 });
    expect((await queue.listDeadJobs()).jobs.map((j) => j.jobId)).toEqual(['j4', 'j2', 'j1']);
    expect((await queue.getCounts()).dead).toBe(3);
    expect(await queue.purgeDeadJobs({ all: true })).toEqual({ purged: 3 });
    expect(await queue.listDeadJobs()).toEqual({ jobs: [], total: 0 });
    expect(await engine.readTopic(topology.dlqTopic)).toEqual([]);
    expect((await queue.getCounts()).dead).toBe(0);
  });

  it('racing replays and racing recoveries still write exactly one copy per job', async () => {
    const ctx = await setup('dlq-race');
    await fillDlq(ctx);
    const { queue, engine, topology } = ctx;
    const ids = (await queue.listDeadJobs({ filter: { by: 'worker', reason: 'failed' } })).jobs.map(
      (j) => j.id,
    );
    const copies = async () =>
      (await engine.readTopic(topology.topic))
        .filter((r) => r.headers[REPLAY_HEADER])
        .map((r) => r.key?.toString());

    const [a, b] = await Promise.all([queue.replayDeadJobs(ids), queue.replayDeadJobs(ids)]);
    expect([...(a?.replayed ?? []), ...(b?.replayed ?? [])]).toEqual(ids);
    expect(await copies()).toEqual(['j1']);

    // Two recoverers racing to take over a replay that died after its intent.
    const [j2] = (await queue.listDeadJobs({ filter: { name: 'sms' } })).jobs.map((j) => j.id);
    const { engine: crashing, crashOn } = crashingEngine(engine);
    const dying = new Queue<{ n: number }>('dlq-race', { connection: crashing });
    crashOn(topology.topic, 1);
    await expect(dying.replayDeadJobs(j2 ?? '')).rejects.toMatchObject({ code: 'TEST_CRASH' });
    const [r1, r2] = await Promise.all([
      queue.replayDeadJobs(j2 ?? '', { leaseMs: 0 }),
      queue.replayDeadJobs(j2 ?? '', { leaseMs: 0 }),
    ]);
    expect([...(r1?.replayed ?? []), ...(r2?.replayed ?? [])]).toEqual([j2]);
    expect((await copies()).sort()).toEqual(['j1', 'j2']);
    await dying.close();
  });

  it('reads the same state after the broker compacts the state topic', async () => {
    const ctx = await setup('dlq-compact');
    await fillDlq(ctx);
    const { queue, engine, topology } = ctx;
    const byJob = new Map((await queue.listDeadJobs()).jobs.map((j) => [j.jobId, j.id]));
    const { engine: crashing, crashOn } = crashingEngine(engine);
    const dying = new Queue<{ n: number }>('dlq-compact', { connection: crashing });
    crashOn(topology.topic, 1);
    await expect(dying.replayDeadJobs(byJob.get('j4') ?? '')).rejects.toMatchObject({ code: 'TEST_CRASH' });
    await queue.replayDeadJobs(byJob.get('j2') ?? '');
    await queue.purgeDeadJobs(byJob.get('j1') ?? '');
    const before = await queue.listDeadJobs({ includeReplayed: true });
    // Compaction keeps the last record per key, in offset order.
    const compacted = new Proxy(engine, {
      get(target, prop, receiver) {
        if (prop === 'readTopic') {
          return async (topic: string, options?: Parameters<typeof engine.readTopic>[1]) => {
            const records = await target.readTopic(topic, options);
            if (topic !== topology.dlqStateTopic) return records;
            const last = new Map(records.map((r) => [r.key?.toString(), r.offset]));
            return records.filter((r) => last.get(r.key?.toString()) === r.offset);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const view = new Queue<{ n: number }>('dlq-compact', { connection: compacted });
    expect(await view.listDeadJobs({ includeReplayed: true })).toEqual(before);
    expect(before.jobs.map((j) => j.state).sort()).toEqual(['dead', 'replayed', 'replaying']);
    await view.close();
    await dying.close();
  });
});
