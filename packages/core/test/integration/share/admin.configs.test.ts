import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { KafkaProtocolError } from '../../../src/client/errors.js';
import { alterShareGroupConfigs } from '../../../src/share/admin/alter-share-group-configs.js';
import { describeShareGroupConfigs } from '../../../src/share/admin/describe-share-group-configs.js';
import { expectedCapabilities, release } from '../kafka-release.js';

describe('share admin: group configs (real broker)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = new Cluster({ brokers: testBrokers(), clientId: 'sharq-admin-test' });
    await cluster.connect();
  });
  afterAll(async () => {
    await cluster.close();
  });

  it(`sets every ShareGroupConfig key Kafka ${release.line} knows and reads the same values back`, async () => {
    const groupId = uniqueName('admin-cfg');
    const config = {
      lockDurationMs: 5000,
      ...(expectedCapabilities.groupLimits ? { deliveryCountLimit: 7 } : {}),
      autoOffsetReset: 'earliest' as const,
      ...(expectedCapabilities.brokerDlq
        ? { deadLetterTopic: `dlq.${groupId}`, deadLetterCopyRecord: true }
        : {}),
      heartbeatIntervalMs: 1500,
      sessionTimeoutMs: 12_000,
    };
    await alterShareGroupConfigs(cluster, groupId, config);
    const described = await describeShareGroupConfigs(cluster, groupId);
    expect(described.config).toEqual(config);
    expect(described.raw.get('share.record.lock.duration.ms')).toBe('5000');
  });

  it('only touches the given keys', async () => {
    const groupId = uniqueName('admin-cfg-partial');
    await alterShareGroupConfigs(cluster, groupId, { autoOffsetReset: 'earliest', lockDurationMs: 4000 });
    await alterShareGroupConfigs(cluster, groupId, { heartbeatIntervalMs: 2000 });
    const { config } = await describeShareGroupConfigs(cluster, groupId);
    expect(config.autoOffsetReset).toBe('earliest');
    expect(config.lockDurationMs).toBe(4000);
    expect(config.heartbeatIntervalMs).toBe(2000);
  });

  // Why provisioning sends only what the release knows: one unknown key fails the whole request.
  it(`Kafka ${release.line} refuses the group keys it does not know with INVALID_CONFIG, and applies none`, async () => {
    const groupId = uniqueName('admin-cfg-unknown');
    const newer = [
      ...(expectedCapabilities.groupLimits ? [] : [{ deliveryCountLimit: 7 }]),
      ...(expectedCapabilities.brokerDlq ? [] : [{ deadLetterTopic: `dlq.${groupId}` }]),
    ];
    for (const key of newer) {
      const error = await alterShareGroupConfigs(cluster, groupId, {
        lockDurationMs: 4000,
        ...key,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    }
    const { config } = await describeShareGroupConfigs(cluster, groupId);
    if (newer.length > 0) expect(config.lockDurationMs).toBe(30_000);
    // 4.4 knows every key: the same request is applied.
    else {
      await alterShareGroupConfigs(cluster, groupId, { lockDurationMs: 4000, deliveryCountLimit: 7 });
      expect((await describeShareGroupConfigs(cluster, groupId)).config.deliveryCountLimit).toBe(7);
    }
  });

  it('reports broker defaults for a group never configured (share.auto.offset.reset=latest)', async () => {
    const { config } = await describeShareGroupConfigs(cluster, uniqueName('admin-cfg-none'));
    expect(config.autoOffsetReset).toBe('latest');
    expect(config.deadLetterTopic).toBeUndefined();
  });

  // 4.4.0 does not refuse a DLQ name without the "dlq." prefix but never writes to it (broker-dlq.ts),
  // so the admin refuses it up front, like the embedded engine, and the group keeps no such config.
  it('refuses a DLQ topic name without the "dlq." prefix before asking the broker', async () => {
    const groupId = uniqueName('admin-cfg-noprefix');
    await expect(
      alterShareGroupConfigs(cluster, groupId, { deadLetterTopic: `nodlq-${groupId}` }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      path: 'deadLetterTopic',
    });
    const { config } = await describeShareGroupConfigs(cluster, groupId);
    expect(config.deadLetterTopic).toBeUndefined();
  });

  it('rejects a lock duration outside the broker bounds', async () => {
    const error = await alterShareGroupConfigs(cluster, uniqueName('admin-cfg-bounds'), {
      lockDurationMs: 10,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect((error as KafkaProtocolError).code).toBe('INVALID_CONFIG');
  });
});
