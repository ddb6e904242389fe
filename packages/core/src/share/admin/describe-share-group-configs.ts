/**
 * describeShareGroupConfigs — read a share group's effective configs.
 *
 * In:  groupId.
 * Out: { config: ShareGroupConfig (engine shape), raw: every group config the broker reported, name → value }.
 *      Values include broker defaults (e.g. share.auto.offset.reset=latest when never set).
 * RPC: DescribeConfigs (32) to any broker, ResourceType 32 (GROUP), all keys.
 * Errors: the result's ErrorCode as KafkaProtocolError (e.g. INVALID_REQUEST on brokers without group configs).
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import type { ShareGroupConfig } from '../../engine/engine.js';
import { describeConfigsApi } from '../../protocol/apis/describe-configs/index.js';
import { withRetries } from './coordinator.js';
import { RESOURCE_TYPE_GROUP, fromGroupConfigEntries } from './group-configs.js';

export interface ShareGroupConfigDescription {
  config: ShareGroupConfig;
  raw: Map<string, string | null>;
}

export async function describeShareGroupConfigs(
  cluster: Cluster,
  groupId: string,
): Promise<ShareGroupConfigDescription> {
  return withRetries(async () => {
    const res = await cluster.send('any', describeConfigsApi, {
      resources: [{ resourceType: RESOURCE_TYPE_GROUP, resourceName: groupId, configurationKeys: null }],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    const raw = new Map<string, string | null>();
    for (const result of res.results) {
      throwIfBrokerError(result.errorCode, `DescribeConfigs group ${groupId}: ${result.errorMessage ?? ''}`);
      for (const c of result.configs) raw.set(c.name, c.value);
    }
    return { config: fromGroupConfigEntries(raw), raw };
  });
}
