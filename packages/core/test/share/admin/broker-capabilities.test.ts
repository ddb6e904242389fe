import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import type {
  DescribeConfigsRequest,
  DescribeConfigsResponse,
} from '../../../src/protocol/apis/describe-configs/types.js';
import { detectBrokerCapabilities } from '../../../src/share/admin/broker-capabilities.js';
import { apiVersionsResponse, brokerApiKeys, FakeBroker } from '../../client/fake-broker.js';

let broker: FakeBroker | undefined;
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  await broker?.close();
});

const entry = (name: string, value: string) => ({
  name,
  value,
  readOnly: false,
  configSource: 5,
  isSensitive: false,
  synonyms: [],
  configType: 3,
  documentation: null,
});

/** A broker answering DescribeConfigs with the group keys of a release and, or not, its broker values. */
async function connectTo(groupKeys: string[], brokerError: number, shareVersion: number) {
  broker = await new FakeBroker().listen();
  broker.on(18, () => ({
    ...apiVersionsResponse([...brokerApiKeys(), { apiKey: 32, minVersion: 1, maxVersion: 4 }]),
    finalizedFeatures: [
      { name: 'share.version', maxVersionLevel: shareVersion, minVersionLevel: shareVersion },
    ],
  }));
  broker.on(32, (request): DescribeConfigsResponse => {
    const body = request.body as DescribeConfigsRequest;
    return {
      throttleTimeMs: 0,
      results: body.resources.map((r) =>
        r.resourceType === 32
          ? {
              errorCode: 0,
              errorMessage: null,
              resourceType: 32,
              resourceName: r.resourceName,
              configs: groupKeys.map((k) => entry(k, '1')),
            }
          : {
              errorCode: brokerError,
              errorMessage: brokerError === 0 ? null : 'Cluster authorization failed.',
              resourceType: r.resourceType,
              resourceName: r.resourceName,
              configs:
                brokerError === 0
                  ? [
                      entry('group.share.delivery.count.limit', '3'),
                      entry('group.share.partition.max.record.locks', '400'),
                    ]
                  : [],
            },
      ),
    };
  });
  cluster = new Cluster({ brokers: [broker.address] });
  await cluster.connect();
  return cluster;
}

describe('detectBrokerCapabilities', () => {
  it('reads per-group limits and the broker-side DLQ from the group keys the broker knows', async () => {
    const caps = await detectBrokerCapabilities(
      await connectTo(
        ['share.record.lock.duration.ms', 'share.delivery.count.limit', 'errors.deadletterqueue.topic.name'],
        0,
        2,
      ),
    );
    expect(caps).toMatchObject({
      renew: true,
      groupLimits: true,
      brokerDlq: true,
      defaultDeliveryCountLimit: 3,
      defaultMaxRecordLocks: 400,
    });
  });

  it('no broker-side DLQ at share.version=1 even where the keys are known (an un-upgraded 4.4 cluster)', async () => {
    const caps = await detectBrokerCapabilities(
      await connectTo(['share.delivery.count.limit', 'errors.deadletterqueue.topic.name'], 0, 1),
    );
    expect(caps.brokerDlq).toBe(false);
  });

  it("a principal that may not describe the broker gets Kafka's defaults, not a failure", async () => {
    const caps = await detectBrokerCapabilities(await connectTo(['share.record.lock.duration.ms'], 31, 1));
    expect(caps).toMatchObject({
      groupLimits: false,
      brokerDlq: false,
      defaultDeliveryCountLimit: 5,
      defaultMaxRecordLocks: 2000,
    });
  });
});
