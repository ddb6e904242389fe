import type { JobEvent } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { JobIndex } from '../../src/data/job-index.js';

const active = (jobId: string, ts = 1): JobEvent => ({ type: 'active', jobId, ts, name: 'n', attempt: 1 });

describe('JobIndex', () => {
  it('keeps at most maxJobs ids, dropping the least recently seen', () => {
    const index = new JobIndex(3, 10);
    for (const id of ['a', 'b', 'c']) index.add(active(id));
    index.add(active('a', 2)); // a is seen again: b is now the oldest
    index.add(active('d'));
    expect(index.size).toBe(3);
    expect(index.get('b')).toBeUndefined();
    expect(index.get('a')).toHaveLength(2);
    expect(index.get('c')).toHaveLength(1);
    expect(index.get('d')).toHaveLength(1);
  });

  it('answers nothing for a job with more events than it keeps (the lookup scans instead)', () => {
    const index = new JobIndex(10, 2);
    index.add(active('x', 1));
    index.add(active('x', 2));
    expect(index.get('x')).toHaveLength(2);
    index.add(active('x', 3));
    expect(index.get('x')).toBeUndefined();
  });

  it('ignores queue-level events', () => {
    const index = new JobIndex();
    index.add({ type: 'paused', jobId: '', ts: 1, by: 'cli' });
    expect(index.size).toBe(0);
  });

  // A bound on memory, not a speed test: 100,000 inserts take ~1.5 s alone and exceeded vitest's default 5 s
  // when the unit suites of every package ran at once on a slow host (Node 24 step).
  it('holds 100,000 events of 30,000 jobs within its bound', { timeout: 30_000 }, () => {
    const index = new JobIndex();
    for (let n = 0; n < 100_000; n++) index.add(active(`job-${n % 30_000}`, n));
    expect(index.size).toBe(20_000);
  });
});
