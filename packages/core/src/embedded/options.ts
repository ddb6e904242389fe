import { z } from 'zod';
import type { ShareGroupConfig } from '../engine/engine.js';
import { deliveryCountLimit, lockDurationMs } from '../options/fragments.js';
import { parseOptions } from '../options/parse-options.js';
import { BROKER_DLQ_TOPIC_PREFIX } from '../share/admin/broker-dlq.js';
import { type Clock, systemClock } from './clock.js';

/**
 * Embedded engine options, parsed once here. `defaults` play the role of the broker's
 * group.share.* settings: what a share group gets until configureShareGroup overrides it.
 * Kafka's defaults, except where noted.
 */
const defaultsSchema = z.strictObject({
  /** group.share.record.lock.duration.ms */
  lockDurationMs: lockDurationMs().default(30_000),
  /** group.share.delivery.count.limit */
  deliveryCountLimit: deliveryCountLimit().default(5),
  /** group.share.partition.max.record.locks (2000 since Kafka 4.1) */
  maxRecordLocks: z.number().int().positive().default(2000),
  heartbeatIntervalMs: z.number().int().positive().default(5000),
  sessionTimeoutMs: z.number().int().positive().default(45_000),
  /** share.auto.offset.reset; Kafka's default is latest. */
  autoOffsetReset: z.enum(['earliest', 'latest']).default('latest'),
});

export type GroupDefaults = z.output<typeof defaultsSchema>;

export interface EmbeddedEngineOptions {
  clock?: Clock;
  defaults?: Partial<GroupDefaults>;
}

export interface CompiledEngineOptions {
  readonly clock: Clock;
  readonly defaults: Readonly<GroupDefaults>;
}

const clockSchema = z.custom<Clock>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Clock).now === 'function' &&
    typeof (value as Clock).setTimer === 'function',
  'expected a Clock ({ now(), setTimer() })',
);

const engineOptionsSchema = z.strictObject({
  clock: clockSchema.optional(),
  defaults: defaultsSchema.default(defaultsSchema.parse({})),
});

/**
 * Group-level configs as Kafka validates them (GroupConfig): a lock of at least 1000 ms and a
 * delivery limit of at least 2, bounded above by the dev broker's maxima.
 */
const groupConfigSchema = z.strictObject({
  lockDurationMs: lockDurationMs().optional(),
  deliveryCountLimit: deliveryCountLimit().optional(),
  autoOffsetReset: z.enum(['earliest', 'latest']).optional(),
  // The broker only accepts DLQ names under errors.deadletterqueue.topic.name.prefix ("dlq." by default).
  deadLetterTopic: z
    .string()
    .startsWith(
      BROKER_DLQ_TOPIC_PREFIX,
      `must start with "${BROKER_DLQ_TOPIC_PREFIX}" (the broker's DLQ prefix)`,
    )
    .optional(),
  deadLetterCopyRecord: z.boolean().optional(),
  heartbeatIntervalMs: z.number().int().positive().optional(),
  sessionTimeoutMs: z.number().int().positive().optional(),
});

export function compileEngineOptions(options: EmbeddedEngineOptions | undefined): CompiledEngineOptions {
  const parsed = parseOptions(engineOptionsSchema, options ?? {});
  return Object.freeze({
    clock: parsed.clock ?? systemClock,
    defaults: Object.freeze({ ...parsed.defaults }),
  });
}

export function parseGroupConfig(config: ShareGroupConfig): ShareGroupConfig {
  const parsed = parseOptions(groupConfigSchema, config);
  // Drop keys given as undefined so that "only the given keys" are changed.
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as ShareGroupConfig;
}

/** The settings one share group runs with: the engine defaults overlaid with its configured keys. */
export interface GroupSettings extends GroupDefaults {
  deadLetterTopic: string | undefined;
  deadLetterCopyRecord: boolean;
}

export function groupSettings(defaults: GroupDefaults, config: ShareGroupConfig): GroupSettings {
  return {
    ...defaults,
    ...(config as Partial<GroupDefaults>),
    deadLetterTopic: config.deadLetterTopic,
    deadLetterCopyRecord: config.deadLetterCopyRecord ?? false,
  };
}
