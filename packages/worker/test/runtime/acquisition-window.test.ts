import { describe, expect, it } from 'vitest';
import {
  COVER_MAX_MS,
  COVER_MS,
  coverMs,
  IN_FLIGHT_BUDGET,
  inFlightBudget,
  JobDuration,
  PollRoundTrip,
  recordsAhead,
  refillBelow,
  takesWholeBatches,
  WHOLE_BATCH_SURPLUS_MAX,
} from '../../src/runtime/acquisition-window.js';

const base = { concurrency: 10, lockDurationMs: 30_000, maxAhead: 1_000 };

describe('recordsAhead (the prefetch window)', () => {
  it('holds nothing before a job duration is known', () => {
    expect(recordsAhead({ ...base, jobMs: undefined })).toBe(0);
  });

  it('holds nothing when prefetch is 0', () => {
    expect(recordsAhead({ ...base, jobMs: 1, maxAhead: 0 })).toBe(0);
  });

  it('fast jobs: covers a round trip of work, up to half the in-flight budget minus the slots', () => {
    // 10 slots × 5 ms jobs = 2 starts per ms; 50 ms of cover = 100 records.
    expect(recordsAhead({ ...base, jobMs: 5 })).toBe((10 / 5) * COVER_MS);
    // No-op jobs measure 0 ms: the budget decides.
    expect(recordsAhead({ ...base, jobMs: 0 })).toBe(IN_FLIGHT_BUDGET / 2 - base.concurrency);
    expect(recordsAhead({ ...base, concurrency: 50, jobMs: 0 })).toBe(IN_FLIGHT_BUDGET / 2 - 50);
  });

  it('the prefetch option bounds it', () => {
    expect(recordsAhead({ ...base, jobMs: 0, maxAhead: 64 })).toBe(64);
  });

  it('a slot that frees well within the cover still keeps one record ahead', () => {
    // 32 members × 1 slot × 50 ms jobs: each member holds one, the next job it starts.
    expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50 })).toBe(1);
    // 200 ms I/O jobs at 10 slots: 0.05 starts/ms → 3 records (ceil of 2.5).
    expect(recordsAhead({ ...base, jobMs: 200 })).toBe(3);
  });

  it('never holds a record expected to wait longer than a quarter of the lock (at most 1 s)', () => {
    // 5 s jobs, 1 slot, 2 s lock: the next start is 5 s away, beyond 500 ms.
    expect(recordsAhead({ concurrency: 1, jobMs: 5_000, lockDurationMs: 2_000, maxAhead: 1_000 })).toBe(0);
    // 3 s jobs, 10 slots, 10 s lock: a slot frees every 300 ms; one record starts within 1 s.
    expect(recordsAhead({ concurrency: 10, jobMs: 3_000, lockDurationMs: 10_000, maxAhead: 1_000 })).toBe(1);
    // A job longer than the horizon per slot: none.
    expect(recordsAhead({ concurrency: 1, jobMs: 1_500, lockDurationMs: 60_000, maxAhead: 1_000 })).toBe(0);
    // The lock quarter is the tighter bound with a short lock: 1 s lock → 250 ms.
    expect(recordsAhead({ concurrency: 1, jobMs: 300, lockDurationMs: 1_000, maxAhead: 1_000 })).toBe(0);
    expect(recordsAhead({ concurrency: 1, jobMs: 200, lockDurationMs: 1_000, maxAhead: 1_000 })).toBe(1);
  });

  it('grows with concurrency and shrinks as jobs get slower', () => {
    const byDuration = [1, 10, 100, 1_000, 10_000].map((jobMs) => recordsAhead({ ...base, jobMs }));
    expect([...byDuration].sort((a, b) => b - a)).toEqual(byDuration);
    const byConcurrency = [1, 4, 16, 64].map((concurrency) =>
      recordsAhead({ ...base, concurrency, jobMs: 20 }),
    );
    expect([...byConcurrency].sort((a, b) => a - b)).toEqual(byConcurrency);
  });

  it('very high concurrency leaves no room ahead within the budget', () => {
    expect(recordsAhead({ ...base, concurrency: 1_000, jobMs: 0 })).toBe(0);
  });
});

describe('refillBelow', () => {
  it('polls again at half the window; without a window, as soon as nothing is held', () => {
    expect(refillBelow(0)).toBe(0);
    expect(refillBelow(1)).toBe(0);
    expect(refillBelow(100)).toBe(50);
  });
});

describe('JobDuration', () => {
  it('starts at the first sample and moves a tenth of the way to each next one', () => {
    const d = new JobDuration();
    expect(d.meanMs).toBeUndefined();
    d.record(100);
    expect(d.meanMs).toBe(100);
    d.record(200);
    expect(d.meanMs).toBeCloseTo(110);
  });
});

describe('PollRoundTrip', () => {
  it('starts at the first sample and moves a fifth of the way to each next one', () => {
    const r = new PollRoundTrip();
    expect(r.meanMs).toBeUndefined();
    r.record(100);
    expect(r.meanMs).toBe(100);
    r.record(200);
    expect(r.meanMs).toBeCloseTo(120);
  });
});

