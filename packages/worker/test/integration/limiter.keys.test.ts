import { testRedisUrl } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitError } from '../../src/index.js';
import { eventually, kafkaQueue } from '../helpers/kafka.js';

// Per-key limits on the real broker and Redis: a noisy tenant is held to its own limit while another
// tenant's jobs run at full speed, and no limited job loses an attempt.

let current: ReturnType<typeof kafkaQueue> | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

interface TenantJob {
  tenant: string;
  n: number;
}

describe('limiter: per-key limits', () => {
  it('a noisy tenant over its limit does not slow a quiet one; its own starts stay within its limit', async () => {
    const q = kafkaQueue();
    current = q;
    const NOISY = 30;
    const QUIET = 150;
    const RATE = 5; // noisy: 5 starts/s
    // Noisy jobs first, so a limiter that blocked slots on them would starve the quiet tenant.
    await q.queue.addBulk(
      Array.from({ length: NOISY }, (_, n) => ({ name: 'noisy', data: { tenant: 'noisy', n } })),
    );
    await q.queue.addBulk(
      Array.from({ length: QUIET }, (_, n) => ({ name: 'quiet', data: { tenant: 'quiet', n } })),
    );
    const starts = new Map<string, { at: number; attempt: number }[]>([
      ['noisy', []],
      ['quiet', []],
    ]);
    q.worker<TenantJob, void>(
      async (job) => {
        starts.get(job.data.tenant)?.push({ at: Date.now(), attempt: job.attempt });
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      {
        concurrency: 10,
        limiter: {
          max: 1_000,
          duration: 1_000,
          redis: testRedisUrl(),
          key: (job) => (job.data as TenantJob).tenant,
          keys: { noisy: { max: RATE, duration: 1_000 } },
          maxHoldMs: 300,
        },
      },
    );
    const noisy = () => starts.get('noisy') ?? [];
    const quiet = () => starts.get('quiet') ?? [];
    await eventually(() => (quiet().length >= QUIET ? true : undefined), 30_000);
    const first = Math.min(noisy()[0]?.at ?? Number.POSITIVE_INFINITY, quiet()[0]?.at ?? 0);
    const quietDoneMs = Math.max(...quiet().map((s) => s.at)) - first;
    const noisyByThen = noisy().length;
    await eventually(() => (noisy().length >= NOISY ? true : undefined), 30_000);
    const noisyAt = noisy()
      .map((s) => s.at)
      .sort((a, b) => a - b);
    const noisySpanMs = (noisyAt.at(-1) ?? 0) - (noisyAt[0] ?? 0);
    console.log(
      `per-key: quiet ${QUIET} jobs done ${quietDoneMs} ms after the first start (noisy had ${noisyByThen}); noisy ${NOISY} jobs over ${noisySpanMs} ms`,
    );
    // Quiet ran at full speed: all of it finished while the noisy tenant was still far from done.
    expect(noisyByThen).toBeLessThan(NOISY / 2);
    // GCRA bound for the noisy key: a burst of RATE, then one start per 1000/RATE ms. Between any two
    // starts i < j: t[j] - t[i] >= (j - i - RATE) * 200 ms (less 100 ms of clock slack).
    for (let i = 0; i < noisyAt.length; i++) {
      for (let j = i + RATE; j < noisyAt.length; j++) {
        expect((noisyAt[j] ?? 0) - (noisyAt[i] ?? 0)).toBeGreaterThanOrEqual(
          (j - i - RATE) * (1_000 / RATE) - 100,
        );
      }
    }
    // Deferred (re-enqueued) and held jobs lost no attempt.
    expect([...noisy(), ...quiet()].every((s) => s.attempt === 1)).toBe(true);
    const counts = await q.queue.getCounts();
    expect(counts.dead).toBe(0);
  });

  it('RateLimitError from a processor: the whole queue backs off, the job comes back with its attempt intact', async () => {
    const q = kafkaQueue();
    current = q;
    await q.queue.addBulk(Array.from({ length: 6 }, (_, n) => ({ name: 'api', data: { n } })));
    const seen: { n: number; attempt: number; at: number }[] = [];
    let thrown = 0;
    q.worker<{ n: number }, void>(
      async (job) => {
        seen.push({ n: job.data.n, attempt: job.attempt, at: Date.now() });
        if (job.data.n === 0 && thrown++ === 0) throw new RateLimitError(2_000);
      },
      { concurrency: 1, limiter: { max: 1_000, duration: 1_000, redis: testRedisUrl() } },
    );
    await eventually(
      () => (new Set(seen.map((s) => s.n)).size === 6 && seen.length >= 7 ? true : undefined),
      30_000,
    );
    const [limited, ...after] = seen;
    if (!limited) throw new Error('nothing ran');
    expect(limited.n).toBe(0);
    // Nothing started during the back-off, and job 0 ran again as attempt 1.
    expect(after.every((s) => s.at - limited.at >= 1_900)).toBe(true);
    expect(seen.filter((s) => s.n === 0).map((s) => s.attempt)).toEqual([1, 1]);
  });
});
