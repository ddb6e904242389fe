/**
 * alterShareGroupConfigs — set a share group's dynamic configs (only the given keys).
 *
 * In:  groupId, ShareGroupConfig (engine shape; see group-configs.ts for the key mapping).
 * Out: void once the broker accepted every key AND reports it back: group configs travel through the
 *      KRaft controller, so a DescribeConfigs right after the alter can still show the old value — and a
 *      member joining in that window would start at the default share.auto.offset.reset=latest and skip
 *      every job already enqueued. We poll (bounded) until the change is visible.
 * RPC: IncrementalAlterConfigs (44) to any broker: ResourceType 32 (GROUP), ConfigOperation 0 (SET).
 *      Group configs may be set before the group exists (that is how `share.auto.offset.reset=earliest`
 *      takes effect for the very first member).
 * Errors: INVALID_CONFIG (value outside the broker's group.share.min/max bounds). ValidationError, before any
 *      RPC, for a DLQ topic name without the "dlq." prefix: 4.4.0 does not refuse it, it silently never
 *      writes to such a topic (see broker-dlq.ts), so we refuse it like the embedded engine does;
 *      INVALID_REQUEST / UNKNOWN config on brokers older than the key (e.g. errors.deadletterqueue.* before 4.4).
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import type { ShareGroupConfig } from '../../engine/engine.js';
import { SharqError, ValidationError } from '../../errors.js';
import { BROKER_DLQ_TOPIC_PREFIX } from './broker-dlq.js';
import { describeShareGroupConfigs } from './describe-share-group-configs.js';
import { incrementalAlterConfigsApi } from '../../protocol/apis/incremental-alter-configs/index.js';
import { withRetries } from './coordinator.js';
import { CONFIG_OP_SET, RESOURCE_TYPE_GROUP, toGroupConfigEntries } from './group-configs.js';

export async function alterShareGroupConfigs(
  cluster: Cluster,
  groupId: string,
  config: ShareGroupConfig,
): Promise<void> {
  const dlq = config.deadLetterTopic;
  if (dlq !== undefined && dlq !== '' && !dlq.startsWith(BROKER_DLQ_TOPIC_PREFIX)) {
    const message = `deadLetterTopic: must start with "${BROKER_DLQ_TOPIC_PREFIX}" (got "${dlq}"); the broker writes no other`;
    throw new ValidationError(message, [{ path: 'deadLetterTopic', message }]);
  }
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
  await waitUntilVisible(cluster, groupId, entries);
}

const VISIBLE_TIMEOUT_MS = 15_000;

async function waitUntilVisible(
  cluster: Cluster,
  groupId: string,
  entries: readonly { name: string; value: string }[],
): Promise<void> {
  const deadline = Date.now() + VISIBLE_TIMEOUT_MS;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const { raw } = await describeShareGroupConfigs(cluster, groupId);
    const stale = entries.filter((e) => raw.get(e.name) !== e.value);
    if (stale.length === 0) return;
    if (Date.now() > deadline) {
      throw new SharqError(
        'GROUP_CONFIG_NOT_APPLIED',
        `group ${groupId}: ${stale.map((e) => `${e.name}=${e.value}`).join(', ')} accepted but not visible after ${VISIBLE_TIMEOUT_MS} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