describe('the cover follows the measured poll round trip', () => {
  it('two mean round trips, at least COVER_MS, at most COVER_MAX_MS', () => {
    expect(coverMs(undefined)).toBe(COVER_MS);
    expect(coverMs(5)).toBe(COVER_MS);
    expect(coverMs(60)).toBe(120);
    expect(coverMs(10_000)).toBe(COVER_MAX_MS);
  });

  it('quick round trips keep the window of a quiet broker', () => {
    for (const roundTripMs of [undefined, 0, 10, 25]) {
      expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50, roundTripMs })).toBe(1);
      expect(recordsAhead({ ...base, jobMs: 5, roundTripMs })).toBe((10 / 5) * COVER_MS);
    }
  });

  it('slow round trips widen it, so each refill fetch brings several records instead of one per job', () => {
    // 32 one-slot members of 50 ms jobs whose ShareFetches queue on one share-partition (100 ms round trips):
    // 200 ms of work = 4 records; the refill poll then asks for what runs while it travels (2), not 1.
    const ahead = recordsAhead({ ...base, concurrency: 1, jobMs: 50, roundTripMs: 100 });
    expect(ahead).toBe(4);
    expect(ahead - refillBelow(ahead)).toBe(2);
    // However slow, at most COVER_MAX_MS of work.
    expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50, roundTripMs: 5_000 })).toBe(COVER_MAX_MS / 50);
  });

  it('never past the start horizon, the prefetch bound or the in-flight budget; slow jobs still get none', () => {
    const slow = 10_000;
    // 200 ms jobs, 1 s lock: one record starts within 250 ms, whatever the round trip.
    expect(
      recordsAhead({ concurrency: 1, jobMs: 200, lockDurationMs: 1_000, maxAhead: 1_000, roundTripMs: slow }),
    ).toBe(1);
    // A job longer than the horizon per slot: none.
    expect(
      recordsAhead({
        concurrency: 1,
        jobMs: 1_500,
        lockDurationMs: 60_000,
        maxAhead: 1_000,
        roundTripMs: slow,
      }),
    ).toBe(0);
    expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50, maxAhead: 2, roundTripMs: slow })).toBe(2);
    expect(recordsAhead({ ...base, concurrency: 50, jobMs: 1, roundTripMs: slow, sharers: 4 })).toBe(
      Math.floor(IN_FLIGHT_BUDGET / 4 / 2) - 50,
    );
    expect(recordsAhead({ ...base, jobMs: undefined, roundTripMs: slow })).toBe(0);
  });
});

describe('recordsAhead on a partition shared by several members', () => {
  it('each member takes its share of the in-flight budget, so their windows fit under the cap together', () => {
    // No-op jobs at 50 slots: alone 850; 4 members 175 each (4 × (175 + 50) × 2 = 1,800).
    expect(recordsAhead({ ...base, concurrency: 50, jobMs: 0 })).toBe(850);
    expect(recordsAhead({ ...base, concurrency: 50, jobMs: 0, sharers: 4 })).toBe(
      Math.floor(IN_FLIGHT_BUDGET / 4 / 2) - 50,
    );
    expect(inFlightBudget(4)).toBe(IN_FLIGHT_BUDGET / 4);
    // More members than the budget has room for beside their slots: acquire only for free slots.
    expect(recordsAhead({ ...base, concurrency: 50, jobMs: 0, sharers: 20 })).toBe(0);
  });

  it('a small window is not cut: 32 members × 1 slot × 50 ms jobs still hold one each', () => {
    expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50, sharers: 32 })).toBe(1);
    expect(recordsAhead({ ...base, concurrency: 1, jobMs: 50, sharers: 1 })).toBe(1);
  });
});

describe('takesWholeBatches (batch_optimized fetches)', () => {
  it('only for jobs fast enough that the largest surplus starts within the horizon', () => {
    expect(takesWholeBatches({ ...base, concurrency: 50, jobMs: 0 })).toBe(true);
    // 1 ms jobs × 50 slots: 50,000 starts a second.
    expect(takesWholeBatches({ ...base, concurrency: 50, jobMs: 1 })).toBe(true);
    // 100 ms × 50: 500 a second, a 2,000-record surplus would wait 4 s.
    expect(takesWholeBatches({ ...base, concurrency: 50, jobMs: 100 })).toBe(false);
    // The integration case: 3 s jobs at concurrency 10 (a 180-record batch once sat behind them).
    expect(takesWholeBatches({ ...base, concurrency: 10, jobMs: 3_000, lockDurationMs: 10_000 })).toBe(false);
    expect(takesWholeBatches({ ...base, jobMs: undefined })).toBe(false);
  });

  it('the bound is the broker lock cap: exactly at it counts', () => {
    const jobMs = (base.concurrency * 1_000) / WHOLE_BATCH_SURPLUS_MAX;
    expect(takesWholeBatches({ ...base, jobMs })).toBe(true);
    expect(takesWholeBatches({ ...base, jobMs: jobMs * 1.01 })).toBe(false);
  });
});
