/**
 * describeShareGroup — state, members and each member's assignment (topic names, not ids).
 *
 * In:  groupId.
 * Out: ShareGroupDetails (the engine's ShareGroupDescription plus epochs, assignor, subscriptions).
 *      A group the coordinator does not know (GROUP_ID_NOT_FOUND) is reported as state 'Dead' with no
 *      members, as Kafka's admin tools show it, so callers can poll a group before its first member joins.
 * RPC: ShareGroupDescribe (77) v1 to the group coordinator.
 * Errors: other group errors as KafkaProtocolError (e.g. INVALID_GROUP_TYPE for a classic consumer group,
 *      GROUP_AUTHORIZATION_FAILED); NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS are retried.
 */
import type { Cluster } from '../../client/cluster.js';
import { throwIfBrokerError } from '../../client/errors.js';
import type { ShareGroupDescription, ShareGroupMember } from '../../engine/engine.js';
import { shareGroupDescribeApi } from '../../protocol/apis/share-group-describe/index.js';
import { withCoordinator } from './coordinator.js';

const GROUP_ID_NOT_FOUND = 69;

export interface ShareGroupMemberDetails extends ShareGroupMember {
  memberEpoch: number;
  rackId: string | null;
  subscribedTopics: string[];
}

export interface ShareGroupDetails extends ShareGroupDescription {
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: ShareGroupMemberDetails[];
}

export async function describeShareGroup(cluster: Cluster, groupId: string): Promise<ShareGroupDetails> {
  return withCoordinator(cluster, groupId, async (nodeId) => {
    const res = await cluster.send(nodeId, shareGroupDescribeApi, {
      groupIds: [groupId],
      includeAuthorizedOperations: false,
    });
    const group = res.groups.find((g) => g.groupId === groupId) ?? res.groups[0];
    if (!group || group.errorCode === GROUP_ID_NOT_FOUND) {
      return { groupId, state: 'Dead', groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [] };
    }
    throwIfBrokerError(group.errorCode, `ShareGroupDescribe ${groupId}: ${group.errorMessage ?? ''}`);
    const members = group.members.map(
      (m): ShareGroupMemberDetails => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberEpoch: m.memberEpoch,
        rackId: m.rackId,
        subscribedTopics: m.subscribedTopicNames,
        assignment: m.assignment.topicPartitions.map((tp) => ({
          // The response names the topic; fall back to our metadata for a broker that leaves it empty.
          topic: tp.topicName || cluster.topicName(tp.topicId) || tp.topicId,
          partitions: [...tp.partitions].sort((a, b) => a - b),
        })),
      }),
    );
    return {
      groupId: group.groupId,
      state: group.groupState,
      groupEpoch: group.groupEpoch,
      assignmentEpoch: group.assignmentEpoch,
      assignorName: group.assignorName,
      members,
    };
  });
}
