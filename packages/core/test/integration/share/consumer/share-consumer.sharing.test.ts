/**
 * Many consumers, one partition: KIP-932's point. Every consumer gets work, every record is delivered,
 * and (no lock expiring, nobody failing) none is delivered twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KafkaShareConsumer } from '../../../../src/share/consumer/index.js';
import { type ShareFixture, shareFixture } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('share consumer: consumers > partitions', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('8 consumers on a 1-partition topic all receive records, each record exactly once', async () => {
    fx = await shareFixture({ prefix: 'eight', group: { lockDurationMs: 30_000 } });
    const total = 400;
    const consumers: KafkaShareConsumer[] = Array.from({ length: 8 }, () =>
      (fx as ShareFixture).consumer({ fetchMaxWaitMs: 200 }),
    );
    const byConsumer = consumers.map(() => 0);
    const offsets: number[] = [];
    let done = false;
    const loops = consumers.map(async (consumer, i) => {
      while (!done) {
        const records = await consumer.poll(5, { maxWaitMs: 300 });
        for (const r of records) {
          expect(r.deliveryCount).toBe(1);
          offsets.push(r.offset);
          byConsumer[i] = (byConsumer[i] as number) + 1;
          await sleep(3); // some work, so that one fast consumer cannot take everything
          await consumer.acknowledge(r, 'accept');
        }
      }
    });
    await sleep(2500); // joins + assignment (1 s heartbeats, 1 s assignment interval on the dev broker)
    await fx.produce(Array.from({ length: total }, (_, i) => `job-${i}`));
    const deadline = Date.now() + 30_000;
    while (offsets.length < total && Date.now() < deadline) await sleep(100);
    await sleep(500); // would a duplicate show up?
    done = true;
    await Promise.all(loops);
    console.log('records per consumer:', byConsumer.join(' '));
    expect(offsets.length).toBe(total);
    expect(new Set(offsets).size).toBe(total);
    for (const count of byConsumer) expect(count).toBeGreaterThan(0);
  }, 60_000);
});
