import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { launchChromium } from './browser.js';
import { type Scenario, startScenario, until, XSS } from './scenario.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const DOCS_IMAGES = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

describe('dashboard in Chromium', () => {
  let scenario: Scenario;
  let dashboard: Dashboard;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    scenario = await startScenario({ failForMs: 10_000 });
    dashboard = await startDashboard({
      connection: { brokers: scenario.brokers },
      queues: [scenario.queueName],
      stuckAfterMs: 1_500,
      refreshMs: 1_000,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await scenario?.close();
  });

  it('shows waiting, stuck and dead jobs, renders payloads as text, and replays a dead job to completion', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 860 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // The login link printed by `sharq dashboard` signs the browser in.
    await page.goto(dashboard.loginUrl);
    await page.locator(`a.queue-card[data-queue="${scenario.queueName}"]`).waitFor({ timeout: 30_000 });
    await page.click(`a.queue-card[data-queue="${scenario.queueName}"]`);

    const q = scenario.queueName;
    await until(
      async () => (await page.locator('.tile-blue .tile-value').textContent())?.trim() === '5',
      45_000,
      'five waiting jobs on the page',
    );
    await page
      .locator('#section-stuck td code', { hasText: 'long-report' })
      .or(page.locator('#section-stuck tbody tr', { hasText: 'long-report' }))
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('tr.dead-row', { hasText: 'charge-card' }).waitFor({ timeout: 45_000 });
    // Let sparkline / activity catch up before the picture.
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-overview.png`, fullPage: true });

    // The dead job's detail: data shown as text, no script ran.
    await page.locator('tr.dead-row', { hasText: 'charge-card' }).locator('a').first().click();
    const data = page.locator('#job-data');
    await data.waitFor();
    expect(await data.textContent()).toContain('<script>window.__sharqXss = 1;');
    expect(await page.locator('#job-data script, #job-data img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __sharqXss?: number }).__sharqXss)).toBeUndefined();
    await expect.poll(() => page.locator('.error-message').textContent()).toContain('upstream unavailable');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-dead-job.png`, fullPage: true });

    // Replay it once the processor would succeed, with a worker free to take it.
    await until(() => Date.now() > scenario.failUntil, 20_000, 'failUntil to pass');
    scenario.startHelper();
    await page.click('#replay-one');
    await page.locator('#confirm[open]').waitFor();
    await page.click('#confirm-ok');
    await page.waitForURL(new RegExp(`#/queues/${q}$`));
    await page.locator('#notice', { hasText: 'Replayed' }).waitFor();
    await page
      .locator('.activity li[data-type="completed"]', { hasText: 'charge-card' })
      .first()
      .waitFor({ timeout: 45_000 });
    await until(
      async () => (await page.locator('#dead-title').textContent())?.includes('(0)'),
      30_000,
      'the DLQ to be empty on the page',
    );
    await page.screenshot({ path: `${ARTIFACTS}dashboard-after-replay.png`, fullPage: true });

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(XSS).toContain('<script>');
    // The README's pictures; CI leaves the tracked copies alone (its artifacts stay in test-artifacts/).
    if (!process.env.CI) {
      mkdirSync(DOCS_IMAGES, { recursive: true });
      copyFileSync(`${ARTIFACTS}dashboard-overview.png`, `${DOCS_IMAGES}dashboard-overview.png`);
      copyFileSync(`${ARTIFACTS}dashboard-dead-job.png`, `${DOCS_IMAGES}dashboard-dead-job.png`);
    }
    await context.close();
  });

  it('discards selected and all matching dead jobs, each only after confirmation', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const doomed = { failUntil: Date.now() + 3_600_000 };
    await scenario.queue.addBulk(
      [1, 2, 3].map(() => ({ name: 'doomed', data: doomed, opts: { attempts: 1 } })),
    );
    await page.goto(dashboard.loginUrl);
    await page.goto(`${dashboard.url}/#/queues/${scenario.queueName}`);
    const rows = page.locator('tr.dead-row', { hasText: 'doomed' });
    await until(async () => (await rows.count()) === 3, 45_000, 'three doomed jobs on the page');

    // Cancelling the confirmation changes nothing.
    await rows.first().locator('input[type=checkbox]').check();
    await page.click('#discard-selected');
    await page.locator('#confirm[open]').waitFor();
    expect(await page.locator('#confirm-title').textContent()).toMatch(/Discard 1 selected/);
    await page.click('#confirm button[value=cancel]');
    await page.waitForTimeout(2_500);
    expect(await rows.count()).toBe(3);

    await page.click('#discard-selected');
    await page.click('#confirm-ok');
    await page.locator('#notice', { hasText: 'Discarded 1' }).waitFor();
    await until(async () => (await rows.count()) === 2, 45_000, 'two doomed jobs left');

    await page.fill('#dead-name', 'doomed');
    await page.click('form.filters button[type=submit]');
    await page.click('#discard-matching');
    expect(await page.locator('#confirm-title').textContent()).toMatch(/all 2 dead job\(s\) matching/);
    await page.click('#confirm-ok');
    await page.locator('#notice', { hasText: 'Discarded 2' }).waitFor();
    await until(async () => (await rows.count()) === 0, 45_000, 'no doomed jobs left');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
  it('shows the schedulers panel (next run, last fired job) and pauses/resumes the queue after confirmation', async () => {
    const q = scenario.queueName;
    await scenario.queue.upsertJobScheduler(
      'nightly-report',
      { pattern: '0 2 * * *', tz: 'Europe/Paris' },
      { name: 'report', data: {} },
    );
    await scenario.queue.upsertJobScheduler(
      'heartbeat',
      { every: 1_000 },
      { name: 'beat', data: { note: 'beat' } },
    );
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(dashboard.loginUrl);
    await page.goto(`${dashboard.url}/#/queues/${q}`);
    const panel = page.locator('#section-schedulers');
    await panel.locator('tr', { hasText: 'nightly-report' }).waitFor({ timeout: 30_000 });
    const nightly = (await panel.locator('tr', { hasText: 'nightly-report' }).textContent()) ?? '';
    expect(nightly).toContain('cron "0 2 * * *" (Europe/Paris)');
    // Next run: the next 02:00 in Paris, shown in the page's local time; checked through the API's number.
    const [info] = (await scenario.queue.getJobSchedulers()).filter((s) => s.id === 'nightly-report');
    const paris = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(paris.format(new Date(info?.next as number))).toBe('02:00');
    // The worker fired the heartbeat: its last job (id repeat:heartbeat:<tick>) shows in the panel.
    await until(
      async () =>
        /repeat:heartbeat:\d+/.test(
          (await panel.locator('tr', { hasText: 'heartbeat' }).textContent()) ?? '',
        ),
      30_000,
      'a fired heartbeat job in the panel',
    );

    // Mutations need the token like the others: without it the API refuses.
    const anonymous = await fetch(`${dashboard.url}/api/queues/${q}/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: dashboard.url },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect(await scenario.queue.isPaused()).toBe(false);

    expect(await page.locator('#queue-state').textContent()).toContain('running');
    await page.click('#queue-pause');
    await page.locator('#confirm[open]').waitFor();
    expect(await page.locator('#confirm-title').textContent()).toMatch(/Pause/);
    await page.click('#confirm-ok');
    await page.locator('#notice', { hasText: 'paused' }).waitFor();
    await page.locator('#queue-state', { hasText: 'paused' }).waitFor();
    expect(await scenario.queue.isPaused()).toBe(true);

    await page.click('#queue-resume');
    await page.click('#confirm-ok');
    await page.locator('#queue-state', { hasText: 'running' }).waitFor();
    expect(await scenario.queue.isPaused()).toBe(false);
    await scenario.queue.removeJobScheduler('heartbeat');
    await scenario.queue.removeJobScheduler('nightly-report');
    await page.screenshot({ path: `${ARTIFACTS}schedulers-panel.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
