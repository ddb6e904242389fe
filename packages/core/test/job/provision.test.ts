import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import type { Engine, ShareGroupConfig, TopicSpec } from '../../src/engine/engine.js';
import { SharqError, ValidationError } from '../../src/errors.js';
import { provisionQueue, queueTopology } from '../../src/index.js';

/** An engine that behaves like a Kafka 4.2/4.3 broker towards KIP-1191 configs, or fails transiently. */
function olderBroker(inner: EmbeddedEngine, mode: 'no-kip-1191' | 'transient') {
  const configured: ShareGroupConfig[] = [];
  let transientFailures = mode === 'transient' ? 1 : 0;
  const engine = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'configureShareGroup') {
        return async (group: string, config: ShareGroupConfig) => {
          if (transientFailures > 0) {
            transientFailures--;
            throw Object.assign(new SharqError('REQUEST_TIMED_OUT', 'timed out'), { retriable: true });
          }
          if (mode === 'no-kip-1191' && config.deadLetterTopic !== undefined)
            throw Object.assign(new SharqError('INVALID_CONFIG', 'unknown config'), { retriable: false });
          configured.push(config);
          return target.configureShareGroup(group, config);
        };
      }
      if (prop === 'ensureTopic') {
        return async (spec: TopicSpec) => {
          if (mode === 'no-kip-1191' && spec.configs?.['errors.deadletterqueue.group.enable'])
            throw new ValidationError('unknown topic config');
          return target.ensureTopic(spec);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Engine;
  return { engine, configured };
}

const settings = { partitions: 3, lockDurationMs: 15_000, deliveryCountLimit: 7 };

describe('provisionQueue', () => {
  it('creates every topic with its partitions and configures the share group', async () => {
    const engine = new EmbeddedEngine();
    const t = queueTopology('prov');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: true });
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

  it('on a broker without KIP-1191 configures the rest and says so', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured } = olderBroker(inner, 'no-kip-1191');
    const t = queueTopology('prov-old');
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: false });
    expect(configured).toEqual([
      { lockDurationMs: 15_000, deliveryCountLimit: 7, autoOffsetReset: 'earliest' },
    ]);
    expect(await inner.partitionCount(t.dlqTopic)).toBe(3);
    await inner.close();
  });

  it('a transient failure fails provisioning (never silently without the DLQ) and is retried on the next call', async () => {
    const inner = new EmbeddedEngine();
    const { engine, configured } = olderBroker(inner, 'transient');
    const t = queueTopology('prov-flaky');
    await expect(provisionQueue(engine, t, settings)).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    expect(await provisionQueue(engine, t, settings)).toEqual({ brokerDlq: true });
    expect(configured).toEqual([
      {
        lockDurationMs: 15_000,
        deliveryCountLimit: 7,
        autoOffsetReset: 'earliest',
        deadLetterTopic: 'dlq.sharq.prov-flaky',
        deadLetterCopyRecord: true,
      },
    ]);
    await inner.close();
  });
});
