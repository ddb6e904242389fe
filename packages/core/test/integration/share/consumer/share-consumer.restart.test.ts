/**
 * The broker stops and comes back mid-consumption (its own broker from the testkit, never the shared dev
 * broker): the consumer reconnects, reopens its share session, rejoins if fenced, and finishes the work.
 * Acks for records acquired before the restart can no longer succeed (the broker lost those acquisitions):
 * they must fail as INVALID_RECORD_STATE, never be sent on the new session (where the broker refused them
 * with INVALID_REQUEST, "Batch record not found", and the caller could not tell a lost lock from a bug).
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
    const failedAcks = new Map<string, number>();
    let stop = false;
    const loop = (async () => {
      while (!stop && accepted.size < total) {
        for (const r of await consumer.poll(10, { maxWaitMs: 500 })) {
          await sleep(10);
          // A broker restart loses in-flight locks: such an ack fails and the record comes back later.
          await consumer.acknowledge(r, 'accept').then(
            () => accepted.add(r.offset),
            (e: unknown) => {
              const code = (e as { code?: string }).code ?? String(e);
              failedAcks.set(code, (failedAcks.get(code) ?? 0) + 1);
            },
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
      `accepted ${before} before the restart, ${accepted.size} in all; failed acks ${JSON.stringify(Object.fromEntries(failedAcks))}; errors: ${[...new Set(errors)].join(', ')}`,
    );
    expect(before).toBeLessThan(total);
    expect(accepted.size).toBe(total);
    expect([...failedAcks.keys()].filter((code) => code !== 'INVALID_RECORD_STATE')).toEqual([]);
    expect(errors).not.toContain('INVALID_REQUEST');
  }, 180_000);
});
