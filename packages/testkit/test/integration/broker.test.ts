import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { selectedKafkaRelease, testBrokers, uniqueName } from '../../src/index.js';
import { probeApiVersions } from '../../src/kafka/api-versions-probe.js';
import { splitHostPort } from '../../src/kafka/broker-address.js';

describe('the test broker', () => {
  it('advertises the share-group APIs 76–79 and finalizes share.version at its release level (2 on 4.4, else 1)', async () => {
    const { host, port } = splitHostPort(testBrokers()[0]!);
    const answer = await probeApiVersions(host, port);
    const keys = answer.apiKeys.map((range) => range.apiKey);
    expect(keys).toEqual(expect.arrayContaining([76, 77, 78, 79]));
    expect(answer.finalizedFeaturesEpoch).toBeGreaterThanOrEqual(0);
    expect(answer.finalizedFeatures['share.version']).toBe(selectedKafkaRelease().shareFeatureLevel);
  });

  it('creates a topic, takes a record and gives it back (kafkajs)', async () => {
    // Quiet: a fresh broker answers the first group calls with retriable COORDINATOR_LOAD_IN_PROGRESS, which
    // kafkajs logs as errors before retrying; a real failure fails the test.
    const kafka = new Kafka({ clientId: 'testkit-it', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const topic = uniqueName('testkit-roundtrip');
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: uniqueName('testkit-roundtrip-group') });
    try {
      await admin.connect();
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })).toBe(
        true,
      );
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k1', value: 'hello share groups' }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key: string; value: string; offset: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              offset: message.offset,
            });
          },
        });
      });
      expect(received).toEqual({ key: 'k1', value: 'hello share groups', offset: '0' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
