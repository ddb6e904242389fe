import { describe, expect, it } from 'vitest';
import { PartitionLog } from '../../src/embedded/partition-log.js';
import { type PartitionLimits, SharePartition } from '../../src/embedded/share-partition.js';

const LIMITS: PartitionLimits = { lockDurationMs: 1000, deliveryCountLimit: 3, maxRecordLocks: 2000 };
const T0 = 1_000_000;

function logWith(count: number): PartitionLog {
  const log = new PartitionLog('t', 0);
  for (let i = 0; i < count; i++)
    log.append({ key: null, value: Buffer.from(`v${i}`), headers: {}, timestamp: T0 });
  return log;
}

describe('SharePartition', () => {
  it('acquires from SPSO, counts deliveries from 1 and locks until now + lock duration', () => {
    const sp = new SharePartition(logWith(5), 0);
    const { records } = sp.acquire('m1', 3, T0, LIMITS);
    expect(records.map((r) => [r.offset, r.deliveryCount, r.lockExpiresAt])).toEqual([
      [0, 1, T0 + 1000],
      [1, 1, T0 + 1000],
      [2, 1, T0 + 1000],
    ]);
    expect(sp.startOffset).toBe(0);
    expect(sp.endOffset).toBe(3);
    expect(sp.lag()).toBe(5);
  });

  it('advances SPSO only past leading settled records', () => {
    const sp = new SharePartition(logWith(4), 0);
    sp.acquire('m1', 4, T0, LIMITS);
    sp.acknowledge('m1', 1, 'accept', T0, LIMITS);
    sp.acknowledge('m1', 2, 'reject', T0, LIMITS);
    expect(sp.startOffset).toBe(0);
    expect(sp.lag()).toBe(2);
    sp.acknowledge('m1', 0, 'accept', T0, LIMITS);
    expect(sp.startOffset).toBe(3);
    expect(sp.lag()).toBe(1);
    sp.acknowledge('m1', 3, 'accept', T0, LIMITS);
    expect([sp.startOffset, sp.endOffset, sp.lag()]).toEqual([4, 4, 0]);
  });

  it('redelivers released records before new ones, and archives a release at the limit', () => {
    const sp = new SharePartition(logWith(3), 0);
    const limits = { ...LIMITS, deliveryCountLimit: 2 };
    sp.acquire('m1', 1, T0, limits);
    expect(sp.acknowledge('m1', 0, 'release', T0, limits)).toEqual({ freed: true });
    const second = sp.acquire('m1', 1, T0, limits);
    expect(second.records.map((r) => [r.offset, r.deliveryCount])).toEqual([[0, 2]]);
    const result = sp.acknowledge('m1', 0, 'release', T0, limits);
    expect(result.archived).toMatchObject({ reason: 'limit', deliveryCount: 2, record: { offset: 0 } });
    expect(sp.startOffset).toBe(1);
  });

  it('rejects acknowledgements from other members, for unacquired or settled offsets, and after lock expiry', () => {
    const sp = new SharePartition(logWith(3), 0);
    sp.acquire('m1', 2, T0, LIMITS);
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'no error';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code(() => sp.acknowledge('m2', 0, 'accept', T0, LIMITS))).toBe('INVALID_RECORD_STATE');
    expect(code(() => sp.acknowledge('m1', 2, 'accept', T0, LIMITS))).toBe('INVALID_RECORD_STATE');
    expect(code(() => sp.acknowledge('m1', 0, 'accept', T0, LIMITS))).toBe('no error');
    expect(code(() => sp.acknowledge('m1', 0, 'accept', T0, LIMITS))).toBe('INVALID_RECORD_STATE');
    expect(code(() => sp.acknowledge('m1', 1, 'accept', T0 + 1000, LIMITS))).toBe('INVALID_RECORD_STATE');
  });

  it('expires locks back to Available, and to Archived at the limit', () => {
    const sp = new SharePartition(logWith(2), 0);
    const limits = { ...LIMITS, deliveryCountLimit: 2 };
    sp.acquire('m1', 2, T0, limits);
    expect(sp.nextLockExpiry()).toBe(T0 + 1000);
    expect(sp.expireLocks(T0 + 999, limits)).toEqual({ released: 0, archived: [] });
    expect(sp.expireLocks(T0 + 1000, limits)).toEqual({ released: 2, archived: [] });
    // With a limit of 2 there is no "alone" rule (Kafka applies it only above 2).
    const again = sp.acquire('m2', 2, T0 + 1000, limits);
    expect(again.records.map((r) => [r.offset, r.deliveryCount])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const expired = sp.expireLocks(T0 + 2000, limits);
    expect(expired.archived.map((a) => [a.record.offset, a.reason])).toEqual([
      [0, 'limit'],
      [1, 'limit'],
    ]);
    expect(sp.startOffset).toBe(2);
  });

  it('RENEW restarts the lock without changing state or delivery count', () => {
    const sp = new SharePartition(logWith(1), 0);
    sp.acquire('m1', 1, T0, LIMITS);
    expect(sp.acknowledge('m1', 0, 'renew', T0 + 800, LIMITS)).toEqual({
      lockExpiresAt: T0 + 1800,
      freed: false,
    });
    expect(sp.expireLocks(T0 + 1000, LIMITS)).toEqual({ released: 0, archived: [] });
    expect(sp.acquire('m2', 1, T0 + 1000, LIMITS).records).toEqual([]);
    expect(sp.expireLocks(T0 + 1800, LIMITS)).toEqual({ released: 1, archived: [] });
    expect(sp.acquire('m2', 1, T0 + 1800, LIMITS).records.map((r) => r.deliveryCount)).toEqual([2]);
  });

  it('stops acquiring new records at the in-flight cap until SPSO moves', () => {
    const sp = new SharePartition(logWith(10), 0);
    const limits = { ...LIMITS, maxRecordLocks: 3 };
    expect(sp.acquire('m1', 10, T0, limits).records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(sp.canAcquire(limits)).toBe(false);
    sp.acknowledge('m1', 1, 'accept', T0, limits);
    expect(sp.acquire('m1', 10, T0, limits).records).toEqual([]);
    sp.acknowledge('m1', 0, 'accept', T0, limits);
    expect(sp.acquire('m1', 10, T0, limits).records.map((r) => r.offset)).toEqual([3, 4]);
  });

  it('hands a last-attempt record out alone: stops before it, then gives it by itself', () => {
    const sp = new SharePartition(logWith(4), 0);
    const limits = { ...LIMITS, deliveryCountLimit: 3 };
    sp.acquire('m1', 2, T0, limits);
    sp.acknowledge('m1', 1, 'release', T0, limits);
    sp.acquire('m1', 1, T0, limits); // offset 1, deliveryCount 2: its next delivery is the last
    sp.acknowledge('m1', 0, 'release', T0, limits);
    sp.acknowledge('m1', 1, 'release', T0, limits);
    const first = sp.acquire('m1', 5, T0, limits);
    expect(first.records.map((r) => [r.offset, r.deliveryCount])).toEqual([[0, 2]]);
    const alone = sp.acquire('m1', 5, T0, limits);
    expect(alone.records.map((r) => [r.offset, r.deliveryCount])).toEqual([[1, 3]]);
    expect(alone.alone).toBe(true);
    expect(sp.acquire('m1', 5, T0, limits).records.map((r) => r.offset)).toEqual([2, 3]);
  });

  it('throttles redeliveries from deliveryCount ceil(limit/2) on, halving per attempt', () => {
    const sp = new SharePartition(logWith(10), 0);
    const limits = { ...LIMITS, deliveryCountLimit: 10 };
    const releaseAll = (offsets: number[]) => {
      for (const offset of offsets) sp.acknowledge('m1', offset, 'release', T0, limits);
    };
    for (let round = 0; round < 5; round++) {
      const { records } = sp.acquire('m1', 10, T0, limits);
      expect(records).toHaveLength(10);
      releaseAll(records.map((r) => r.offset));
    }
    const fifth = sp.acquire('m1', 8, T0, limits).records;
    expect(fifth.map((r) => r.deliveryCount)).toEqual([6, 6, 6, 6]);
    releaseAll(fifth.map((r) => r.offset));
    expect(sp.acquire('m1', 8, T0, limits).records.map((r) => r.deliveryCount)).toEqual([7, 7]);
  });

  it('releases a leaving member’s records with the attempt counting', () => {
    const sp = new SharePartition(logWith(3), 0);
    const limits = { ...LIMITS, deliveryCountLimit: 2 };
    sp.acquire('m1', 1, T0, limits);
    sp.acquire('m2', 1, T0, limits);
    sp.acknowledge('m1', 0, 'release', T0, limits);
    sp.acquire('m1', 1, T0, limits); // offset 0, deliveryCount 2 (last attempt)
    const result = sp.releaseMember('m1', limits);
    expect(result.archived.map((a) => a.record.offset)).toEqual([0]);
    expect(sp.acquiredCount()).toBe(1);
    expect(sp.releaseMember('m2', limits)).toEqual({ released: 1, archived: [] });
    expect(sp.acquire('m3', 5, T0, limits).records.map((r) => [r.offset, r.deliveryCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('follows log truncation: offsets below the new log start leave the window', () => {
    const log = logWith(4);
    const sp = new SharePartition(log, 0);
    sp.acquire('m1', 2, T0, LIMITS);
    log.truncate();
    expect([sp.startOffset, sp.endOffset, sp.lag()]).toEqual([4, 4, 0]);
    expect(() => sp.acknowledge('m1', 0, 'accept', T0, LIMITS)).toThrow(/INVALID_RECORD_STATE/);
    log.append({ key: null, value: null, headers: {}, timestamp: T0 });
    expect(sp.acquire('m1', 5, T0, LIMITS).records.map((r) => r.offset)).toEqual([4]);
  });

  it('compacts its window on long runs without losing track of offsets', () => {
    const log = logWith(5000);
    const sp = new SharePartition(log, 0);
    for (let round = 0; round < 50; round++) {
      const { records } = sp.acquire('m1', 100, T0, LIMITS);
      for (const record of records) sp.acknowledge('m1', record.offset, 'accept', T0, LIMITS);
    }
    expect([sp.startOffset, sp.lag()]).toEqual([5000, 0]);
  });
});
