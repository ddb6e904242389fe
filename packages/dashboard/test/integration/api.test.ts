import { DEAD_JOB_REASONS, encodePresence } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadJobDetail, DeadJobRow, QueueSnapshot } from '../../src/index.js';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { call, errorCode, type Reply } from './http-client.js';
import { type Scenario, startScenario, until, XSS } from './scenario.js';

const TOKEN = 'test-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('dashboard API on Kafka', () => {
  let scenario: Scenario;
  let dashboard: Dashboard;
  let readOnly: Dashboard;
  let q: string;
  let session: { cookie: string; csrf: string };

  const get = (path: string, headers: Record<string, string> = bearer) =>
    call(dashboard.url, path, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = bearer) =>
    call(dashboard.url, path, { method: 'POST', body, headers });
  const snapshot = async () => (await get(`/api/queues/${q}`)).json as QueueSnapshot;
  const deadList = async (query = '') =>
    (await get(`/api/queues/${q}/dead${query}`)).json as { jobs: DeadJobRow[]; total: number };

  beforeAll(async () => {
    scenario = await startScenario({ failForMs: 8_000 });
    q = scenario.queueName;
    const common = { connection: { brokers: scenario.brokers }, queues: [q], stuckAfterMs: 1_500 };
    dashboard = await startDashboard({ ...common, token: TOKEN });
    readOnly = await startDashboard({ ...common, readOnly: true });
    const login = await call(dashboard.url, '/api/login', { body: { token: TOKEN } });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const info = await call(dashboard.url, '/api/session', { headers: { cookie } });
    session = { cookie, csrf: (info.json as { csrf: string }).csrf };
    // The page's reason filter is the API's own list.
    expect((info.json as { deadReasons: string[] }).deadReasons).toEqual([...DEAD_JOB_REASONS]);
  });

  afterAll(async () => {
    await dashboard?.close();
    await readOnly?.close();
    await scenario?.close();
  });

  it('reports counts, partitions, workers and a stuck job', async () => {
    const s = await until(
      async () => {
        const current = await snapshot();
        return current.counts.waiting === 5 && current.stuck.length === 1 && current.counts.dead === 1
          ? current
          : undefined;
      },
      45_000,
      '5 waiting, 1 stuck, 1 dead',
    );
    expect(s.counts).toMatchObject({ waiting: 5, active: 1, delayed: 0, dead: 1 });
    expect(s.partitions).toHaveLength(1);
    // 7 records added; the log may be longer: a worker hands prefetched records it cannot start in time back
    // as copies (the originals are settled), so only the lag is exact.
    expect(s.partitions[0]).toMatchObject({ partition: 0, lag: 6 });
    expect(s.partitions[0]?.endOffset).toBeGreaterThanOrEqual(7);
    expect(s.workers).toHaveLength(1);
    expect(s.workers[0]).toMatchObject({ state: 'live', concurrency: 1, workerId: scenario.holder.id });
    expect(s.workers[0]?.jobs.map((j) => j.name)).toEqual(['long-report']);
    expect(s.stuck[0]).toMatchObject({
      name: 'long-report',
      workerId: scenario.holder.id,
      workerGone: false,
      deliveryCount: 1,
      reasons: ['held-long'],
    });
    expect(s.rates?.failedPerMin).toBeGreaterThan(0);
    expect(s.activity.some((a) => a.type === 'dead' && a.name === 'charge-card')).toBe(true);

    const overview = (await get('/api/queues')).json as { queues: { name: string; stuck: number }[] };
    expect(overview.queues).toEqual([expect.objectContaining({ name: q, stuck: 1 })]);
  });

  it('lists dead jobs newest first with filters, and shows one in full', async () => {
    const page = await deadList();
    expect(page.total).toBe(1);
    const [row] = page.jobs;
    expect(row).toMatchObject({
      name: 'charge-card',
      reason: 'failed',
      by: 'worker',
      attempts: 1,
      state: 'dead',
    });
    expect((await deadList('?name=nope')).total).toBe(0);
    expect((await deadList('?text=upstream')).total).toBe(1);
    expect((await deadList('?reason=timeout')).total).toBe(0);

    const detail = (await get(`/api/queues/${q}/dead/${row?.id}`)).json as DeadJobDetail;
    expect(detail.data).toEqual({ failUntil: scenario.failUntil, note: XSS });
    expect(detail.errorDetail.message).toMatch(/upstream unavailable/);
    expect(detail.errorDetail.stack).toMatch(/at /);
    expect(detail.workerId).toBe(scenario.holder.id);
    expect(detail.original).toMatchObject({ topic: `sharq.${q}`, partition: 0, offset: 0 });
    expect(detail.attemptsAllowed).toBe(1);
  });

  it('answers typed JSON errors: 401, 403 read-only, CSRF and Origin, 404, 400, 405, 413, 415', async () => {
    const expectError = (reply: Reply, status: number, code: string) => {
      expect({ status: reply.status, code: errorCode(reply) }).toEqual({ status, code });
    };
    const target = { ids: ['0:0'] };
    expectError(await get('/api/queues', {}), 401, 'UNAUTHORIZED');
    expectError(await get('/api/queues', { authorization: 'Bearer wrong-token-xx' }), 401, 'UNAUTHORIZED');
    expectError(
      await call(dashboard.url, '/api/login', { body: { token: 'wrong-token-xx' } }),
      401,
      'BAD_TOKEN',
    );
    expectError(await post(`/api/queues/${q}/dead/replay`, target, {}), 401, 'UNAUTHORIZED');

    // Cookie sessions need the CSRF header, and a foreign Origin is refused whatever it carries.
    const cookie = { cookie: session.cookie };
    expect((await get('/api/queues', cookie)).status).toBe(200);
    expectError(await post(`/api/queues/${q}/dead/purge`, target, cookie), 403, 'CSRF');
    expectError(
      await post(`/api/queues/${q}/dead/purge`, target, { ...cookie, 'x-sharq-csrf': 'forged' }),
      403,
      'CSRF',
    );
    expectError(
      await post(`/api/queues/${q}/dead/purge`, target, {
        ...cookie,
        'x-sharq-csrf': session.csrf,
        origin: 'http://evil.example',
      }),
      403,
      'BAD_ORIGIN',
    );
    expectError(
      await post(`/api/queues/${q}/dead/purge`, target, { ...bearer, 'sec-fetch-site': 'cross-site' }),
      403,
      'BAD_ORIGIN',
    );
    expectError(
      await call(dashboard.url, '/api/queues', { headers: { ...bearer, host: 'evil.example' } }),
      403,
      'BAD_HOST',
    );
    // No mutation through GET.
    expectError(await get(`/api/queues/${q}/dead/replay`), 405, 'METHOD_NOT_ALLOWED');

    // Read-only: reads open without a token, every mutation 403, no CSRF token handed out.
    const ro = (path: string, init: Parameters<typeof call>[2] = {}) => call(readOnly.url, path, init);
    expect(readOnly.token).toBeUndefined();
    expect((await ro(`/api/queues/${q}`)).status).toBe(200);
    expect((await ro('/api/session')).json).toMatchObject({ readOnly: true, authRequired: false });
    expect((await ro('/api/session')).json).not.toHaveProperty('csrf');
    expectError(await ro(`/api/queues/${q}/dead/replay`, { body: target }), 403, 'READ_ONLY');
    expectError(await ro(`/api/queues/${q}/dead/purge`, { body: { all: true } }), 403, 'READ_ONLY');

    expectError(await get('/api/queues/no-such-queue'), 404, 'QUEUE_NOT_FOUND');
    expectError(await post('/api/queues/no-such-queue/dead/replay', target), 404, 'QUEUE_NOT_FOUND');
    expectError(await get(`/api/queues/${q}/dead/9:999`), 404, 'DEAD_JOB_NOT_FOUND');
    expectError(await get('/api/nothing'), 404, 'NOT_FOUND');

    expectError(await post(`/api/queues/${q}/dead/replay`, { ids: ['not-an-id'] }), 400, 'VALIDATION');
    expectError(await post(`/api/queues/${q}/dead/replay`, { ids: ['0:0'], all: true }), 400, 'VALIDATION');
    expectError(await post(`/api/queues/${q}/dead/replay`, { all: false }), 400, 'VALIDATION');
    expectError(
      await post(`/api/queues/${q}/dead/purge`, { filter: { reason: 'bogus' } }),
      400,
      'VALIDATION',
    );
    expectError(await get(`/api/queues/${q}/dead?limit=0`), 400, 'VALIDATION');
    expectError(
      await call(dashboard.url, `/api/queues/${q}/dead/replay`, { rawBody: '{"ids":', headers: bearer }),
      400,
      'BAD_JSON',
    );
    expectError(
      await call(dashboard.url, `/api/queues/${q}/dead/replay`, {
        rawBody: 'ids=0:0',
        headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const huge = { ids: ['0:0'], padding: 'x'.repeat(100 * 1024) };
    expectError(await post(`/api/queues/${q}/dead/replay`, huge), 413, 'PAYLOAD_TOO_LARGE');
    // Nothing above touched the DLQ.
    expect((await deadList()).total).toBe(1);
  });

  it('control: schedulers and paused state (read-only readable), pause/resume guarded like every mutation', async () => {
    const control = async (url = dashboard.url, headers: Record<string, string> = bearer) =>
      (await call(url, `/api/queues/${q}/schedulers`, { headers })).json as {
        paused: boolean;
        schedulers: { id: string; next?: number }[];
      };
    expect(await control()).toMatchObject({ paused: false });
    await scenario.queue.upsertJobScheduler(
      'api-hourly',
      { pattern: '0 * * * *' },
      { name: 'hourly', data: {} },
    );
    const listed = await control();
    expect(listed.schedulers.map((s) => s.id)).toContain('api-hourly');
    expect(listed.schedulers.find((s) => s.id === 'api-hourly')?.next).toBeGreaterThan(Date.now());
    expect((await control(readOnly.url, {})).schedulers.map((s) => s.id)).toContain('api-hourly');

    expect(errorCode(await post(`/api/queues/${q}/pause`, {}, {}))).toBe('UNAUTHORIZED');
    expect(errorCode(await post(`/api/queues/${q}/pause`, {}, { cookie: session.cookie }))).toBe('CSRF');
    expect(errorCode(await call(readOnly.url, `/api/queues/${q}/pause`, { body: {} }))).toBe('READ_ONLY');
    expect(errorCode(await post(`/api/queues/${q}/pause`, { now: true }))).toBe('VALIDATION');
    expect(errorCode(await get(`/api/queues/${q}/pause`))).toBe('METHOD_NOT_ALLOWED');
    expect(await scenario.queue.isPaused()).toBe(false);

    expect((await post(`/api/queues/${q}/pause`, {})).json).toEqual({ paused: true });
    expect(await scenario.queue.isPaused()).toBe(true);
    expect((await control()).paused).toBe(true);
    expect(
      (await post(`/api/queues/${q}/resume`, {}, { cookie: session.cookie, 'x-sharq-csrf': session.csrf }))
        .json,
    ).toEqual({
      paused: false,
    });
    expect(await scenario.queue.isPaused()).toBe(false);
    await scenario.queue.removeJobScheduler('api-hourly');
  });

  it('replays a dead job through the API (cookie + CSRF) and the job completes', async () => {
    const [row] = (await deadList()).jobs;
    await until(() => Date.now() > scenario.failUntil, 20_000, 'failUntil to pass');
    scenario.startHelper();
    const replay = await post(
      `/api/queues/${q}/dead/replay`,
      { filter: { name: 'charge-card' } },
      { cookie: session.cookie, 'x-sharq-csrf': session.csrf, origin: dashboard.url },
    );
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ replayed: [row?.id], recovered: [], skipped: [] });
    expect((await deadList()).total).toBe(0);
    await until(
      async () =>
        (await snapshot()).activity.some((a) => a.type === 'completed' && a.jobId === row?.jobId) ||
        undefined,
      45_000,
      'the replayed job to complete',
    );
    // Replaying it again is refused: it is no longer dead.
    const again = (await post(`/api/queues/${q}/dead/replay`, { ids: [row?.id] })).json as {
      skipped: { reason: string }[];
    };
    expect(again.skipped).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/not found|already/) }),
    ]);
  });

  it('discards dead jobs by id and all matching a filter', async () => {
    await scenario.queue.addBulk([
      { name: 'doomed', data: { failUntil: Date.now() + 3_600_000 }, opts: { attempts: 1 } },
      { name: 'doomed', data: { failUntil: Date.now() + 3_600_000 }, opts: { attempts: 1 } },
      { name: 'doomed', data: { failUntil: Date.now() + 3_600_000 }, opts: { attempts: 1 } },
    ]);
    const page = await until(
      async () => {
        const current = await deadList('?name=doomed');
        return current.total === 3 ? current : undefined;
      },
      45_000,
      'three doomed jobs to die',
    );
    const first = page.jobs[0]?.id ?? '';
    expect((await post(`/api/queues/${q}/dead/purge`, { ids: [first] })).json).toEqual({ purged: 1 });
    expect((await get(`/api/queues/${q}/dead/${first}`)).status).toBe(404);
    expect((await deadList('?name=doomed')).total).toBe(2);
    expect((await post(`/api/queues/${q}/dead/purge`, { filter: { name: 'doomed' } })).json).toEqual({
      purged: 2,
    });
    expect((await deadList()).total).toBe(0);
    expect((await snapshot()).counts.dead).toBe(0);
  });

  it('shows a worker that stopped heartbeating as gone, and its jobs as stuck until their locks expire', async () => {
    const now = Date.now();
    await scenario.queue.engine.produce(scenario.queue.topology.presenceTopic, [
      encodePresence({
        v: 1,
        workerId: 'ghost-1',
        queue: q,
        host: 'gone-host',
        pid: 42,
        concurrency: 2,
        startedAt: now - 120_000,
        heartbeatAt: now - 60_000,
        heartbeatIntervalMs: 1_000,
        jobs: [
          {
            id: 'orphan',
            name: 'resize',
            startedAt: now - 61_000,
            attempt: 2,
            deliveryCount: 2,
            partition: 0,
            offset: 99,
          },
        ],
      }),
    ]);
    const s = await until(
      async () => {
        const current = await snapshot();
        return current.workers.some((w) => w.workerId === 'ghost-1') ? current : undefined;
      },
      20_000,
      'the ghost worker',
    );
    expect(s.workers.find((w) => w.workerId === 'ghost-1')).toMatchObject({
      state: 'gone',
      note: 'gone; its jobs return when their locks expire',
    });
    expect(s.stuck.find((j) => j.jobId === 'orphan')).toMatchObject({
      workerGone: true,
      deliveryCount: 2,
      reasons: ['held-long', 'redelivered', 'worker-gone'],
    });
    // Active counts what live workers hold; the gone worker's job is not one of them.
    expect(s.counts.active).toBe(
      s.workers.filter((w) => w.state === 'live').reduce((n, w) => n + w.jobs.length, 0),
    );
  });

  it('discovers queues from share groups named sharq.<q>', async () => {
    const discovering = await startDashboard({ connection: { brokers: scenario.brokers }, readOnly: true });
    try {
      expect((await call(discovering.url, `/api/queues/${q}`)).status).toBe(200);
      const missing = await call(discovering.url, `/api/queues/${uniqueName('absent')}`);
      expect(errorCode(missing)).toBe('QUEUE_NOT_FOUND');
    } finally {
      await discovering.close();
    }
  });
});
