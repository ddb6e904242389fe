/**
 * The broker stops and comes back mid-consumption (its own broker from the testkit, never the shared dev
 * broker): the consumer reconnects, reopens its share session, rejoins if fenced, and finishes the work.
 */
import { type LocalKafka, startLocalKafka } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShareFixture, shareFixture } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('share consumer: broker restart', () => {
  let kafka: LocalKafka | undefined;
  let fx: ShareFixture | undefined;
  beforeAll(async () => {
    kafka = await startLocalKafka();
  }, 180_000);
  afterAll(async () => {
    await fx?.close();
    await kafka?.stop();
  }, 60_000);

  it('resumes by itself after the broker restarts', async () => {
    const broker = kafka as LocalKafka;
    fx = await shareFixture({ prefix: 'restart', brokers: broker.brokers, group: { lockDurationMs: 2000 } });
    const total = 200;
    await fx.produce(Array.from({ length: total }, (_, i) => `job-${i}`));
    const errors: string[] = [];
    const consumer = fx.consumer({ onError: (e) => errors.push((e as { code?: string }).code ?? e.message) });
    const accepted = new Set<number>();
    let failedAcks = 0;
    let stop = false;
    const loop = (async () => {
      while (!stop && accepted.size < total) {
        for (const r of await consumer.poll(10, { maxWaitMs: 500 })) {
          await sleep(10);
          // A broker restart loses in-flight locks: such an ack fails and the record comes back later.
          await consumer.acknowledge(r, 'accept').then(
            () => accepted.add(r.offset),
            () => failedAcks++,
          );
        }
      }
    })();
    while (accepted.size < 30) await sleep(50);
    await broker.restart();
    const before = accepted.size;
    const deadline = Date.now() + 90_000;
    while (accepted.size < total && Date.now() < deadline) await sleep(200);
    stop = true;
    await loop;
    console.log(
      `accepted ${before} before the restart, ${accepted.size} in all; failed acks ${failedAcks}; errors: ${[...new Set(errors)].join(', ')}`,
    );
    expect(before).toBeLessThan(total);
    expect(accepted.size).toBe(total);
  }, 180_000);
});
