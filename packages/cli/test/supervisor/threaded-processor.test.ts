import { fileURLToPath } from 'node:url';
import type { Job } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { maxOverlap, type Span } from '../max-overlap.js';
// The built module: its threads load the compiled processor-thread.js beside it.
import { ThreadedProcessor } from '../../dist/supervisor/threaded-processor.js';

const PROCESSOR = fileURLToPath(new URL('../fixtures/timed-processor.mjs', import.meta.url));

function fakeJob(n: number): Job {
  return {
    id: `job-${n}`,
    name: 'io',
    data: { sleepMs: 100 },
    attempt: 1,
    attemptsMade: 0,
    deliveryCount: 1,
    timestamp: Date.now(),
    updateProgress: async () => {},
    log: async () => {},
  } as unknown as Job;
}

let pool: ThreadedProcessor | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('ThreadedProcessor', () => {
  it('runs up to jobsPerThread async jobs at once on each thread (2 threads × 5 = 10 at once)', async () => {
    pool = await ThreadedProcessor.start(PROCESSOR, 2, 5);
    const signal = new AbortController().signal;
    const process = pool.process;
    const spans = (await Promise.all(
      Array.from({ length: 40 }, (_, n) => process(fakeJob(n), { signal })),
    )) as Span[];
    expect(spans).toHaveLength(40);
    const overlap = maxOverlap(spans);
    expect(overlap).toBeGreaterThanOrEqual(8);
    expect(overlap).toBeLessThanOrEqual(10);
  });

  it('one job per thread when asked (the old behaviour): never more at once than threads', async () => {
    pool = await ThreadedProcessor.start(PROCESSOR, 2, 1);
    const signal = new AbortController().signal;
    const process = pool.process;
    const spans = (await Promise.all(
      Array.from({ length: 6 }, (_, n) => process(fakeJob(n), { signal })),
    )) as Span[];
    expect(maxOverlap(spans)).toBeLessThanOrEqual(2);
  });
});
