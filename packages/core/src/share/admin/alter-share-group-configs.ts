/**
 * alterShareGroupConfigs — set a share group's dynamic configs (only the given keys).
 *
 * In:  groupId, ShareGroupConfig (engine shape; see group-configs.ts for the key mapping).
 * Out: void once the broker accepted every key.
 * RPC: IncrementalAlterConfigs (44) to any broker: ResourceType 32 (GROUP), ConfigOperation 0 (SET).
 *      Group configs may be set before the group exists (that is how `share.auto.offset.reset=earliest`
 *      takes effect for the very first member).
 * Errors: INVALID_CONFIG (value outside the broker's group.share.min/max bounds). NOTE: a DLQ topic name
 *      without the cluster's `errors.deadletterqueue.topic.name.prefix` (default "dlq.") is accepted here
 *      but then silently never written by 4.4.0 (see broker-dlq.ts);
 *      INVALID_REQUEST / UNKNOWN config on brokers older than the key (e.g. errors.deadletterqueue.* before 4.4).
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import type { ShareGroupConfig } from '../../engine/engine.js';
import { incrementalAlterConfigsApi } from '../../protocol/apis/incremental-alter-configs/index.js';
import { withRetries } from './coordinator.js';
import { CONFIG_OP_SET, RESOURCE_TYPE_GROUP, toGroupConfigEntries } from './group-configs.js';

export async function alterShareGroupConfigs(
  cluster: Cluster,
  groupId: string,
  config: ShareGroupConfig,
): Promise<void> {
  const entries = toGroupConfigEntries(config);
  if (entries.length === 0) return;
  await withRetries(async () => {
    const res = await cluster.send('any', incrementalAlterConfigsApi, {
      resources: [
        {
          resourceType: RESOURCE_TYPE_GROUP,
          resourceName: groupId,
          configs: entries.map((e) => ({ name: e.name, configOperation: CONFIG_OP_SET, value: e.value })),
        },
      ],
      validateOnly: false,
    });
    for (const r of res.responses) {
      throwIfBrokerError(r.errorCode, `IncrementalAlterConfigs group ${groupId}: ${r.errorMessage ?? ''}`);
    }
  });
}
