import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { KafkaProtocolError } from '../../../src/client/errors.js';
import { alterShareGroupConfigs } from '../../../src/share/admin/alter-share-group-configs.js';
import { describeShareGroupConfigs } from '../../../src/share/admin/describe-share-group-configs.js';

describe('share admin: group configs (real broker)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = new Cluster({ brokers: testBrokers(), clientId: 'sharq-admin-test' });
    await cluster.connect();
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('sets every ShareGroupConfig key and reads the same values back', async () => {
    const groupId = uniqueName('admin-cfg');
    const config = {
      lockDurationMs: 5000,
      deliveryCountLimit: 7,
      autoOffsetReset: 'earliest' as const,
      deadLetterTopic: `dlq.${groupId}`,
      deadLetterCopyRecord: true,
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
    await alterShareGroupConfigs(cluster, groupId, { deliveryCountLimit: 3 });
    const { config } = await describeShareGroupConfigs(cluster, groupId);
    expect(config.autoOffsetReset).toBe('earliest');
    expect(config.lockDurationMs).toBe(4000);
    expect(config.deliveryCountLimit).toBe(3);
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
