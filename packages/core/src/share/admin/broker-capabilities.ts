/**
 * detectBrokerCapabilities — what the cluster supports where Kafka 4.2, 4.3 and 4.4 differ, in one round trip.
 *
 * In:  a connected Cluster.
 * Out: EngineCapabilities. From ApiVersions (cached per connection): share groups at all, RENEW and record_limit
 *      (ShareFetch/ShareAcknowledge v2). From one DescribeConfigs to one broker: the GROUP configs it knows
 *      (describing a group that does not exist lists every known key with its default, and creates nothing)
 *      — `share.delivery.count.limit` means per-group limits (KIP-1240, 4.3), `errors.deadletterqueue.topic.name`
 *      with share.version >= 2 means the broker-side DLQ (KIP-1191, 4.4) — and that broker's own
 *      group.share.delivery.count.limit / group.share.partition.max.record.locks, the values every group has
 *      on 4.2 and the defaults from 4.3.
 *      Measured: 4.2.2 lists neither key and rejects both with INVALID_CONFIG ("Unknown group config name");
 *      4.3.2 lists the limits, not the DLQ keys; 4.4.0 (share.version=2) lists all.
 * RPC: DescribeConfigs (32) to one node: ResourceType 32 (GROUP) + 4 (BROKER, named by its node id).
 * Errors: ShareGroupsUnsupportedError (no share groups); the group result's ErrorCode as KafkaProtocolError
 *      (the broker result's is not fatal: Kafka's defaults 5 / 2000 are reported instead).
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import type { EngineCapabilities } from '../../engine/engine.js';
import { describeConfigsApi } from '../../protocol/apis/describe-configs/index.js';
import { withRetries } from './coordinator.js';
import { GROUP_CONFIG_KEYS, RESOURCE_TYPE_GROUP } from './group-configs.js';

const RESOURCE_TYPE_BROKER = 4;
/** Never created: DescribeConfigs of a group only reads. */
const PROBE_GROUP = 'sharq.capabilities-probe';
const BROKER_DELIVERY_LIMIT = 'group.share.delivery.count.limit';
const BROKER_RECORD_LOCKS = 'group.share.partition.max.record.locks';
/** Kafka's defaults, used if a broker does not report its own value. */
const KAFKA_DEFAULT_DELIVERY_LIMIT = 5;
const KAFKA_DEFAULT_RECORD_LOCKS = 2000;

export async function detectBrokerCapabilities(cluster: Cluster): Promise<EngineCapabilities> {
  const protocol = cluster.protocolFeatures();
  const node = cluster.nodes()[0];
  const { groupKeys, brokerValues } = await withRetries(async () => {
    const res = await cluster.send(node?.nodeId ?? 'any', describeConfigsApi, {
      resources: [
        { resourceType: RESOURCE_TYPE_GROUP, resourceName: PROBE_GROUP, configurationKeys: null },
        ...(node === undefined
          ? []
          : [
              {
                resourceType: RESOURCE_TYPE_BROKER,
                resourceName: String(node.nodeId),
                configurationKeys: [BROKER_DELIVERY_LIMIT, BROKER_RECORD_LOCKS],
              },
            ]),
      ],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    const groupKeys = new Set<string>();
    const brokerValues = new Map<string, string | null>();
    for (const result of res.results) {
      if (result.resourceType === RESOURCE_TYPE_GROUP) {
        throwIfBrokerError(result.errorCode, `DescribeConfigs group: ${result.errorMessage ?? ''}`);
        for (const c of result.configs) groupKeys.add(c.name);
      } else if (result.errorCode === 0) {
        // A principal without DescribeConfigs on the cluster gets Kafka's defaults, not a failed start:
        // provisioning needs the group's configs, not the broker's.
        for (const c of result.configs) brokerValues.set(c.name, c.value);
      }
    }
    return { groupKeys, brokerValues };
  });
  const number = (key: string, fallback: number) => {
    const n = Number(brokerValues.get(key) ?? Number.NaN);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const groupLimits = groupKeys.has(GROUP_CONFIG_KEYS.deliveryCountLimit);
  const brokerDlq = protocol.shareVersion >= 2 && groupKeys.has(GROUP_CONFIG_KEYS.deadLetterTopic);
  return {
    renew: protocol.renew,
    groupLimits,
    brokerDlq,
    defaultDeliveryCountLimit: number(BROKER_DELIVERY_LIMIT, KAFKA_DEFAULT_DELIVERY_LIMIT),
    defaultMaxRecordLocks: number(BROKER_RECORD_LOCKS, KAFKA_DEFAULT_RECORD_LOCKS),
    summary:
      `share.version=${protocol.shareVersion}, ShareFetch v${protocol.shareFetchVersion}, ` +
      `ShareAcknowledge v${protocol.shareAcknowledgeVersion}, ` +
      `${groupLimits ? 'per-group' : 'broker-wide'} delivery limit and record locks, ` +
      `${brokerDlq ? 'broker-side DLQ' : 'no broker-side DLQ'}`,
  };
}
