/**
 * Shared setup for the share consumer's real-broker tests: a fresh topic and group per test, records
 * produced with kafkajs, group configs set through our share admin, consumers built on a real Cluster.
 */
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { Cluster } from '../../../../src/client/cluster.js';
import type { DeliveredRecord, ShareGroupConfig } from '../../../../src/engine/engine.js';
import { TopicAdmin } from '../../../../src/kafka/topic-admin.js';
import { alterShareGroupConfigs } from '../../../../src/share/admin/index.js';
import { createKafkaShareConsumer, type KafkaShareConsumer } from '../../../../src/share/consumer/index.js';
import type { ShareConsumerConfig } from '../../../../src/share/consumer/options.js';

export interface ShareFixture {
  topic: string;
  groupId: string;
  kafka: Kafka;
  cluster: Cluster;
  produce(values: string[], partition?: number): Promise<void>;
  consumer(overrides?: Partial<ShareConsumerConfig>): KafkaShareConsumer;
  close(): Promise<void>;
}

export async function shareFixture(options: {
  prefix: string;
  partitions?: number;
  group?: ShareGroupConfig;
  /** Default: the shared dev broker (SHARQ_KAFKA_BROKERS). */
  brokers?: string[];
}): Promise<ShareFixture> {
  const brokers = options.brokers ?? testBrokers();
  const topic = uniqueName(`sc-${options.prefix}`);
  const groupId = uniqueName(`g-${options.prefix}`);
  const kafka = new Kafka({
    clientId: 'sharq-share-tests',
    brokers,
    logLevel: logLevel.NOTHING,
  });
  // TopicAdmin, not kafkajs' createTopics(waitForLeaders): a loaded broker answers the metadata right after
  // CreateTopics with UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry; TopicAdmin waits it out.
  const topics = new TopicAdmin(kafka);
  await topics.ensureTopic({ name: topic, partitions: options.partitions ?? 1 });
  await topics.close();
  const producer = kafka.producer();
  await producer.connect();
  const cluster = new Cluster({ brokers, clientId: 'sharq-share-tests' });
  await cluster.connect();
  await alterShareGroupConfigs(cluster, groupId, { autoOffsetReset: 'earliest', ...options.group });
  const consumers: KafkaShareConsumer[] = [];
  return {
    topic,
    groupId,
    kafka,
    cluster,
    async produce(values, partition) {
      await producer.send({
        topic,
        messages: values.map((value) => (partition === undefined ? { value } : { value, partition })),
      });
    },
    consumer(overrides = {}) {
      const c = createKafkaShareConsumer(cluster, { groupId, topics: [topic], ...overrides });
      consumers.push(c);
      return c;
    },
    async close() {
      await Promise.allSettled(consumers.map((c) => c.close()));
      await producer.disconnect();
      await cluster.close();
    },
  };
}

/** Polls until `count` records arrived or `timeoutMs` passed; every record goes to `onRecord`. */
export async function pollUntil(
  consumer: KafkaShareConsumer,
  count: number,
  timeoutMs: number,
  onRecord: (record: DeliveredRecord) => void | Promise<void>,
  maxRecords = 100,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (seen < count && Date.now() < deadline) {
    const records = await consumer.poll(maxRecords, { maxWaitMs: Math.min(1000, deadline - Date.now()) });
    for (const record of records) {
      seen++;
      await onRecord(record);
    }
  }
  return seen;
}

export const text = (record: DeliveredRecord): string => record.value?.toString() ?? '';
