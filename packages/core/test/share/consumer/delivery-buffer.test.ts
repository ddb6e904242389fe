import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import { DeliveryBuffer } from '../../../src/share/consumer/delivery-buffer.js';

const NOW = 1_000_000;
const rec = (offset: number, lockExpiresAt = NOW + 10_000): DeliveredRecord => ({
  topic: 't',
  partition: 0,
  offset,
  key: null,
  value: null,
  headers: {},
  timestamp: 0,
  deliveryCount: 1,
  lockExpiresAt,
});

describe('DeliveryBuffer', () => {
  it('counts what waiting polls asked for as demand, and serves them in order', async () => {
    const buffer = new DeliveryBuffer(() => NOW);
    const a = buffer.wait(2, 10_000);
    const b = buffer.wait(3, 10_000);
    expect(buffer.demand).toBe(5);
    buffer.push([rec(0), rec(1), rec(2)]);
    expect((await a).map((r) => r.offset)).toEqual([0, 1]);
    expect((await b).map((r) => r.offset)).toEqual([2]);
    expect(buffer.demand).toBe(0);
  });

  it('latestDeadline: the latest bound among the polls waiting now (0 when none)', async () => {
    const buffer = new DeliveryBuffer(() => NOW);
    expect(buffer.latestDeadline).toBe(0);
    const long = buffer.wait(1, 5_000);
    const short = buffer.wait(1, 250);
    expect(buffer.latestDeadline).toBe(NOW + 5_000);
    buffer.push([rec(0)]);
    expect(await long).toHaveLength(1);
    // The long poll ended: only the short one bounds the next fetch.
    expect(buffer.latestDeadline).toBe(NOW + 250);
    buffer.wakeAll();
    await short;
    expect(buffer.latestDeadline).toBe(0);
  });

  it('never hands out a record whose lock already lapsed, and says which it dropped', () => {
    const lapsed: number[] = [];
    const buffer = new DeliveryBuffer(
      () => NOW,
      (r) => lapsed.push(r.offset),
    );
    buffer.push([rec(0, NOW - 1), rec(1)]);
    expect(buffer.take(10).map((r) => r.offset)).toEqual([1]);
    expect(lapsed).toEqual([0]);
  });

  it('discards the records whose acquisition is gone, keeping the others in order', () => {
    const buffer = new DeliveryBuffer(() => NOW);
    buffer.push([rec(0), rec(1), rec(2), rec(3)]);
    expect(buffer.take(1).map((r) => r.offset)).toEqual([0]);
    buffer.discard((r) => r.offset % 2 === 1);
    expect(buffer.size).toBe(1);
    expect(buffer.take(10).map((r) => r.offset)).toEqual([2]);
  });

  it('keeps records nobody waited for, and resolves an aborted poll with []', async () => {
    const buffer = new DeliveryBuffer(() => NOW);
    const controller = new AbortController();
    const waiting = buffer.wait(1, 10_000, controller.signal);
    controller.abort();
    expect(await waiting).toEqual([]);
    buffer.push([rec(5)]);
    expect(buffer.size).toBe(1);
    expect(buffer.drain().map((r) => r.offset)).toEqual([5]);
  });
});
