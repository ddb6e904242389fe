/**
 * Deduplication contract (jobId with `deduplicateJobIds`, and `deduplication: { id, ttl }`): the same on
 * every engine. Run on the embedded engine (test/job/dedup/dedup.contract.test.ts) and on Kafka
 * (test/integration/job/dedup/dedup.contract.test.ts). Each case has its own queue.
 */
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import {
  type DeduplicatedEvent,
  decodeEnvelope,
  type Job,
  type JobEnvelope,
  Queue,
  QueueEvents,
  releaseDedupClaim,
} from '../../../src/index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every envelope in the queue topic (what a worker would run). */
async function enqueued(engine: Engine, queue: Queue<unknown>): Promise<JobEnvelope[]> {
  const records = await engine.readTopic(queue.topology.topic);
  return records.flatMap((record) => {
    const decoded = decodeEnvelope(record);
    return decoded.ok ? [decoded.envelope] : [];
  });
}

export function runDedupContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  settleMs = 5_000,
): void {
  describe(`Deduplication contract: ${label}`, { timeout: 60_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const { track } = suite;
    const queue = (prefix: string, deduplicateJobIds = true, name = uniqueName(prefix)): Queue<unknown> => {
      return track(new Queue<unknown>(name, { connection: suite.engine, deduplicateJobIds }));
    };

    it('a second add with the jobId of a waiting job is not enqueued: it resolves to the first and emits deduplicated', async () => {
      const q = queue('dd-jobid');
      const heard: [string, string, string][] = [];
      q.on('deduplicated', (existing, key, rejectedName) => heard.push([existing.id, key, rejectedName]));
      const first = await q.add('first', { n: 1 }, { jobId: 'order-1' });
      const second = await q.add('second', { n: 2 }, { jobId: 'order-1' });
      const other = await q.add('other', { n: 3 }, { jobId: 'order-2' });
      expect(second.id).toBe('order-1');
      expect(second.name).toBe('first');
      expect(second.data).toEqual({ n: 1 });
      expect(second.timestamp).toBe(first.timestamp);
      expect(second.opts.dedup?.token).toBe(first.opts.dedup?.token);
      expect(other.id).toBe('order-2');
      expect(heard).toEqual([['order-1', 'job:order-1', 'second']]);
      const jobs = await enqueued(suite.engine, q);
      expect(jobs.map((j) => [j.id, j.name]).sort()).toEqual([
        ['order-1', 'first'],
        ['order-2', 'other'],
      ]);
    });

    it('without deduplicateJobIds a jobId is only a name: both adds are enqueued, no claim is written', async () => {
      const q = queue('dd-off', false);
      await q.add('a', {}, { jobId: 'same' });
      await q.add('b', {}, { jobId: 'same' });
      expect((await enqueued(suite.engine, q)).map((j) => j.name).sort()).toEqual(['a', 'b']);
      expect(await suite.engine.partitionCount(q.topology.dedupTopic)).toBeUndefined();
    });

    it('a delayed job holds its id too; addBulk deduplicates against earlier adds and within itself', async () => {
      const q = queue('dd-bulk');
      await q.add('later', { n: 0 }, { jobId: 'd', delay: 60_000 });
      const jobs = await q.addBulk([
        { name: 'x', data: { n: 1 }, opts: { jobId: 'd' } },
        { name: 'y', data: { n: 2 }, opts: { jobId: 'e' } },
        { name: 'z', data: { n: 3 }, opts: { jobId: 'e' } },
        { name: 'plain', data: { n: 4 } },
      ]);
      expect(jobs.map((j) => [j.id, j.name])).toEqual([
        ['d', 'later'],
        ['e', 'y'],
        ['e', 'y'],
        [jobs[3]?.id, 'plain'],
      ]);
      expect((await enqueued(suite.engine, q)).map((j) => j.name).sort()).toEqual(['plain', 'y']);
    });

    it("a finished job's release (what the worker writes) frees its id; a stale release does not free a newer claim", async () => {
      const q = queue('dd-release');
      const first = await q.add('one', {}, { jobId: 'r' });
      expect(first.opts.dedup).toMatchObject({ key: 'job:r' });
      await releaseDedupClaim(suite.engine, q.topology, first.opts);
      const second = await q.add('two', {}, { jobId: 'r' });
      expect(second.name).toBe('two');
      // first's release again (e.g. its replayed copy finishing): second keeps the id.
      await releaseDedupClaim(suite.engine, q.topology, first.opts);
      const third = await q.add('three', {}, { jobId: 'r' });
      expect(third.name).toBe('two');
      expect((await enqueued(suite.engine, q)).map((j) => j.name).sort()).toEqual(['one', 'two']);
    });

    it('deduplication { id, ttl }: throttles for ttl ms from the first add, then the next add is enqueued', async () => {
      const q = queue('dd-ttl', false);
      await q.add('warm-up', {}, { deduplication: { id: 'warm-up' } }); // topic created, tail running
      const ttl = 3_000;
      const first = await q.add('a', {}, { deduplication: { id: 'user-7', ttl } });
      const second = await q.add('b', {}, { deduplication: { id: 'user-7', ttl } });
      expect(second.id).toBe(first.id);
      // A ttl claim is never released by its job finishing (throttle mode).
      await releaseDedupClaim(suite.engine, q.topology, first.opts);
      const third = await q.add('c', {}, { deduplication: { id: 'user-7' } });
      expect(Date.now() - first.timestamp).toBeLessThan(ttl); // else the case proves nothing
      expect(third.id).toBe(first.id);
      await sleep(Math.max(0, first.timestamp + ttl + 100 - Date.now()));
      const later = await q.add('d', {}, { deduplication: { id: 'user-7', ttl } });
      expect(later.id).not.toBe(first.id);
      expect((await enqueued(suite.engine, q)).map((j) => j.name).sort()).toEqual(['a', 'd', 'warm-up']);
    });

    it('QueueEvents in another instance hears deduplicated (jobId and deduplication.id), not the winning adds', async () => {
      const q = queue('dd-events');
      await q.waitUntilReady();
      const events = suite.track(new QueueEvents(q.name, { connection: suite.engine }));
      await events.waitUntilReady();
      const heard: DeduplicatedEvent[] = [];
      events.on('deduplicated', (event) => heard.push(event));
      await q.add('first', {}, { jobId: 'order-1' });
      await q.add('again', {}, { jobId: 'order-1' });
      const kept = await q.add('a', {}, { deduplication: { id: 'user-7' } });
      const [, plain] = await q.addBulk([
        { name: 'b', data: {}, opts: { deduplication: { id: 'user-7' } } },
        { name: 'plain', data: {} },
      ]);
      const deadline = Date.now() + settleMs;
      while (heard.length < 2 && Date.now() < deadline) await sleep(50);
      await sleep(200); // nothing more may arrive
      expect(heard.map(({ ts: _ts, jobId, ...rest }) => rest)).toEqual([
        { type: 'deduplicated', name: 'again', deduplicationId: 'order-1' },
        { type: 'deduplicated', name: 'b', deduplicationId: 'user-7', existingJobId: kept.id },
      ]);
      expect(heard[0]?.jobId).toBe('order-1');
      expect(heard[1]?.jobId).not.toBe(kept.id);
      expect(heard.map((e) => e.jobId)).not.toContain(plain?.id);
    });

    it('removeDeduplicationKey drops a claim left without a job', async () => {
      const q = queue('dd-remove');
      await q.add('a', {}, { deduplication: { id: 'k' } });
      await q.add('j', {}, { jobId: 'j1' });
      await q.removeDeduplicationKey('k');
      await q.removeDeduplicationKey('j1', { jobId: true });
      expect((await q.add('b', {}, { deduplication: { id: 'k' } })).name).toBe('b');
      expect((await q.add('j2', {}, { jobId: 'j1' })).name).toBe('j2');
    });

    it('three Queues (as three producers) racing on the same 300 ids: one job per id, and all agree which', async () => {
      const name = uniqueName('dd-race');
      const producers = [queue('', true, name), queue('', true, name), queue('', true, name)];
      const ids = Array.from({ length: 300 }, (_, i) => `id-${i}`);
      const results: Job<unknown>[][] = await Promise.all(
        producers.map((p, n) =>
          Promise.all(
            ids.map((id, i) =>
              i % 2 === 0
                ? p.add(`p${n}`, { n }, { jobId: id })
                : p
                    .addBulk([{ name: `p${n}`, data: { n }, opts: { jobId: id } }])
                    .then(([job]) => job as Job<unknown>),
            ),
          ),
        ),
      );
      const jobs = await enqueued(suite.engine, producers[0] as Queue<unknown>);
      expect(jobs).toHaveLength(300);
      expect(new Set(jobs.map((j) => j.id)).size).toBe(300);
      const winner = new Map(jobs.map((j) => [j.id, j.name]));
      for (const perProducer of results) {
        perProducer.forEach((job, i) => {
          expect(job.id).toBe(ids[i]);
          expect(job.name).toBe(winner.get(job.id));
        });
      }
    });
  });
}
