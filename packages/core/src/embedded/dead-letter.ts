import { BROKER_DLQ_HEADERS, BROKER_DLQ_REASONS } from '../share/admin/broker-dlq.js';
import type { ArchivedRecord } from './share-partition.js';
import type { TopicStore } from './topic-store.js';

/** What the broker sets on a DLQ topic it auto-creates (KIP-1191). */
const DLQ_TOPIC_CONFIGS = { 'errors.deadletterqueue.group.enable': 'true' };

/**
 * Broker-side DLQ emulation (KIP-1191, Kafka 4.4 share.version=2), matching what the 4.4.0 broker
 * writes (measured, see share/admin/broker-dlq.ts): the topic is auto-created with one partition;
 * the record carries only the six `__dlq.errors.*` text headers, the original key and value only
 * with copy.record, and the write time as its timestamp. The broker writes asynchronously; here the
 * write is immediate, which is one of the orders the broker can produce.
 */
export function writeBrokerDeadLetter(
  topics: TopicStore,
  dlqTopic: string,
  groupId: string,
  copyRecord: boolean,
  archived: ArchivedRecord,
  now: number,
): void {
  topics.ensure(dlqTopic, 1, DLQ_TOPIC_CONFIGS);
  const topic = topics.require(dlqTopic);
  // Like the broker: a pre-existing topic without errors.deadletterqueue.group.enable=true gets nothing.
  if (topic.configs['errors.deadletterqueue.group.enable'] !== 'true') return;
  const partitions = topic.partitions.length;
  const { record } = archived;
  const headers = {
    [BROKER_DLQ_HEADERS.topic]: Buffer.from(record.topic),
    [BROKER_DLQ_HEADERS.partition]: Buffer.from(String(record.partition)),
    [BROKER_DLQ_HEADERS.offset]: Buffer.from(String(record.offset)),
    [BROKER_DLQ_HEADERS.group]: Buffer.from(groupId),
    [BROKER_DLQ_HEADERS.deliveryCount]: Buffer.from(String(archived.deliveryCount)),
    [BROKER_DLQ_HEADERS.message]: Buffer.from(
      archived.reason === 'reject' ? BROKER_DLQ_REASONS.rejected : BROKER_DLQ_REASONS.deliveryCountExceeded,
    ),
  };
  topics.appendStored(dlqTopic, record.partition % partitions, {
    key: copyRecord ? record.key : null,
    value: copyRecord ? record.value : null,
    headers,
    timestamp: now,
  });
}
