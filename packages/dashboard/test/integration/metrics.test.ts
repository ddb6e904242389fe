/**
 * /metrics on the real broker: the numbers match what happened. 20 jobs complete and 3 fail twice
 * (attempts: 2) → completed 20, failed 6, retried 3, dead 3, 20 durations; waiting / dead / workers
 * follow; the API's token guards /metrics; the scrape port serves it without the token.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { call } from './http-client.js';
import { sampleValue } from './prometheus-text.js';
import { until } from './scenario.js';

const TOKEN = 'metrics-token-0123456789';

describe('dashboard /metrics on Kafka', () => {
  const brokers = testBrokers();
  const q = uniqueName('metered');
  let queue: Queue<{ fail?: boolean }>;
  let dashboard: Dashboard;
  let worker: Worker<{ fail?: boolean }> | undefined;

  const scrape = async () => {
    const reply = await call(dashboard.url, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(200);
    expect(String(reply.headers['content-type'])).toContain('text/plain');
    return reply.text;
  };
  const value = (text: string, name: string, labels: Record<string, string> = {}) =>
    sampleValue(text, name, { queue: q, ...labels });

  beforeAll(async () => {
    queue = new Queue(q, { connection: { brokers } });
    await queue.waitUntilReady();
    dashboard = await startDashboard({
      connection: { brokers },
      queues: [q],
      token: TOKEN,
      refreshMs: 200,
      metricsPort: 0,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await dashboard?.close();
    await queue?.close();
  });

  it('needs the token on the API port and not on the scrape port', async () => {
    expect((await call(dashboard.url, '/metrics')).status).toBe(401);
    expect(dashboard.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const open = await call(dashboard.metricsUrl as string, '/metrics');
    expect(open.status).toBe(200);
    expect(sampleValue(open.text, 'sharq_queue_waiting', { queue: q })).toBe(0);
    expect((await call(dashboard.metricsUrl as string, '/api/queues')).status).toBe(404);
  });

  it('counts completed, failed, retried and dead jobs as they happen', async () => {
    const before = await scrape(); // the counters start here
    expect(value(before, 'sharq_jobs_completed_total')).toBe(0);

    await queue.addBulk(
      Array.from({ length: 20 }, (_, n) => ({ name: 'ok', data: {}, opts: { jobId: `ok-${n}` } })),
    );
    await queue.addBulk(
      Array.from({ length: 3 }, (_, n) => ({
        name: 'bad',
        data: { fail: true },
        opts: { attempts: 2, jobId: `bad-${n}` },
      })),
    );
    const waiting = await until(
      async () => (value(await scrape(), 'sharq_queue_waiting') === 23 ? true : undefined),
      30_000,
      'waiting 23',
    );
    expect(waiting).toBe(true);

    worker = new Worker<{ fail?: boolean }>(
      q,
      async (job) => {
        if (job.data.fail) throw new Error('refused');
        return 'done';
      },
      { connection: { brokers }, concurrency: 5 },
    );
    const text = await until(
      async () => {
        const t = await scrape();
        return value(t, 'sharq_jobs_completed_total') === 20 && value(t, 'sharq_jobs_dead_total') === 3
          ? t
          : undefined;
      },
      60_000,
      '20 completed and 3 dead in the counters',
    );
    expect(value(text, 'sharq_jobs_failed_total')).toBe(6);
    expect(value(text, 'sharq_jobs_retried_total')).toBe(3);
    expect(value(text, 'sharq_job_duration_seconds_count')).toBe(20);
    const settled = await until(
      async () => {
        const t = await scrape();
        return value(t, 'sharq_queue_waiting') === 0 && value(t, 'sharq_queue_dead') === 3 ? t : undefined;
      },
      30_000,
      'waiting 0 and 3 dead',
    );
    expect(value(settled, 'sharq_queue_active')).toBe(0);
    expect(value(settled, 'sharq_queue_workers')).toBe(1);
    expect(value(settled, 'sharq_queue_partition_lag', { partition: '0' })).toBe(0);
  });
});
