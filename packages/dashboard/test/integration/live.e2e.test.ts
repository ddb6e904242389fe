/**
 * The live queue page in Chromium on the real broker: counts, workers and the hour's throughput arrive over
 * the server-sent events stream — the page shows new jobs, a worker and its completions without one more
 * GET of the queue snapshot after the stream's first push.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { launchChromium } from './browser.js';
import { call } from './http-client.js';
import { until } from './scenario.js';

describe('live dashboard (Kafka, Chromium)', () => {
  const brokers = testBrokers();
  const q = uniqueName('live');
  let queue: Queue<{ n: number }>;
  let dashboard: Dashboard;
  let browser: Browser;
  let worker: Worker<{ n: number }> | undefined;

  beforeAll(async () => {
    queue = new Queue(q, { connection: { brokers } });
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'first', data: { n } })));
    dashboard = await startDashboard({
      connection: { brokers },
      queues: [q],
      readOnly: true,
      refreshMs: 500,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await worker?.close();
    await browser?.close();
    await dashboard?.close();
    await queue?.close();
  });

  it('streams snapshots as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${dashboard.url}/api/queues/${q}/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    let text = '';
    while (reader && !text.includes('event: snapshot')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = /event: snapshot\ndata: (.*)\n/.exec(text)?.[1] ?? '{}';
    expect(JSON.parse(data)).toMatchObject({ name: q, counts: { waiting: 3 } });
    expect((await call(dashboard.url, `/api/queues/${q}/stream`, { method: 'POST' })).status).toBe(405);
  });

  it('updates counts, workers and throughput without polling the snapshot', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const snapshotGets: number[] = [];
    const snapshotPath = `/api/queues/${q}`;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === snapshotPath) snapshotGets.push(Date.now());
    });
    await page.goto(`${dashboard.url}/#/queues/${q}`);
    const waiting = page.locator('.tile-blue .tile-value');
    await until(async () => (await waiting.textContent())?.trim() === '3', 30_000, '3 waiting on the page');
    await page.waitForTimeout(1_500); // the stream has pushed by now
    const since = Date.now();

    await queue.addBulk([4, 5, 6, 7].map((n) => ({ name: 'more', data: { n } })));
    await until(async () => (await waiting.textContent())?.trim() === '7', 30_000, '7 waiting, pushed');

    worker = new Worker<{ n: number }>(q, async () => 'ok', { connection: { brokers } });
    await until(async () => (await waiting.textContent())?.trim() === '0', 60_000, 'drained, pushed');
    await until(
      async () => ((await page.locator('#section-throughput').textContent()) ?? '').includes('7 completed'),
      60_000,
      'the hour chart counting 7 completions',
    );
    expect(await page.locator('#throughput .spark-green span').count()).toBe(60);
    expect(await page.locator('#section-workers').textContent()).toContain(worker.id);
    expect(snapshotGets.filter((at) => at >= since)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
