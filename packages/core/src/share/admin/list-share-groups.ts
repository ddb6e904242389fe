/**
 * listShareGroups — every share group in the cluster.
 *
 * In:  nothing.
 * Out: { groupId, state }[] sorted by id.
 * RPC: ListGroups (16) v5 with TypesFilter ["share"] to EVERY broker: each broker lists only the groups
 *      it coordinates, so one broker's answer is a partial list on a multi-node cluster.
 * Errors: a broker's top-level ErrorCode as KafkaProtocolError (COORDINATOR_LOAD_IN_PROGRESS retried).
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import { listGroupsApi } from '../../protocol/apis/list-groups/index.js';
import { withRetries } from './coordinator.js';

export interface ListedShareGroup {
  groupId: string;
  state: string;
}

export async function listShareGroups(cluster: Cluster): Promise<ListedShareGroup[]> {
  const perBroker = await Promise.all(
    cluster.nodes().map((node) =>
      withRetries(async () => {
        const res = await cluster.send(node.nodeId, listGroupsApi, {
          statesFilter: [],
          typesFilter: ['share'],
        });
        throwIfBrokerError(res.errorCode, `ListGroups on node ${node.nodeId}`);
        return res.groups;
      }),
    ),
  );
  const byId = new Map<string, ListedShareGroup>();
  for (const groups of perBroker) {
    for (const g of groups) {
      // TypesFilter is honoured from v5; the check also guards an older broker that ignores it.
      if (g.groupType !== undefined && g.groupType !== '' && g.groupType.toLowerCase() !== 'share') continue;
      byId.set(g.groupId, { groupId: g.groupId, state: g.groupState ?? '' });
    }
  }
  return [...byId.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}
