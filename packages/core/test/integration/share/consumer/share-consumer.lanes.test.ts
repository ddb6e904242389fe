/**
 * Two consumers on one Cluster (as the engine shares it): a broker serves one request per connection at a
 * time, so without a connection of its own per consumer, an idle consumer's long poll would stall the busy
 * one for MaxWaitMs on every request. The idle one long-polls for 5 s here: sharing a connection, the busy
 * consumer's 20 fetches would need about 100 s; the bound below is far from both.
 */
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { alterShareGroupConfigs } from '../../../../src/share/admin/index.js';
import { createKafkaShareConsumer } from '../../../../src/share/consumer/index.js';
import { type ShareFixture, shareFixture } from './helpers.js';

describe('share consumer: consumers sharing a Cluster', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it("an idle consumer's long poll does not hold up a busy consumer", async () => {
    fx = await shareFixture({ prefix: 'lanes' });
    const total = 2000;
    await fx.produce(Array.from({ length: total }, (_, i) => `job-${i}`));
    const idleTopic = uniqueName('sc-lanes-idle');
    const admin = fx.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: idleTopic }], waitForLeaders: true });
    await admin.disconnect();
    const idleGroup = uniqueName('g-lanes-idle');
    await alterShareGroupConfigs(fx.cluster, idleGroup, { autoOffsetReset: 'earliest' });
    const idle = createKafkaShareConsumer(fx.cluster, {
      groupId: idleGroup,
      topics: [idleTopic],
      fetchMaxWaitMs: 5000,
    });
    let stop = false;
    const idling = (async () => {
      while (!stop) await idle.poll(10, { maxWaitMs: 5000 });
    })();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the idle one is in its long polls now

    const busy = fx.consumer();
    const started = Date.now();
    let consumed = 0;
    while (consumed < total && Date.now() - started < 30_000) {
      const records = await busy.poll(100, { maxWaitMs: 1000 });
      consumed += records.length;
      await Promise.all(records.map((r) => busy.acknowledge(r, 'accept')));
    }
    const elapsed = Date.now() - started;
    stop = true;
    await idling;
    await idle.close();
    console.log(`busy consumer: ${consumed} records in ${elapsed} ms next to an idle long-polling consumer`);
    expect(consumed).toBe(total);
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});
