/**
 * Broker-side dead-letter queue for share groups (KIP-1191, Kafka 4.4, feature share.version=2) — as MEASURED
 * on the dev broker (Kafka 4.4.0, 2026-11-25) with the Java share consumer and a Java KafkaShareConsumer.
 *
 * Enabling: group configs `errors.deadletterqueue.topic.name` (must start with the cluster's
 * `errors.deadletterqueue.topic.name.prefix`, default "dlq.") and optionally
 * `errors.deadletterqueue.copy.record.enable=true`. With the cluster config
 * `errors.deadletterqueue.auto.create.topics.enable=true` the broker creates the topic on first use with
 * ONE partition and topic config `errors.deadletterqueue.group.enable=true` (a hand-made DLQ topic needs that
 * topic config too). On 4.2/4.3 (no KIP-1191) the keys are unknown and nothing is written.
 * The prefix is NOT checked when the group config is set (IncrementalAlterConfigs accepts "nodlq.x"); the
 * broker then writes NOTHING for that group, silently (measured: REJECT → no topic created, no broker log).
 * So callers must apply the prefix themselves: BROKER_DLQ_TOPIC_PREFIX.
 *
 * When the broker writes: a record goes Archived either by an explicit REJECT, or by reaching
 * `share.delivery.count.limit` (RELEASE at the limit, or the acquisition lock expiring at the limit).
 * The write is asynchronous to the acknowledgement (duplicates are possible; treat as at-least-once).
 *
 * What the DLQ record holds:
 *  - key/value: the ORIGINAL key and value only with copy.record.enable=true; otherwise both null.
 *  - headers: ONLY the six `__dlq.errors.*` headers below. The original record's headers are NOT copied,
 *    even with copy.record.enable=true (measured: an `x-orig` header on the source was absent on the DLQ record).
 *  - timestamp: the time the broker wrote the DLQ record (CreateTime), NOT the original record's timestamp.
 *  - every header value is a UTF-8 string; numbers are decimal text (e.g. "2").
 *
 * Sources: the KIP-1191 page (cwiki, "Dead-letter queues for share groups") specifies the "dlq." prefix and the
 * errors.deadletterqueue.group.enable topic config; the header names and reasons here are MEASURED on 4.4.0.
 * (The draft KIP-1317 proposes other names, `_dlq.errors.disposition`, `_dlq.errors.original.*`: not in 4.4.0.)
 */

/** Header names the broker puts on every DLQ record (values UTF-8 text). */
export const BROKER_DLQ_HEADERS = {
  /** Source topic name. */
  topic: '__dlq.errors.topic',
  /** Source partition, decimal. */
  partition: '__dlq.errors.partition',
  /** Source offset, decimal. */
  offset: '__dlq.errors.offset',
  /** Share group id that archived the record. */
  group: '__dlq.errors.group',
  /** Delivery count at archive time, decimal (1 for a first-delivery REJECT; the limit when exhausted). */
  deliveryCount: '__dlq.errors.delivery.count',
  /** Human-readable reason; see BROKER_DLQ_REASONS. */
  message: '__dlq.errors.message',
} as const;

/** Observed `__dlq.errors.message` values. Lock expiry at the limit and RELEASE at the limit read the same. */
export const BROKER_DLQ_REASONS = {
  /** The consumer acknowledged with REJECT. */
  rejected: 'Offset rejected by client.',
  /** Delivery count reached share.delivery.count.limit (by RELEASE or by lock expiry on the last attempt). */
  deliveryCountExceeded: 'Offset delivery count exceeded the threshold.',
} as const;

/** Every header name starts with this; a record carrying it came from the broker's DLQ writer. */
export const BROKER_DLQ_HEADER_PREFIX = '__dlq.errors.';

/** Default for the cluster config errors.deadletterqueue.topic.name.prefix: group DLQ names must start with it. */
export const BROKER_DLQ_TOPIC_PREFIX = 'dlq.';

export interface BrokerDlqInfo {
  topic: string;
  partition: number;
  offset: number;
  group: string;
  deliveryCount: number;
  message: string;
  reason: 'rejected' | 'delivery-count-exceeded' | 'other';
}

/** Parses the broker's DLQ headers; undefined when the record was not written by the broker's DLQ. */
export function parseBrokerDlqHeaders(
  headers: Readonly<Record<string, Buffer | string>>,
): BrokerDlqInfo | undefined {
  const text = (name: string): string | undefined => {
    const v = headers[name];
    return v === undefined ? undefined : typeof v === 'string' ? v : v.toString('utf8');
  };
  const topic = text(BROKER_DLQ_HEADERS.topic);
  if (topic === undefined) return undefined;
  const message = text(BROKER_DLQ_HEADERS.message) ?? '';
  return {
    topic,
    partition: Number(text(BROKER_DLQ_HEADERS.partition) ?? -1),
    offset: Number(text(BROKER_DLQ_HEADERS.offset) ?? -1),
    group: text(BROKER_DLQ_HEADERS.group) ?? '',
    deliveryCount: Number(text(BROKER_DLQ_HEADERS.deliveryCount) ?? 0),
    message,
    reason:
      message === BROKER_DLQ_REASONS.rejected
        ? 'rejected'
        : message === BROKER_DLQ_REASONS.deliveryCountExceeded
          ? 'delivery-count-exceeded'
          : 'other',
  };
}
