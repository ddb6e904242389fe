/**
 * The engine's ShareGroupConfig ↔ Kafka group-level dynamic configs (KIP-932 / KIP-1191 names).
 *
 * One table so alter and describe can never disagree on a key. Values go over the wire as strings;
 * the broker validates them against its own bounds (group.share.min/max.*) and answers INVALID_CONFIG.
 */
import type { ShareGroupConfig } from '../../engine/engine.js';

/** ResourceType 32 = GROUP in IncrementalAlterConfigs / DescribeConfigs (KIP-848 added it). */
export const RESOURCE_TYPE_GROUP = 32;
/** IncrementalAlterConfigs ConfigOperation: 0 SET, 1 DELETE (2 APPEND, 3 SUBTRACT are for list configs). */
export const CONFIG_OP_SET = 0;
export const CONFIG_OP_DELETE = 1;

export const GROUP_CONFIG_KEYS = {
  lockDurationMs: 'share.record.lock.duration.ms',
  deliveryCountLimit: 'share.delivery.count.limit',
  autoOffsetReset: 'share.auto.offset.reset',
  deadLetterTopic: 'errors.deadletterqueue.topic.name',
  deadLetterCopyRecord: 'errors.deadletterqueue.copy.record.enable',
  heartbeatIntervalMs: 'share.heartbeat.interval.ms',
  sessionTimeoutMs: 'share.session.timeout.ms',
} as const satisfies Record<keyof Required<ShareGroupConfig>, string>;

type ConfigField = keyof typeof GROUP_CONFIG_KEYS;
const FIELDS = Object.keys(GROUP_CONFIG_KEYS) as ConfigField[];

export interface ConfigEntry {
  name: string;
  value: string;
}

/** Only the keys present in `config` (undefined = leave the broker's value alone). */
export function toGroupConfigEntries(config: ShareGroupConfig): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const field of FIELDS) {
    const value = config[field];
    if (value === undefined) continue;
    entries.push({ name: GROUP_CONFIG_KEYS[field], value: String(value) });
  }
  return entries;
}

/** Broker values (all strings) back into the engine's typed config; unknown or empty values are left out. */
export function fromGroupConfigEntries(values: ReadonlyMap<string, string | null>): ShareGroupConfig {
  const out: ShareGroupConfig = {};
  const num = (key: string): number | undefined => {
    const raw = values.get(key);
    if (raw === undefined || raw === null || raw === '') return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  const lock = num(GROUP_CONFIG_KEYS.lockDurationMs);
  if (lock !== undefined) out.lockDurationMs = lock;
  const limit = num(GROUP_CONFIG_KEYS.deliveryCountLimit);
  if (limit !== undefined) out.deliveryCountLimit = limit;
  const reset = values.get(GROUP_CONFIG_KEYS.autoOffsetReset);
  if (reset === 'earliest' || reset === 'latest') out.autoOffsetReset = reset;
  const dlq = values.get(GROUP_CONFIG_KEYS.deadLetterTopic);
  if (dlq) out.deadLetterTopic = dlq;
  const copy = values.get(GROUP_CONFIG_KEYS.deadLetterCopyRecord);
  if (copy === 'true' || copy === 'false') out.deadLetterCopyRecord = copy === 'true';
  const heartbeat = num(GROUP_CONFIG_KEYS.heartbeatIntervalMs);
  if (heartbeat !== undefined) out.heartbeatIntervalMs = heartbeat;
  const session = num(GROUP_CONFIG_KEYS.sessionTimeoutMs);
  if (session !== undefined) out.sessionTimeoutMs = session;
  return out;
}
