import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/index.js';
import { KafkaEngine } from '../../../src/kafka/index.js';
import { provisionQueue } from '../../../src/job/provision.js';
import { Queue } from '../../../src/job/queue/queue.js';
import { queueTopology } from '../../../src/job/topology.js';
import { describeShareGroupConfigs } from '../../../src/share/admin/index.js';
import { expectedCapabilities } from '../kafka-release.js';

describe('provisioning ownership (Kafka)', () => {
  const engine = new KafkaEngine({ brokers: testBrokers() });
  const cluster = new Cluster({ brokers: testBrokers() });
  afterAll(async () => {
    await engine.close();
    await cluster.close();
  });

  it("a producer's Queue keeps the lock duration and delivery limit a worker configured", async () => {
    const name = uniqueName('owner');
    const topology = queueTopology(name);
    // What a Worker with lockDurationMs 4000 / deliveryCountLimit 7 does at start.
    await provisionQueue(engine, topology, { partitions: 1, lockDurationMs: 4_000, deliveryCountLimit: 7 });
    const queue = new Queue(name, { connection: engine });
    await queue.add('job', { n: 1 });
    await queue.close();
    const { config } = await describeShareGroupConfigs(cluster, topology.group);
    expect(config.lockDurationMs).toBe(4_000);
    // Kafka 4.2 has no per-group limit: the group shows none (the broker-wide one applies).
    expect(config.deliveryCountLimit).toBe(expectedCapabilities.groupLimits ? 7 : undefined);
    expect(config.autoOffsetReset).toBe('earliest');
  });
});
