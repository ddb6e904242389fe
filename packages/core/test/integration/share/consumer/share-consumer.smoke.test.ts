import { afterEach, describe, expect, it } from 'vitest';
import { type ShareFixture, pollUntil, shareFixture, text } from './helpers.js';

describe('share consumer on the dev broker', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('receives and accepts every produced record once', async () => {
    fx = await shareFixture({ prefix: 'smoke', group: { lockDurationMs: 2000 } });
    await fx.produce(Array.from({ length: 50 }, (_, i) => `m${i}`));
    const consumer = fx.consumer();
    const seen: string[] = [];
    const acks: Promise<unknown>[] = [];
    await pollUntil(consumer, 50, 15_000, (r) => {
      seen.push(text(r));
      expect(r.deliveryCount).toBe(1);
      expect(r.lockExpiresAt).toBeGreaterThan(Date.now());
      acks.push(consumer.acknowledge(r, 'accept'));
    });
    await Promise.all(acks);
    expect(new Set(seen).size).toBe(50);
    expect(seen.length).toBe(50);
    await consumer.close();
  }, 30_000);
});
