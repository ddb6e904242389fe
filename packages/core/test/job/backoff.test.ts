import { describe, expect, it } from 'vitest';
import { computeBackoff, registerBackoffStrategy, UnknownBackoffStrategyError } from '../../src/job/index.js';

const seq = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('computeBackoff', () => {
  it('is 0 without backoff (immediate retry)', () => {
    expect(computeBackoff(undefined, 3)).toBe(0);
  });

  it('fixed: the same delay every attempt', () => {
    expect([1, 2, 5].map((a) => computeBackoff({ type: 'fixed', delay: 250 }, a))).toEqual([250, 250, 250]);
  });

  it('exponential: delay · 2^(attempt-1), capped by maxDelay', () => {
    expect([1, 2, 3, 4].map((a) => computeBackoff({ type: 'exponential', delay: 100 }, a))).toEqual([
      100, 200, 400, 800,
    ]);
    expect(computeBackoff({ type: 'exponential', delay: 100, maxDelay: 300 }, 4)).toBe(300);
  });

  it('jitter: full jitter within [0, delay · 2^(attempt-1)]', () => {
    expect(computeBackoff({ type: 'jitter', delay: 100 }, 3, undefined, () => 0)).toBe(0);
    expect(computeBackoff({ type: 'jitter', delay: 100 }, 3, undefined, () => 0.999999)).toBe(400);
    expect(computeBackoff({ type: 'jitter', delay: 100 }, 3, undefined, () => 0.5)).toBe(200);
    for (let i = 0; i < 500; i++) {
      const value = computeBackoff({ type: 'jitter', delay: 100 }, 3);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(400);
    }
  });

  it('a jitter fraction on exponential randomises that fraction downwards', () => {
    const backoff = { type: 'exponential', delay: 1000, jitter: 0.2 };
    expect(computeBackoff(backoff, 2, undefined, () => 0)).toBe(1600);
    expect(computeBackoff(backoff, 2, undefined, () => 1)).toBe(2000);
    const random = seq(0.1, 0.9, 0.5);
    for (let i = 0; i < 30; i++) {
      const value = computeBackoff(backoff, 2, undefined, random);
      expect(value).toBeGreaterThanOrEqual(1600);
      expect(value).toBeLessThanOrEqual(2000);
    }
  });

  it('custom strategies: per call, or registered process-wide; unknown ones throw a typed error', () => {
    expect(
      computeBackoff({ type: 'linear', delay: 10 }, 3, { linear: (attempt, o) => attempt * o.delay }),
    ).toBe(30);
    registerBackoffStrategy('squares', (attempt) => attempt * attempt);
    expect(computeBackoff({ type: 'squares', delay: 0 }, 4)).toBe(16);
    expect(() => computeBackoff({ type: 'nope', delay: 1 }, 1)).toThrow(UnknownBackoffStrategyError);
    expect(() => computeBackoff({ type: 'nope', delay: 1 }, 1)).toThrow(
      'backoff strategy "nope" is not registered (registerBackoffStrategy)',
    );
  });

  it('never returns a negative or non-finite delay', () => {
    expect(computeBackoff({ type: 'bad', delay: 1 }, 1, { bad: () => -5 })).toBe(0);
    expect(computeBackoff({ type: 'bad', delay: 1 }, 1, { bad: () => Number.NaN })).toBe(0);
  });
});
