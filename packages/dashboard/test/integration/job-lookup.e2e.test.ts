/**
 * Job lookup on the real broker, API and page: a job that failed once and then completed is answered
 * from the dashboard's index with both attempts (worker, error); a job that never started is found by a
 * scan of the queue topic; an unknown id is 404. In Chromium: paste the id on the queue page → timeline.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, type JobLookup, startDashboard } from '../../src/index.js';
import { launchChromium } from './browser.js';
import { call } from './http-client.js';
import { until } from './scenario.js';

describe('job lookup (Kafka, Chromium)', () => {
  const brokers = testBrokers();
  const q = uniqueName('lookup');
  let queue: Queue<{ n: number }>;
  let worker: Worker<{ n: number }>;
  let dashboard: Dashboard;
  let browser: Browser;

  beforeAll(async () => {
    queue = new Queue(q, { connection: { brokers } });
    await queue.waitUntilReady();
    dashboard = await startDashboard({
      connection: { brokers },
      queues: [q],
      readOnly: true,
      refreshMs: 500,
    });
    worker = new Worker<{ n: number }>(
      q,
      async (job) => {
        if (job.attempt === 1) throw new Error('card declined');
        return 'charged';
      },
      { connection: { brokers }, drainDelayMs: 500 },
    );
    const completed = new Promise<void>((resolve) => worker.on('completed', () => resolve()));
    await queue.add('charge', { n: 7 }, { jobId: 'order-7', attempts: 3 });
    await completed;
    await worker.close();
    await queue.add('charge', { n: 8 }, { jobId: 'order-8' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await dashboard?.close();
    await queue?.close();
  });

  const lookUp = (id: string) => call(dashboard.url, `/api/queues/${q}/jobs/${encodeURIComponent(id)}`);

  it('answers a worked job from the index, a waiting one from a scan, and 404 for an unknown id', async () => {
    const done = await until(
      async () => {
        const reply = await lookUp('order-7');
        const body = reply.json as JobLookup | undefined;
        return reply.status === 200 && body?.timeline.state === 'completed' ? body : undefined;
      },
      30_000,
      'order-7 completed in the lookup',
    );
    expect(done.source).toBe('index');
    expect(done.timeline.attempts).toEqual([
      expect.objectContaining({ attempt: 1, workerId: worker.id, outcome: 'failed', error: 'card declined' }),
      expect.objectContaining({ attempt: 2, workerId: worker.id, outcome: 'completed' }),
    ]);
    expect(done.timeline.entries.map((e) => e.type)).toEqual([
      'added',
      'active',
      'failed',
      'active',
      'completed',
    ]);

    const waiting = (await lookUp('order-8')).json as JobLookup;
    expect(waiting).toMatchObject({ source: 'scan', timeline: { state: 'waiting', attempts: [] } });
    const unknown = await lookUp('no-such-job');
    expect(unknown.status).toBe(404);
    expect((unknown.json as { error: { code: string } }).error.code).toBe('JOB_NOT_FOUND');
  });

  it('finds a job pasted on the queue page and shows its attempts', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${dashboard.url}/#/queues/${q}`);
    await page.fill('#job-lookup-id', 'order-7');
    await page.click('#job-lookup-go');
    await page.locator('#job-timeline').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain(`#/queues/${q}/jobs/order-7`);
    const text = (await page.locator('#job-timeline').textContent()) ?? '';
    expect(text).toContain('completed');
    expect(text).toContain('card declined');
    expect(text).toContain('Attempts (2)');
    expect(await page.locator('#job-timeline .job-entries tbody tr').count()).toBe(5);

    await page.goto(`${dashboard.url}/#/queues/${q}/jobs/no-such-job`);
    await page.locator('.not-found').waitFor({ timeout: 20_000 });
    expect(await page.locator('.not-found').textContent()).toContain('JOB_NOT_FOUND');
    expect(errors).toEqual([]);
    await page.close();
  });
});
