import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import type { Engine, EngineCapabilities, ShareGroupConfig, TopicSpec } from '../../src/engine/engine.js';
import { SharqError } from '../../src/errors.js';
import { provisionQueue, queueTopology } from '../../src/index.js';

type Release = '4.2' | '4.3' | '4.4';

/** What detectBrokerCapabilities reports on each release line (measured on 4.2.2, 4.3.2 and 4.4.0). */
const CAPABILITIES: Record<Release, EngineCapabilities> = {
  '4.2': {
    renew: true,
    groupLimits: false,
    brokerDlq: false,
    defaultDeliveryCountLimit: 5,
    defaultMaxRecordLocks: 2000,
    summary: '4.2',
  },
  '4.3': {
    renew: true,
    groupLimits: true,
    brokerDlq: false,
    defaultDeliveryCountLimit: 5,
    defaultMaxRecordLocks: 2000,
    summary: '4.3',
  },
  '4.4': {
    renew: true,
    groupLimits: true,
    brokerDlq: true,
    defaultDeliveryCountLimit: 5,
    defaultMaxRecordLocks: 2000,
    summary: '4.4',
  },
};

/** Keys a release refuses with INVALID_CONFIG, as the real brokers do (the whole request fails). */
const UNKNOWN_GROUP_KEYS: Record<Release, (keyof ShareGroupConfig)[]> = {
  '4.2': ['deliveryCountLimit', 'deadLetterTopic', 'deadLetterCopyRecord'],
  '4.3': ['deadLetterTopic', 'deadLetterCopyRecord'],
  '4.4': [],
};

/**
 * An embedded engine that answers capabilities() like a Kafka release and refuses what that release does
 * not know, or fails transiently once.
 */
function broker(inner: EmbeddedEngine, release: Release, transientFailures = 0) {
  const configured: ShareGroupConfig[] = [];
  const topicConfigs: Record<string, Record<string, string> | undefined> = {};
  let failures = transientFailures;
  const engine = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'capabilities') return async () => CAPABILITIES[release];
      if (prop === 'configureShareGroup') {
        return async (group: string, config: ShareGroupConfig) => {
          if (failures > 0) {
            failures--;
            throw Object.assign(new SharqError('REQUEST_TIMED_OUT', 'timed out'), { retriable: true });
          }
          const unknown = UNKNOWN_GROUP_KEYS[release].filter((key) => config[key] !== undefined);
          if (unknown.length > 0)
            throw Object.assign(new SharqError('INVALID_CONFIG', `unknown ${unknown}`), { retriable: false });
          configured.push(config);
          return target.configureShareGroup(group, config);
        };
      }
      if (prop === 'ensureTopic') {
        return async (spec: TopicSpec) => {
          if (release !== '4.4' && spec.configs?.['errors.deadletterqueue.group.enable'])
            throw Object.assign(new SharqError('INVALID_CONFIG', 'unknown topic config'), {
              retriable: false,
            });
          topicConfigs[spec.name] = spec.configs;
          return target.ensureTopic(spec);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Engine;
  return { engine, configured, topicConfigs };
}

const settings = { partitions: 3, lockDurationMs: 15_000, deliveryCountLimit: 7 };

describe('provisionQueue', () => {
  it('creates every topic with its partitions and configures the share group (embedded: like 4.4)', async () => {
    const engine = new EmbeddedEngine();
    const t = queueTopology('prov');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: true, deliveryCountLimit: 7 });
    expect(await engine.partitionCount(t.topic)).toBe(3);
    expect(await engine.partitionCount(t.dlqTopic)).toBe(3);
    expect(await engine.partitionCount(t.dlqStateTopic)).toBe(1);
    expect(await engine.partitionCount(t.eventsTopic)).toBe(1);
    expect(await engine.partitionCount(t.presenceTopic)).toBe(1);
    for (const bucket of t.delayBuckets) expect(await engine.partitionCount(bucket.topic)).toBe(8);
    // Memoised: the same promise for the same settings.
    expect(provisionQueue(engine, t, settings)).toBe(provisionQueue(engine, t, settings));
    await engine.close();
  });

  it('on Kafka 4.4 sets the group limit and the broker-side DLQ (group and topic configs)', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured, topicConfigs } = broker(inner, '4.4');
    const t = queueTopology('prov-44');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: true, deliveryCountLimit: 7 });
    expect(configured).toEqual([
      {
        lockDurationMs: 15_000,
        deliveryCountLimit: 7,
        autoOffsetReset: 'earliest',
        deadLetterTopic: t.dlqTopic,
        deadLetterCopyRecord: true,
      },
    ]);
    expect(topicConfigs[t.dlqTopic]).toEqual({ 'errors.deadletterqueue.group.enable': 'true' });
    await inner.close();
  });

  it('on Kafka 4.3 sets the group limit and sends nothing of KIP-1191', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured, topicConfigs } = broker(inner, '4.3');
    const t = queueTopology('prov-43');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: false, deliveryCountLimit: 7 });
    expect(configured).toEqual([
      { lockDurationMs: 15_000, deliveryCountLimit: 7, autoOffsetReset: 'earliest' },
    ]);
    expect(topicConfigs[t.dlqTopic]).toBeUndefined();
    expect(await inner.partitionCount(t.dlqTopic)).toBe(3);
    await inner.close();
  });

  it('on Kafka 4.2 sends no group limit and reports the broker-wide one the group gets instead', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured } = broker(inner, '4.2');
    const t = queueTopology('prov-42');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: false, deliveryCountLimit: 5 });
    expect(configured).toEqual([{ lockDurationMs: 15_000, autoOffsetReset: 'earliest' }]);
    await inner.close();
  });

  it('a producer (no limit asked) learns the limit only where it is broker-wide', async () => {
    const producer = { partitions: 1 };
    for (const [release, expected] of [
      ['4.2', 5],
      ['4.3', undefined],
    ] as const) {
      const inner = new EmbeddedEngine();
      const { engine } = broker(inner, release);
      const result = await provisionQueue(
        engine,
        queueTopology(`prov-p${release.replace('.', '')}`),
        producer,
      );
      expect(result.deliveryCountLimit).toBe(expected);
      await inner.close();
    }
  });

  it('a transient failure fails provisioning and is retried on the next call', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured } = broker(inner, '4.4', 1);
    const t = queueTopology('prov-flaky');
    await expect(provisionQueue(engine, t, settings)).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: true, deliveryCountLimit: 7 });
    expect(configured).toHaveLength(1);
    await inner.close();
  });
});
