import { describe, expect, it } from 'vitest';
import { crashesAfter, restartDelay } from '../../src/supervisor/restart-policy.js';

const policy = { baseMs: 500, maxMs: 30_000, stableMs: 60_000 };

describe('restart policy', () => {
  it('backs off exponentially and caps, so a crash loop never restarts in a tight loop', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => restartDelay(policy, n))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('counts consecutive crashes, and forgets them after a stable run', () => {
    expect(crashesAfter(policy, 3, 1_000)).toBe(4);
    expect(crashesAfter(policy, 3, 60_000)).toBe(1);
  });
});
