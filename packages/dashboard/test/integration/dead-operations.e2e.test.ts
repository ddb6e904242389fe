/**
 * Replaying a large filter in the background with progress (Kafka, API and Chromium): 3,000 dead jobs;
 * `?background=1` answers 202 with an operation at once, GET …/operations/:id follows it to the end
 * (progress committed 3,000 of 3,000); on the page "Replay all matching" shows "Replaying…" progress
 * notices, then the result.
 */
import { deadLetterRecord, encodeEnvelope, type JobEnvelope, Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { launchChromium } from './browser.js';
import { call } from './http-client.js';
import { until } from './scenario.js';

const TOKEN = 'operations-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

async function fillDlq(queue: Queue<{ n: number }>, name: string, count: number): Promise<void> {
  const { topology, engine } = queue;
  const records = Array.from({ length: count }, (_, i) => {
    const envelope: JobEnvelope = {
      v: 1,
      id: `${name}-${i}`,
      name,
      data: { n: i },
      opts: { attempts: 1 },
      attemptsMade: 0,
      ts: 1,
    };
    return deadLetterRecord({
      record: {
        topic: topology.topic,
        partition: 0,
        offset: i,
        key: Buffer.from(envelope.id),
        value: Buffer.from(encodeEnvelope(envelope).value as string),
        headers: {},
        timestamp: 1,
      },
      envelope,
      reason: 'failed',
      error: { message: 'boom' },
      attempts: 1,
      workerId: 'w',
    });
  });
  for (let from = 0; from < count; from += 1_000)
    await engine.produce(topology.dlqTopic, records.slice(from, from + 1_000));
}

describe('background DLQ operations (Kafka, Chromium)', () => {
  const brokers = testBrokers();
  const q = uniqueName('ops');
  let queue: Queue<{ n: number }>;
  let dashboard: Dashboard;
  let browser: Browser;

  beforeAll(async () => {
    queue = new Queue(q, { connection: { brokers } });
    await queue.waitUntilReady();
    await fillDlq(queue, 'api', 1_500);
    await fillDlq(queue, 'page', 3_000);
    dashboard = await startDashboard({ connection: { brokers }, queues: [q], token: TOKEN, refreshMs: 500 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await queue?.close();
  });

  it('answers 202 with an operation and reports its progress to the end', async () => {
    const started = await call(dashboard.url, `/api/queues/${q}/dead/replay?background=1`, {
      body: { filter: { name: 'api' } },
      headers: bearer,
    });
    expect(started.status).toBe(202);
    const operation = started.json as { id: string; state: string; action: string };
    expect(operation).toMatchObject({ state: 'running', action: 'replay' });
    const done = await until(
      async () => {
        const reply = await call(dashboard.url, `/api/queues/${q}/operations/${operation.id}`, {
          headers: bearer,
        });
        const body = reply.json as { state: string; progress?: unknown; result?: { replayed: string[] } };
        return body.state !== 'running' ? body : undefined;
      },
      90_000,
      'the background replay to end',
    );
    expect(done.state).toBe('done');
    expect(done.progress).toEqual({ phase: 'committed', done: 1_500, total: 1_500 });
    expect(done.result?.replayed).toHaveLength(1_500);
    expect((await call(dashboard.url, `/api/queues/${q}/operations/nope`, { headers: bearer })).status).toBe(
      404,
    );
  });

  it('shows progress on the page while "Replay all matching" runs', async () => {
    const page = await browser.newPage();
    await page.goto(dashboard.loginUrl);
    await page.goto(`${dashboard.url}/#/queues/${q}`);
    await page.locator('tr.dead-row').first().waitFor({ timeout: 30_000 });
    // A string, not a function: the test's tsconfig has no DOM types.
    await page.evaluate(`(() => {
      const notice = document.getElementById('notice');
      window.notices = [];
      new MutationObserver(() => window.notices.push(notice.textContent ?? '')).observe(notice, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    })()`);
    await page.fill('#dead-name', 'page');
    await page.click('form.filters button[type=submit]');
    await until(
      async () => ((await page.locator('#dead-title').textContent()) ?? '').includes('3000'),
      30_000,
      '3000 matching',
    );
    await page.click('#replay-matching');
    await page.click('#confirm-ok');
    await page.locator('#notice', { hasText: 'Replayed 3000' }).waitFor({ timeout: 90_000 });
    const notices = (await page.evaluate('window.notices')) as string[];
    expect(notices.some((n) => n.startsWith('Replaying'))).toBe(true);
    await page.close();
  });
});
