/**
 * Provisioning on the release under test (SHARQ_KAFKA_VERSION): what is detected, what is sent, and that a
 * queue works end to end. Backs the README compatibility table's provisioning, delivery-limit and DLQ rows.
 */
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/index.js';
import { decodeEnvelope } from '../../../src/job/envelope.js';
import { provisionQueue } from '../../../src/job/provision.js';
import { Queue } from '../../../src/job/queue/queue.js';
import { queueTopology } from '../../../src/job/topology.js';
import { KafkaEngine } from '../../../src/kafka/index.js';
import { describeShareGroupConfigs } from '../../../src/share/admin/index.js';
import { expectedCapabilities, release } from '../kafka-release.js';

describe(`provisioning on Kafka ${release.version}`, () => {
  const engine = new KafkaEngine({ brokers: testBrokers() });
  const cluster = new Cluster({ brokers: testBrokers() });
  const kafka = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  afterAll(async () => {
    await engine.close();
    await cluster.close();
    await admin.disconnect();
  });

  it('detects what this release supports', async () => {
    const caps = await engine.capabilities();
    expect(caps).toMatchObject(expectedCapabilities);
    // The test broker keeps Kafka's broker-wide defaults for these two.
    expect(caps.defaultDeliveryCountLimit).toBe(5);
    expect(caps.defaultMaxRecordLocks).toBe(2000);
    expect(caps.summary).toContain(
      `share.version=${release.shareFeatureLevel}, ShareFetch v2, ShareAcknowledge v2`,
    );
  });

  it('sets up a queue with only the configs the release knows, and says what the group got', async () => {
    const topology = queueTopology(uniqueName('compat'));
    const result = await provisionQueue(engine, topology, {
      partitions: 2,
      lockDurationMs: 5_000,
      deliveryCountLimit: 7,
    });
    expect(result).toEqual({
      brokerDlq: expectedCapabilities.brokerDlq,
      // 4.2: the broker-wide limit every group has (the 7 asked for cannot be set there).
      deliveryCountLimit: expectedCapabilities.groupLimits ? 7 : 5,
    });
    const { config, raw } = await describeShareGroupConfigs(cluster, topology.group);
    expect(config.lockDurationMs).toBe(5_000);
    expect(config.autoOffsetReset).toBe('earliest');
    expect(raw.has('share.delivery.count.limit')).toBe(expectedCapabilities.groupLimits);
    // The in-flight cap: per group from 4.3 (left at the broker's default), broker-wide only on 4.2.
    expect(raw.get('share.partition.max.record.locks')).toBe(
      expectedCapabilities.groupLimits ? '2000' : undefined,
    );
    if (expectedCapabilities.groupLimits) expect(config.deliveryCountLimit).toBe(7);
    expect(config.deadLetterTopic).toBe(expectedCapabilities.brokerDlq ? topology.dlqTopic : undefined);

    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: topology.dlqTopic }],
    });
    const dlqGroupEnable = described.resources[0]?.configEntries.find(
      (e) => e.configName === 'errors.deadletterqueue.group.enable',
    );
    expect(dlqGroupEnable?.configValue).toBe(expectedCapabilities.brokerDlq ? 'true' : undefined);
    expect(await engine.partitionCount(topology.dlqTopic)).toBe(2);
  });

  // A fresh queue's first add(): on 4.2/4.3 it once failed creating the DLQ topic (INVALID_CONFIG).
  it('a fresh queue takes a job and a share consumer receives it', async () => {
    const queue = new Queue<{ n: number }>(uniqueName('compat-add'), { connection: engine });
    try {
      const job = await queue.add('first', { n: 1 });
      const consumer = engine.createShareConsumer({
        groupId: queue.topology.group,
        topics: [queue.topology.topic],
      });
      try {
        const deadline = Date.now() + 20_000;
        let received: string | undefined;
        while (received === undefined && Date.now() < deadline) {
          for (const record of await consumer.poll(1, { maxWaitMs: 500 })) {
            const decoded = decodeEnvelope(record);
            if (decoded.ok) received = decoded.envelope.id;
            await consumer.acknowledge(record, 'accept');
          }
        }
        expect(received).toBe(job.id);
      } finally {
        await consumer.close();
      }
    } finally {
      await queue.close();
    }
  });
});
