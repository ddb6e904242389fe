/**
 * Acknowledgement semantics against the real broker: RELEASE, REJECT, lock expiry, RENEW, and a late ack.
 * Lock durations are the broker's minimum-ish (1–2 s) to keep the suite fast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../../src/engine/engine.js';
import { type ShareFixture, pollUntil, shareFixture, text } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pollOne(fx: ShareFixture, consumer: ReturnType<ShareFixture['consumer']>, timeoutMs = 10_000) {
  const got: DeliveredRecord[] = [];
  await pollUntil(consumer, 1, timeoutMs, (r) => {
    got.push(r);
  });
  expect(got.length, `no record within ${timeoutMs} ms on ${fx.topic}`).toBeGreaterThan(0);
  return got[0] as DeliveredRecord;
}

describe('share consumer acknowledgements', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('RELEASE makes the broker redeliver the record with deliveryCount 2', async () => {
    fx = await shareFixture({ prefix: 'release', group: { lockDurationMs: 5000 } });
    await fx.produce(['job-1']);
    const consumer = fx.consumer();
    const first = await pollOne(fx, consumer);
    expect(first.deliveryCount).toBe(1);
    await consumer.acknowledge(first, 'release');
    const second = await pollOne(fx, consumer);
    expect([second.offset, text(second), second.deliveryCount]).toEqual([first.offset, 'job-1', 2]);
    await consumer.acknowledge(second, 'accept');
  }, 30_000);

  it('REJECT archives the record: it is never delivered again', async () => {
    fx = await shareFixture({ prefix: 'reject', group: { lockDurationMs: 1000 } });
    await fx.produce(['poison', 'fine']);
    const consumer = fx.consumer();
    const seen: DeliveredRecord[] = [];
    await pollUntil(consumer, 2, 10_000, async (r) => {
      seen.push(r);
      await consumer.acknowledge(r, text(r) === 'poison' ? 'reject' : 'release');
    });
    // 'fine' keeps coming back (released), 'poison' must not, even after a lock duration.
    const later: string[] = [];
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      for (const r of await consumer.poll(10, { maxWaitMs: 500 })) {
        later.push(text(r));
        await consumer.acknowledge(r, 'release');
      }
    }
    expect(seen.map(text).sort()).toEqual(['fine', 'poison']);
    expect(later).toContain('fine');
    expect(later).not.toContain('poison');
  }, 30_000);

  it('a lock left to expire hands the record out again', async () => {
    fx = await shareFixture({ prefix: 'expire', group: { lockDurationMs: 1000 } });
    await fx.produce(['slow-job']);
    const consumer = fx.consumer();
    const first = await pollOne(fx, consumer);
    const lockMs = first.lockExpiresAt - Date.now();
    expect(lockMs).toBeGreaterThan(0);
    expect(lockMs).toBeLessThanOrEqual(1000);
    const second = await pollOne(fx, consumer);
    expect(second.offset).toBe(first.offset);
    expect(second.deliveryCount).toBe(2);
    expect(Date.now()).toBeGreaterThanOrEqual(first.lockExpiresAt - 50);
    await consumer.acknowledge(second, 'accept');
  }, 30_000);

  it('acknowledging after the lock expired fails with INVALID_RECORD_STATE on that call', async () => {
    fx = await shareFixture({ prefix: 'late', group: { lockDurationMs: 1000 } });
    await fx.produce(['late-1', 'on-time']);
    const consumer = fx.consumer();
    const got: DeliveredRecord[] = [];
    await pollUntil(consumer, 2, 10_000, (r) => {
      got.push(r);
    });
    const onTime = got.find((r) => text(r) === 'on-time') as DeliveredRecord;
    const late = got.find((r) => text(r) === 'late-1') as DeliveredRecord;
    await consumer.acknowledge(onTime, 'accept');
    await sleep(late.lockExpiresAt - Date.now() + 700);
    await expect(consumer.acknowledge(late, 'accept')).rejects.toMatchObject({
      code: 'INVALID_RECORD_STATE',
      errorCode: 121,
    });
  }, 30_000);

  it('one late ack in a batch does not fail the acks sent with it', async () => {
    fx = await shareFixture({ prefix: 'mixed', group: { lockDurationMs: 1000 } });
    await fx.produce(['a', 'b', 'c', 'd']);
    const consumer = fx.consumer();
    const [stale] = await consumer.poll(1, { maxWaitMs: 10_000 });
    const live: DeliveredRecord[] = [];
    await pollUntil(consumer, 3, 10_000, (r) => {
      live.push(r);
    });
    expect(stale && text(stale)).toBe('a');
    expect(live.map(text)).toEqual(['b', 'c', 'd']);
    // Keep b, c, d locked while a's lock lapses.
    const until = (stale as DeliveredRecord).lockExpiresAt + 700;
    while (Date.now() < until) {
      await Promise.all(live.map((r) => consumer.acknowledge(r, 'renew')));
      await sleep(300);
    }
    // Same tick: one ShareAcknowledge with a stale offset and three live ones (one range 0..3).
    const results = await Promise.allSettled([
      consumer.acknowledge(stale as DeliveredRecord, 'accept'),
      ...live.map((r) => consumer.acknowledge(r, 'accept')),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_RECORD_STATE' } });
    expect(results.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  }, 30_000);

  it('RENEW keeps the record past its lock duration; no other consumer gets it', async () => {
    fx = await shareFixture({ prefix: 'renew', group: { lockDurationMs: 1500 } });
    await fx.produce(['long-job']);
    const holder = fx.consumer();
    const other = fx.consumer();
    const record = await pollOne(fx, holder);
    const stolen: DeliveredRecord[] = [];
    let stop = false;
    const watching = (async () => {
      while (!stop) for (const r of await other.poll(10, { maxWaitMs: 300 })) stolen.push(r);
    })();
    let expiry = record.lockExpiresAt;
    const heldUntil = Date.now() + 4500; // three lock durations
    while (Date.now() < heldUntil) {
      await sleep(500);
      const receipt = await holder.acknowledge(record, 'renew');
      expect(receipt.lockExpiresAt).toBeGreaterThan(Date.now());
      expect(receipt.lockExpiresAt as number).toBeGreaterThanOrEqual(expiry);
      expiry = receipt.lockExpiresAt as number;
    }
    await holder.acknowledge(record, 'accept');
    stop = true;
    await watching;
    expect(stolen.map(text)).toEqual([]);
  }, 30_000);
});
