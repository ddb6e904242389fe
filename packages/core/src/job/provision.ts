/**
 * provisionQueue: creates every topic of a queue and configures its share group.
 * Idempotent (ensureTopic never shrinks) and memoised per engine, so each process pays it once
 * per queue. The share group's delivery limit stays above `attempts` (design card) and the
 * broker-side DLQ points at the same DLQ topic the worker writes (KIP-1191); on a broker
 * without KIP-1191 (Kafka 4.2/4.3) the DLQ configs are rejected, we configure the rest and
 * records the broker archives on its own are then not copied anywhere (see README).
 */
import type { Engine, ShareGroupConfig, TopicSpec } from '../engine/engine.js';
import { ValidationError } from '../errors.js';
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
  /** False when the broker refused the DLQ configs (no KIP-1191). */
  brokerDlq: boolean;
}

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

const provisioned = new WeakMap<Engine, Map<string, Promise<ProvisionResult>>>();

export function provisionQueue(
  engine: Engine,
  topology: QueueTopology,
  settings: QueueSettings,
): Promise<ProvisionResult> {
  let perEngine = provisioned.get(engine);
  if (!perEngine) {
    perEngine = new Map();
    provisioned.set(engine, perEngine);
  }
  const key = `${topology.topic}|${settings.partitions}|${settings.lockDurationMs}|${settings.deliveryCountLimit}`;
  let pending = perEngine.get(key);
  if (!pending) {
    pending = provision(engine, topology, settings);
    perEngine.set(key, pending);
    // A failure must not be memoised: the next call tries again.
    pending.catch(() => perEngine.delete(key));
  }
  return pending;
}

async function provision(
  engine: Engine,
  t: QueueTopology,
  settings: QueueSettings,
): Promise<ProvisionResult> {
  const { partitions } = settings;
  await Promise.all([
    ensure(engine, { name: t.topic, partitions }),
    ensureDlqTopic(engine, t.dlqTopic, partitions),
    ensure(engine, {
      name: t.dlqStateTopic,
      partitions: 1,
      configs: { 'cleanup.policy': 'compact' },
    }),
    ensure(engine, eventsTopicSpec(t)),
    ensure(engine, presenceTopicSpec(t)),
    ...t.delayBuckets.map((bucket) =>
      ensure(engine, { name: bucket.topic, partitions: delayPartitions(partitions) }),
    ),
  ]);
  const base: ShareGroupConfig = { autoOffsetReset: 'earliest' };
  if (settings.lockDurationMs !== undefined) base.lockDurationMs = settings.lockDurationMs;
  if (settings.deliveryCountLimit !== undefined) base.deliveryCountLimit = settings.deliveryCountLimit;
  try {
    await engine.configureShareGroup(t.group, {
      ...base,
      deadLetterTopic: t.dlqTopic,
      deadLetterCopyRecord: true,
    });
    return { brokerDlq: true };
  } catch (dlqError) {
    // Only a refusal of the configs means "no KIP-1191"; a transient failure must fail provisioning
    // (retried on the next use) rather than silently run without the broker-side DLQ.
    if (!isConfigRejection(dlqError)) throw dlqError;
    // Retry without the KIP-1191 keys; if that fails too, the first error was not about them.
    try {
      await engine.configureShareGroup(t.group, base);
    } catch {
      throw dlqError;
    }
    return { brokerDlq: false };
  }
}

/**
 * The broker writes its dead letters only into a topic with errors.deadletterqueue.group.enable=true
 * (it sets it on topics it auto-creates; a topic we create first needs it too). Brokers before 4.4
 * reject the unknown config: then the topic is created without it (worker-written DLQ only).
 */
async function ensureDlqTopic(engine: Engine, name: string, partitions: number): Promise<void> {
  try {
    await ensure(engine, { name, partitions, configs: { 'errors.deadletterqueue.group.enable': 'true' } });
  } catch (error) {
    if (!isConfigRejection(error)) throw error;
    try {
      await ensure(engine, { name, partitions });
    } catch {
      throw error;
    }
  }
}

/**
 * ensureTopic is idempotent, so a failed attempt is simply repeated: right after CreateTopics a
 * broker can briefly answer metadata with UNKNOWN_TOPIC_OR_PARTITION (seen on the dev broker
 * under parallel creates). Validation errors are final.
 */
async function ensure(engine: Engine, spec: TopicSpec, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.ensureTopic(spec);
      return;
    } catch (error) {
      if (isConfigRejection(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/**
 * The broker (or embedded engine) refused: a ValidationError, or a broker error flagged not retriable
 * (our KafkaProtocolError and kafkajs' errors both carry `retriable`). Connection trouble and
 * retriable broker errors are not refusals.
 */
function isConfigRejection(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  return (
    typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === false
  );
}
