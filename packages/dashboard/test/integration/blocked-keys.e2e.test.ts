/**
 * Blocked keys of a key-ordered queue on the real broker, API and page: a key whose head job is held by a
 * running processor is listed with that job and the jobs waiting behind it; the page shows it in the
 * "Blocked keys" section; a share-group queue answers ordering 'share' with no keys and has no section.
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

interface BlockedKeysReply {
  ordering: 'share' | 'key';
  keys: { key: string; jobId?: string; workerId: string; state: string; waiting: number }[];
}

describe('blocked keys of a key-ordered queue (Kafka, Chromium)', () => {
  const brokers = testBrokers();
  const ordered = uniqueName('blocked');
  const plain = uniqueName('unordered');
  let queue: Queue<{ n: number }>;
  let shareQueue: Queue;
  let worker: Worker<{ n: number }>;
  let dashboard: Dashboard;
  let browser: Browser;
  let release = () => {};
  let headId = '';

  beforeAll(async () => {
    queue = new Queue(ordered, { connection: { brokers }, ordering: 'key' });
    shareQueue = new Queue(plain, { connection: { brokers } });
    await Promise.all([queue.waitUntilReady(), shareQueue.waitUntilReady()]);
    dashboard = await startDashboard({
      connection: { brokers },
      queues: [ordered, plain],
      readOnly: true,
      refreshMs: 500,
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker = new Worker<{ n: number }>(
      ordered,
      async (job) => {
        if (job.data.n === 1) await held;
      },
      {
        connection: { brokers },
        ordering: 'key',
        concurrency: 4,
        presenceIntervalMs: 300,
        drainDelayMs: 500,
      },
    );
    const jobs = await queue.addBulk(
      [1, 2, 3, 4].map((n) => ({ name: 'charge', data: { n }, opts: { orderingKey: 'customer-42' } })),
    );
    headId = jobs[0]?.id ?? '';
    browser = await launchChromium();
  });

  afterAll(async () => {
    release();
    await browser?.close();
    await worker?.close();
    await dashboard?.close();
    await queue?.close();
    await shareQueue?.close();
  });

  const blockedKeys = async (name: string) =>
    (await call(dashboard.url, `/api/queues/${name}/blocked-keys`)).json as BlockedKeysReply;

  it('lists the key, the job blocking it and the jobs waiting behind it; a share-group queue has none', async () => {
    const reply = await until(
      async () => {
        const body = await blockedKeys(ordered);
        return body.keys.length > 0 ? body : undefined;
      },
      60_000,
      'the blocked key listed',
    );
    expect(reply.ordering).toBe('key');
    expect(reply.keys).toEqual([
      expect.objectContaining({
        key: 'customer-42',
        jobId: headId,
        workerId: worker.id,
        state: 'running',
        waiting: 3,
      }),
    ]);
    expect(await blockedKeys(plain)).toMatchObject({ ordering: 'share', keys: [] });
  });

  it('shows the blocked key on the queue page, and no section for a share-group queue', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${dashboard.url}/#/queues/${ordered}`);
    const section = page.locator('#section-blocked-keys');
    await section.locator('.blocked-key').first().waitFor({ timeout: 45_000 });
    const text = (await section.textContent()) ?? '';
    expect(text).toContain('Blocked keys (1)');
    expect(text).toContain('customer-42');
    expect(text).toContain(headId);

    await page.goto(`${dashboard.url}/#/queues/${plain}`);
    await page.locator('#section-stuck').waitFor({ timeout: 45_000 });
    expect(await page.locator('#section-blocked-keys').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
