import { afterEach, describe, expect, it } from 'vitest';
import { ClosedError } from '../../../../src/errors.js';
import { type ShareFixture, pollUntil, shareFixture, text } from './helpers.js';

describe('share consumer: stopFetching() hands over what a fetch in flight acquired', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('records arriving after the poll was aborted come back to the caller, still locked, not RELEASEd by close', async () => {
    fx = await shareFixture({ prefix: 'stopfetch', group: { lockDurationMs: 30_000 } });
    await fx.produce(['warm']);
    // A long fetch wait: the fetch of the aborted poll below is surely still parked at the broker when the
    // record arrives.
    const consumer = fx.consumer({ fetchMaxWaitMs: 5_000 });
    await pollUntil(consumer, 1, 15_000, async (r) => {
      await consumer.acknowledge(r, 'accept');
    });
    const abort = new AbortController();
    const idle = consumer.poll(10, { maxWaitMs: 10_000, signal: abort.signal });
    // Let the poll's ShareFetch reach the broker and park there.
    await new Promise((resolve) => setTimeout(resolve, 500));
    abort.abort();
    expect(await idle).toEqual([]);
    const stopping = consumer.stopFetching();
    await fx.produce(['late']);
    const landed = await stopping;
    expect(landed.map(text)).toEqual(['late']);
    expect(landed[0]?.deliveryCount).toBe(1);
    // No fetch any more, and what was handed over is ours to settle.
    await expect(consumer.poll(1)).rejects.toBeInstanceOf(ClosedError);
    for (const record of landed) await consumer.acknowledge(record, 'accept');
    await consumer.close();

    // Accepted, so nothing is left for anyone: a RELEASE at close would have brought 'late' back (count 2).
    const other = fx.consumer();
    const again: string[] = [];
    await pollUntil(other, 1, 3_000, (r) => {
      again.push(text(r));
    });
    expect(again).toEqual([]);
    await other.close();
  }, 60_000);
});
