import type { AckReceipt, DeliveredRecord, ShareConsumer } from '@sharq/core';
import { describe, expect, it, vi } from 'vitest';
import { LockLostError } from '../../src/index.js';
import type { ActiveJob, HeldRecord, LockHolder } from '../../src/runtime/active-job.js';
import { LazyAbort } from '../../src/runtime/lazy-abort.js';
import { LockRenewer } from '../../src/runtime/lock-renewer.js';
import { invalidRecordState } from '../helpers/embedded.js';

const LOCK = 1_000;

function activeJob(offset: number, startedAt: number): ActiveJob {
  const record: DeliveredRecord = {
    topic: 't',
    partition: 0,
    offset,
    key: null,
    value: null,
    headers: {},
    timestamp: startedAt,
    deliveryCount: 1,
    lockExpiresAt: startedAt + LOCK,
  };
  return {
    record,
    envelope: undefined,
    job: undefined,
    aborter: new LazyAbort(),
    startedAt,
    lockSpanMs: LOCK,
    lockExpiresAt: startedAt + LOCK,
    renewing: false,
    state: 'running',
  };
}

function harness(answer: (offset: number) => Promise<AckReceipt>) {
  let now = 0;
  const renews: number[] = [];
  const lost: [LockHolder, LockLostError][] = [];
  const errors: Error[] = [];
  const jobs: LockHolder[] = [];
  const consumer = {
    acknowledge: (ref: { offset: number }, type: string) => {
      expect(type).toBe('renew');
      renews.push(ref.offset);
      return answer(ref.offset);
    },
  } as unknown as ShareConsumer;
  const renewer = new LockRenewer({
    consumer: () => consumer,
    lockDurationMs: LOCK,
    locks: () => jobs,
    onLost: (job, error) => {
      job.state = 'lost';
      lost.push([job, error]);
    },
    onError: (error) => errors.push(error),
    now: () => now,
  });
  return {
    renewer,
    renews,
    lost,
    errors,
    jobs,
    setNow: (t: number) => {
      now = t;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('LockRenewer', () => {
  it('sweeps every running job in one pass and renews only those near half-life', async () => {
    const h = harness(async () => ({ lockExpiresAt: 2_600 }));
    h.jobs.push(activeJob(1, 0), activeJob(2, 400), activeJob(3, 900));
    h.setNow(300); // job 1 is within one tick (250 ms) of its half-life (500 ms); the others are not
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([1]);
    expect(h.jobs[0]?.lockExpiresAt).toBe(2_600);
    h.setNow(700); // job 2 now (half-life 900); job 1 was renewed to 2600, job 3's half-life is 1400
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([1, 2]);
  });

  it('never sends a second RENEW for a job while one is in flight', async () => {
    let finish!: (receipt: AckReceipt) => void;
    const h = harness(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    h.jobs.push(activeJob(1, 0));
    h.setNow(600);
    h.renewer.sweep();
    h.renewer.sweep();
    expect(h.renews).toEqual([1]);
    finish({ lockExpiresAt: 1_600 });
    await flush();
    expect(h.jobs[0]?.renewing).toBe(false);
  });

  it('INVALID_RECORD_STATE on RENEW means the lock is lost', async () => {
    const h = harness(() => Promise.reject(invalidRecordState()));
    h.jobs.push(activeJob(1, 0));
    h.setNow(600);
    h.renewer.sweep();
    await flush();
    expect(h.lost).toHaveLength(1);
    expect(h.lost[0]?.[1]).toBeInstanceOf(LockLostError);
    expect(h.errors).toEqual([]);
  });

  it('a transient renewal error is reported and retried after a back-off; lost only a whole span past expiry', async () => {
    const h = harness(() => Promise.reject(new Error('connection reset')));
    h.jobs.push(activeJob(1, 0));
    h.setNow(600);
    h.renewer.sweep();
    await flush();
    expect(h.errors.map((e) => e.message)).toEqual(['connection reset']);
    h.setNow(650); // backing off (a tenth of the lock)
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([1]);
    h.setNow(1_000); // the local estimate lapsed, but only the broker can say the lock is gone: try again
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([1, 1]);
    expect(h.lost).toEqual([]);
    h.setNow(2_000); // a whole further span without a renewal: the job is surely someone else's now
    h.renewer.sweep();
    await flush();
    expect(h.lost).toHaveLength(1);
    expect(h.lost[0]?.[1].message).toContain('lapsed');
  });

  it('one timer: wakes at the earliest half-life, also for a job whose lock is shorter than configured', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const renews: number[] = [];
      const jobs: ActiveJob[] = [];
      const consumer = {
        acknowledge: async (ref: { offset: number }) => {
          renews.push(ref.offset);
          return { lockExpiresAt: Date.now() + LOCK };
        },
      } as unknown as ShareConsumer;
      const renewer = new LockRenewer({
        consumer: () => consumer,
        lockDurationMs: LOCK,
        locks: () => jobs,
        onLost: () => {},
        onError: () => {},
      });
      renewer.start();
      // Arrives with only 200 ms of lock left (e.g. the consumer dated it from the fetch request).
      const short = activeJob(7, 0);
      short.lockExpiresAt = 200;
      (short as { lockSpanMs: number }).lockSpanMs = 200;
      jobs.push(short);
      renewer.track(short);
      await vi.advanceTimersByTimeAsync(99);
      expect(renews).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(renews).toEqual([7]);
      expect(vi.getTimerCount()).toBe(1);
      renewer.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores jobs that are not running', async () => {
    const h = harness(async () => ({ lockExpiresAt: 5_000 }));
    const settling = activeJob(1, 0);
    settling.state = 'settling';
    h.jobs.push(settling);
    h.setNow(900);
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([]);
  });

  it('renews a record held in the prefetch window like a running job; not once a slot took it', async () => {
    const h = harness(async () => ({ lockExpiresAt: 2_600 }));
    const held: HeldRecord = { ...heldRecord(1, 0) };
    const started: HeldRecord = { ...heldRecord(2, 0), state: 'started' };
    h.jobs.push(held, started);
    h.setNow(600);
    h.renewer.sweep();
    await flush();
    expect(h.renews).toEqual([1]);
    expect(held.lockExpiresAt).toBe(2_600);
  });

  it('a held record whose RENEW is refused is reported lost', async () => {
    const h = harness(() => Promise.reject(invalidRecordState()));
    const held = heldRecord(1, 0);
    h.jobs.push(held);
    h.setNow(600);
    h.renewer.sweep();
    await flush();
    expect(h.lost.map(([holder]) => holder)).toEqual([held]);
    expect(held.state).toBe('lost');
  });
});

function heldRecord(offset: number, acquiredAt: number): HeldRecord {
  const { record } = activeJob(offset, acquiredAt);
  return {
    record,
    envelope: undefined,
    lockSpanMs: LOCK,
    heldAt: acquiredAt,
    lockExpiresAt: acquiredAt + LOCK,
    renewing: false,
    state: 'held',
  };
}
