/**
 * The job-layer contract: Queue, delays, DLQ, events and counts behave the same on every engine.
 * Run on the embedded engine (test/job/queue.contract.test.ts) and on Kafka
 * (test/integration/job/queue.contract.test.ts). Real time; every case has its own queue.
 */
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import type { DeliveredRecord, Engine, ShareConsumer } from '../../src/engine/engine.js';
import {
  DeadLetterWriter,
  DelayForwarder,
  decodeEnvelope,
  EventPublisher,
  type JobEnvelope,
  Queue,
  QueueEvents,
  REPLAY_HEADER,
} from '../../src/index.js';
import { crashingEngine } from './helpers.js';

export interface QueueContractOptions {
  /** How long to wait for anything to show up (broker round trips, group joins). */
  settleMs?: number;
  /** Assert that due jobs become waiting within 1 s of due (real-broker timing test). */
  checkDelayLatency?: boolean;
  /**
   * Whether the store dead-letters what it archives on its own (KIP-1191: Kafka 4.4 with share.version=2,
   * and the embedded engine). Default true; Kafka 4.2/4.3 drop such records instead.
   */
  brokerDlq?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function pollEnvelopes(
  consumer: ShareConsumer,
  count: number,
  timeoutMs: number,
): Promise<{ record: DeliveredRecord; envelope: JobEnvelope; at: number }[]> {
  const out: { record: DeliveredRecord; envelope: JobEnvelope; at: number }[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < deadline) {
    const records = await consumer.poll(500, {
      maxWaitMs: Math.max(1, Math.min(500, deadline - Date.now())),
    });
    for (const record of records) {
      const decoded = decodeEnvelope(record);
      if (!decoded.ok) throw new Error(`not an envelope: ${decoded.reason}`);
      out.push({ record, envelope: decoded.envelope, at: Date.now() });
      await consumer.acknowledge(record, 'accept');
    }
  }
  return out;
}

/** Acquires the one job record of a queue's group (not settled: the caller decides), or throws. */
async function acquireOne(consumer: ShareConsumer, timeoutMs: number): Promise<DeliveredRecord> {
  const records: DeliveredRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (records.length === 0 && Date.now() < deadline)
    records.push(...(await consumer.poll(1, { maxWaitMs: 500 })));
  const [record] = records;
  if (!record) throw new Error('job not delivered');
  return record;
}

export function runQueueContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: QueueContractOptions = {},
): void {
  const settleMs = options.settleMs ?? 5_000;
  const brokerDlq = options.brokerDlq ?? true;

  describe(`Queue contract: ${label}`, { timeout: 4 * settleMs + 15_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const { track } = suite;

    it('add/addBulk write envelopes a share consumer receives, in one format', async () => {
      const queue = track(
        new Queue<{ n: number }>(uniqueName('qc-add'), { connection: suite.engine, partitions: 2 }),
      );
      const single = await queue.add(
        'one',
        { n: 0 },
        { attempts: 3, backoff: { type: 'exponential', delay: 10 } },
      );
      const bulk = await queue.addBulk(
        Array.from({ length: 20 }, (_, i) => ({ name: 'bulk', data: { n: i + 1 } })),
      );
      const concurrent = await Promise.all(
        Array.from({ length: 30 }, (_, i) => queue.add('c', { n: 100 + i })),
      );
      expect(await suite.engine.partitionCount(queue.topology.topic)).toBe(2);
      const consumer = track(
        suite.engine.createShareConsumer({ groupId: queue.topology.group, topics: [queue.topology.topic] }),
      );
      const got = await pollEnvelopes(consumer, 51, settleMs * 2);
      expect(got).toHaveLength(51);
      const ids = new Set(got.map((g) => g.envelope.id));
      for (const job of [single, ...bulk, ...concurrent]) expect(ids.has(job.id)).toBe(true);
      const first = got.find((g) => g.envelope.id === single.id);
      expect(first?.envelope).toMatchObject({
        name: 'one',
        data: { n: 0 },
        attemptsMade: 0,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 10 } },
      });
      expect(first?.record.key?.toString()).toBe(single.id);
    });

    it('a delayed job becomes waiting only once due, through the delay forwarder', async () => {
      const queue = track(new Queue<number>(uniqueName('qc-delay'), { connection: suite.engine }));
      await queue.waitUntilReady();
      const forwarder = new DelayForwarder(suite.engine, queue.topology);
      track({ close: () => forwarder.stop() });
      forwarder.start();
      const consumer = track(
        suite.engine.createShareConsumer({ groupId: queue.topology.group, topics: [queue.topology.topic] }),
      );
      // Warm-up: the first delayed job also waits for the forwarder's group to form.
      const warm = await queue.add('warm', -1, { delay: 100 });
      expect((await pollEnvelopes(consumer, 1, settleMs * 2)).map((g) => g.envelope.id)).toEqual([warm.id]);
      const now = await queue.add('now', 0);
      const later = await queue.add('later', 1, { delay: 1_500 });
      const dueAt = later.envelope.dueAt ?? 0;
      const got = await pollEnvelopes(consumer, 2, settleMs + 3_000);
      expect(got.map((g) => g.envelope.id)).toEqual([now.id, later.id]);
      const arrived = got[1]?.at ?? 0;
      expect(arrived).toBeGreaterThanOrEqual(dueAt);
      if (options.checkDelayLatency) expect(arrived - dueAt).toBeLessThanOrEqual(1_000);
    });

    it('dead letters: written by the worker side, listed, replayed once, purged; counted', async () => {
      const queue = track(new Queue<{ n: number }>(uniqueName('qc-dlq'), { connection: suite.engine }));
      const job = await queue.add('boom', { n: 1 }, { attempts: 2 });
      const consumer = track(
        suite.engine.createShareConsumer({ groupId: queue.topology.group, topics: [queue.topology.topic] }),
      );
      const record = await acquireOne(consumer, settleMs * 2);
      const decoded = decodeEnvelope(record);
      if (!decoded.ok) throw new Error(decoded.reason);
      const writer = new DeadLetterWriter(suite.engine, queue.topology);
      await writer.write([
        {
          record,
          envelope: decoded.envelope,
          reason: 'failed',
          error: { message: 'kaput', stack: 'Error: kaput' },
          attempts: 2,
          workerId: 'contract-worker',
        },
      ]);
      await consumer.acknowledge(record, 'accept');
      const page = await queue.listDeadJobs();
      expect(page.total).toBe(1);
      const dead = page.jobs[0];
      expect(dead).toMatchObject({
        jobId: job.id,
        by: 'worker',
        reason: 'failed',
        error: { message: 'kaput' },
        attempts: 2,
        workerId: 'contract-worker',
        original: { topic: queue.topology.topic, partition: record.partition, offset: record.offset },
      });
      expect((await queue.getCounts()).dead).toBe(1);
      const replay = await queue.replayDeadJobs(dead?.id ?? '');
      expect(replay.replayed).toEqual([dead?.id]);
      expect((await queue.replayDeadJobs({ all: true })).replayed).toEqual([]);
      const again = await pollEnvelopes(consumer, 1, settleMs * 2);
      expect(again.map((g) => [g.envelope.id, g.envelope.attemptsMade, g.envelope.replay?.from])).toEqual([
        [job.id, 0, dead?.id],
      ]);
      expect((await queue.getCounts()).dead).toBe(0);
      expect((await queue.listDeadJobs({ includeReplayed: true })).total).toBe(1);
      await queue.purgeDeadJobs({ all: true });
      expect((await queue.listDeadJobs({ includeReplayed: true })).total).toBe(0);
      await writer.close();
    });

    it('a replay interrupted between produce and commit is recovered without a second copy', async () => {
      const { engine: crashing, crashOn } = crashingEngine(suite.engine);
      const queue = track(new Queue<{ n: number }>(uniqueName('qc-replay'), { connection: crashing }));
      await queue.waitUntilReady();
      const writer = track(new DeadLetterWriter(suite.engine, queue.topology));
      const job = await queue.add('x', { n: 1 });
      const [stored] = await suite.engine.readTopic(queue.topology.topic);
      if (!stored) throw new Error('job not stored');
      await writer.write([
        {
          record: stored,
          envelope: job.envelope,
          reason: 'failed',
          error: { message: 'e' },
          attempts: 1,
          workerId: 'w',
        },
      ]);
      const [dead] = (await queue.listDeadJobs()).jobs;
      crashOn(queue.topology.dlqStateTopic, 2); // the commit after the produce
      await expect(queue.replayDeadJobs(dead?.id ?? '')).rejects.toMatchObject({ code: 'TEST_CRASH' });
      const recovered = await queue.replayDeadJobs(dead?.id ?? '', { leaseMs: 0 });
      expect(recovered).toMatchObject({ replayed: [dead?.id], recovered: [dead?.id] });
      const copies = (await suite.engine.readTopic(queue.topology.topic)).filter(
        (r) => r.headers[REPLAY_HEADER],
      );
      expect(copies).toHaveLength(1);
    });

    /** A queue whose one job a share consumer receives and REJECTs (the broker then archives it). */
    async function rejectOneJob(prefix: string, expectBrokerDlq: boolean) {
      const queue = track(new Queue<{ n: number }>(uniqueName(prefix), { connection: suite.engine }));
      const provisioned = await queue.waitUntilReady();
      expect(provisioned.brokerDlq).toBe(expectBrokerDlq);
      const job = await queue.add('doomed', { n: 5 });
      const consumer = track(
        suite.engine.createShareConsumer({ groupId: queue.topology.group, topics: [queue.topology.topic] }),
      );
      const record = await acquireOne(consumer, settleMs * 2);
      await consumer.acknowledge(record, 'reject');
      return { queue, job, record, consumer };
    }

    it.runIf(brokerDlq)(
      'a record the broker archives (REJECT) lands in the same DLQ and reads as by=broker',
      async () => {
        const { queue, job, record } = await rejectOneJob('qc-bdlq', true);
        // The broker writes its dead letters asynchronously.
        let page = await queue.listDeadJobs();
        const until = Date.now() + settleMs * 2;
        while (page.total === 0 && Date.now() < until) {
          await sleep(200);
          page = await queue.listDeadJobs();
        }
        expect(page.total).toBe(1);
        expect(page.jobs[0]).toMatchObject({
          by: 'broker',
          reason: 'rejected',
          jobId: job.id,
          name: 'doomed',
          data: { n: 5 },
          attempts: 1,
          original: {
            topic: queue.topology.topic,
            partition: record.partition,
            offset: record.offset,
            deliveryCount: 1,
          },
        });
      },
    );

    it.runIf(!brokerDlq)(
      'without a broker-side DLQ a record the broker archives (REJECT) is gone, not dead-lettered',
      async () => {
        const { queue, consumer } = await rejectOneJob('qc-nobdlq', false);
        // Archived: never delivered again, and nothing is written to the DLQ (a 4.4 broker writes within ~1 s).
        const again = await consumer.poll(1, { maxWaitMs: 3_000 });
        expect(again).toEqual([]);
        expect((await queue.listDeadJobs()).total).toBe(0);
        expect(await suite.engine.readTopic(queue.topology.dlqTopic)).toEqual([]);
      },
    );

    it('delays survive a forwarder restart: state is in the topics and committed offsets', async () => {
      const queue = track(new Queue<number>(uniqueName('qc-restart'), { connection: suite.engine }));
      await queue.waitUntilReady();
      const first = new DelayForwarder(suite.engine, queue.topology);
      first.start();
      const warm = await queue.add('warm', 0, { delay: 50 });
      const consumer = track(
        suite.engine.createShareConsumer({ groupId: queue.topology.group, topics: [queue.topology.topic] }),
      );
      expect((await pollEnvelopes(consumer, 1, settleMs * 2)).map((g) => g.envelope.id)).toEqual([warm.id]);
      const later = await queue.add('later', 1, { delay: 2_500 });
      await sleep(300);
      await first.stop();
      // Nobody forwards while stopped: the job stays delayed.
      expect(await pollEnvelopes(consumer, 1, 2_500)).toEqual([]);
      const second = new DelayForwarder(suite.engine, queue.topology);
      track({ close: () => second.stop() });
      second.start();
      const got = await pollEnvelopes(consumer, 1, settleMs * 2);
      expect(got.map((g) => g.envelope.id)).toEqual([later.id]);
      expect(got[0]?.at ?? 0).toBeGreaterThanOrEqual(later.envelope.dueAt ?? 0);
      expect(await pollEnvelopes(consumer, 1, 500)).toEqual([]);
    });

    it('QueueEvents across instances: typed events and waitUntilFinished', async () => {
      const queue = track(new Queue<number>(uniqueName('qc-events'), { connection: suite.engine }));
      await queue.waitUntilReady();
      const events = track(new QueueEvents(queue.name, { connection: suite.engine }));
      await events.waitUntilReady();
      const job = await queue.add('n', 7);
      const progress: unknown[] = [];
      events.on('progress', (e) => progress.push(e.progress));
      const publisher = track(new EventPublisher(suite.engine, queue.topology));
      publisher.publish({ type: 'progress', jobId: job.id, progress: 40, ts: Date.now() });
      publisher.publish({
        type: 'completed',
        jobId: job.id,
        name: 'n',
        attempt: 1,
        result: 49,
        ts: Date.now(),
      });
      await expect(job.waitUntilFinished(events, settleMs * 2)).resolves.toBe(49);
      expect(progress).toEqual([40]);
    });

    it('getCounts reports waiting jobs and delayed ones', async () => {
      const queue = track(new Queue<number>(uniqueName('qc-counts'), { connection: suite.engine }));
      await queue.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: 'n', data: i })));
      await queue.add('d', 9, { delay: 600_000 });
      const counts = await queue.getCounts();
      expect(counts).toEqual({ waiting: 5, active: 0, delayed: 1, dead: 0 });
    });
  });
}
