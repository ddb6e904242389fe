/**
 * provisionQueue: creates every topic of a queue and configures its share group.
 * Idempotent (ensureTopic never shrinks) and memoised per engine, so each process pays it once
 * per queue. What is sent depends on the engine's detected capabilities, so nothing a release does
 * not know reaches it (an unknown key fails the whole request with INVALID_CONFIG):
 *   - the group's delivery limit (share.delivery.count.limit) only where groups have one (Kafka 4.3+);
 *     on 4.2 the broker-wide group.share.delivery.count.limit applies and is reported back, so the
 *     worker can re-enqueue before it (README: compatibility);
 *   - the broker-side DLQ (KIP-1191: group configs errors.deadletterqueue.*, topic config
 *     errors.deadletterqueue.group.enable) only on Kafka 4.4 with share.version=2. Without it, records
 *     the broker archives on its own (crash loop, lock expiry on the last delivery) are dropped.
 */
import type { Engine, EngineCapabilities, ShareGroupConfig, TopicSpec } from '../engine/engine.js';
import { ensureTopicRetrying, provisionOnce } from './provision-once.js';
import type { QueueTopology } from './topology.js';

export interface QueueSettings {
  partitions: number;
  /** Omitted by producers: only workers own the lock duration and delivery limit of the group. */
  lockDurationMs?: number | undefined;
  deliveryCountLimit?: number | undefined;
}

/**
 * Delay buckets get at least this many partitions. The forwarder moves one record per partition
 * per produce round trip (it must not commit past a record before its copy is durable), so a
 * burst of due records — a thousand jobs failing at once with the same backoff — drains
 * partitions-times faster, and the forwards of concurrent partitions share produce requests.
 */
export const MIN_DELAY_PARTITIONS = 8;

export function delayPartitions(queuePartitions: number): number {
  return Math.max(queuePartitions, MIN_DELAY_PARTITIONS);
}

export interface ProvisionResult {
  /** The broker dead-letters what it archives on its own into the queue's DLQ topic (KIP-1191). */
  brokerDlq: boolean;
  /**
   * The delivery limit the broker enforces on this queue's group, when known: the one asked for where
   * groups have their own (Kafka 4.3+, embedded), the broker-wide one where they don't (4.2: asking is
   * not possible, so a worker must treat this as its limit); undefined when none was asked for on 4.3+.
   */
  deliveryCountLimit: number | undefined;
}

/** The embedded engine (no capabilities()) behaves like Kafka 4.4 with share.version=2. */
const EVERYTHING: Pick<EngineCapabilities, 'groupLimits' | 'brokerDlq'> = {
  groupLimits: true,
  brokerDlq: true,
};

/**
 * Events are for live observation and recent waiters: an hour of retention, in 10-minute segments
 * (retention deletes whole segments), so a QueueEvents reading from the start reads ~an hour at most.
 */
/**
 * Presence is rewritten every heartbeat, so compaction must actually run: 10-minute segments (only
 * closed segments are compacted), cleaning at 10 % dirty, tombstones dropped after an hour; and
 * 'delete' too, so the last record of a worker that died without a tombstone goes after a day.
 * readPresence then reads at most ~10 minutes of heartbeats plus one record per worker.
 */
export function presenceTopicSpec(t: QueueTopology): TopicSpec {
  return {
    name: t.presenceTopic,
    partitions: 1,
    configs: {
      'cleanup.policy': 'compact,delete',
      'segment.ms': String(600_000),
      'min.cleanable.dirty.ratio': '0.1',
      'delete.retention.ms': String(3_600_000),
      'retention.ms': String(86_400_000),
    },
  };
}

export function eventsTopicSpec(t: QueueTopology): TopicSpec {
  return {
    name: t.eventsTopic,
    partitions: 1,
    configs: { 'retention.ms': String(3_600_000), 'segment.ms': String(600_000) },
  };
}

export function provisionQueue(
  engine: Engine,
  topology: QueueTopology,
  settings: QueueSettings,
): Promise<ProvisionResult> {
  const key = `queue|${topology.topic}|${settings.partitions}|${settings.lockDurationMs}|${settings.deliveryCountLimit}`;
  return provisionOnce(engine, key, () => provision(engine, topology, settings));
}

async function provision(
  engine: Engine,
  t: QueueTopology,
  settings: QueueSettings,
): Promise<ProvisionResult> {
  const caps = engine.capabilities ? await engine.capabilities() : undefined;
  const { groupLimits, brokerDlq } = caps ?? EVERYTHING;
  const { partitions } = settings;
  await Promise.all([
    ensureTopicRetrying(engine, { name: t.topic, partitions }),
    ensureTopicRetrying(engine, {
      name: t.dlqTopic,
      partitions,
      // The broker writes its dead letters only into a topic with this config (it sets it on topics it
      // auto-creates; one we create first needs it too). Releases before 4.4 refuse the unknown key.
      ...(brokerDlq ? { configs: { 'errors.deadletterqueue.group.enable': 'true' } } : {}),
    }),
    ensureTopicRetrying(engine, {
      name: t.dlqStateTopic,
      partitions: 1,
      configs: { 'cleanup.policy': 'compact' },
    }),
    ensureTopicRetrying(engine, eventsTopicSpec(t)),
    ensureTopicRetrying(engine, presenceTopicSpec(t)),
    ...t.delayBuckets.map((bucket) =>
      ensureTopicRetrying(engine, { name: bucket.topic, partitions: delayPartitions(partitions) }),
    ),
  ]);
  const config: ShareGroupConfig = { autoOffsetReset: 'earliest' };
  if (settings.lockDurationMs !== undefined) config.lockDurationMs = settings.lockDurationMs;
  if (settings.deliveryCountLimit !== undefined && groupLimits)
    config.deliveryCountLimit = settings.deliveryCountLimit;
  if (brokerDlq) {
    config.deadLetterTopic = t.dlqTopic;
    config.deadLetterCopyRecord = true;
  }
  await engine.configureShareGroup(t.group, config);
  return {
    brokerDlq,
    deliveryCountLimit: groupLimits ? settings.deliveryCountLimit : caps?.defaultDeliveryCountLimit,
  };
}
