/**
 * A Worker's own /metrics on the real broker: the counters match what the worker did. 12 jobs complete,
 * 2 fail twice (attempts: 2 → 2 retries, 2 dead), one job runs past half its lock (renewed at least once);
 * while that job runs, active_jobs = 1 and held_records >= 1; afterwards they are 0. ShareFetch round trips that
 * acquired records are in the fetch histogram (at least one, at most one per delivery).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerMetrics } from '../../../src/index.js';
import { eventually, kafkaQueue } from '../../helpers/kafka.js';

const sample = (text: string, name: string, labels: Record<string, string>) => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)) && !l.startsWith('#'));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe('Worker metrics on Kafka', () => {
  it('counts outcomes, durations and lock renewals, and shows held jobs', async () => {
    const q = kafkaQueue({ lockDurationMs: 1_000 });
    current = q;
    const metrics = new WorkerMetrics();
    const server = await metrics.listen({ port: 0 });
    try {
      const scrape = async () => (await fetch(server.url)).text();
      await q.queue.addBulk(Array.from({ length: 12 }, (_, n) => ({ name: 'ok', data: { n } })));
      await q.queue.addBulk([0, 1].map((n) => ({ name: 'bad', data: { n }, opts: { attempts: 2 } })));
      let releaseSlow: () => void = () => {};
      const slowRunning = new Promise<void>((started) => {
        q.worker<{ n: number; slow?: boolean }, string>(
          async (job) => {
            if (job.name === 'bad') throw new Error('refused');
            if (job.data.slow) {
              started();
              await new Promise<void>((resolve) => {
                releaseSlow = resolve;
              });
            }
            return 'ok';
          },
          { metrics, concurrency: 4 },
        );
      });
      const name = q.name;
      const done = await eventually(async () => {
        const text = await scrape();
        return sample(text, 'sharq_worker_jobs_total', { queue: name, outcome: 'completed' }) === 12 &&
          sample(text, 'sharq_worker_jobs_total', { queue: name, outcome: 'dead' }) === 2
          ? text
          : undefined;
      }, 30_000);
      expect(sample(done, 'sharq_worker_jobs_total', { queue: name, outcome: 'retry' })).toBe(2);
      expect(
        sample(done, 'sharq_worker_job_duration_seconds_count', { queue: name, outcome: 'completed' }),
      ).toBe(12);
      expect(sample(done, 'sharq_worker_duplicates_total', { queue: name })).toBe(0);
      expect(sample(done, 'sharq_worker_lock_losses_total', { queue: name })).toBe(0);
      expect(done).toContain('nodejs_eventloop_lag_seconds');
      // Every record came through a ShareFetch that acquired something, timed from request to answer.
      const fetchesWithRecords =
        sample(done, 'sharq_worker_share_fetch_seconds_count', { queue: name, result: 'records' }) ?? 0;
      expect(fetchesWithRecords).toBeGreaterThanOrEqual(1);
      expect(fetchesWithRecords).toBeLessThanOrEqual(16);
      expect(
        sample(done, 'sharq_worker_share_fetch_seconds_sum', { queue: name, result: 'records' }),
      ).toBeGreaterThan(0);

      // A job that runs until released, on a 1 s lock: held while it runs, renewed about every 0.5 s.
      await q.queue.add('slow', { n: 99, slow: true });
      await slowRunning;
      const running = await eventually(async () => {
        const text = await scrape();
        return (sample(text, 'sharq_worker_lock_renewals_total', { queue: name }) ?? 0) >= 2
          ? text
          : undefined;
      }, 15_000);
      expect(sample(running, 'sharq_worker_active_jobs', { queue: name })).toBe(1);
      expect(sample(running, 'sharq_worker_held_records', { queue: name })).toBeGreaterThanOrEqual(1);
      releaseSlow();
      const after = await eventually(async () => {
        const text = await scrape();
        return sample(text, 'sharq_worker_jobs_total', { queue: name, outcome: 'completed' }) === 13
          ? text
          : undefined;
      }, 15_000);
      expect(sample(after, 'sharq_worker_active_jobs', { queue: name })).toBe(0);
    } finally {
      await server.close();
    }
  });
});
