/**
 * ShareGroupDescribe v1 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   ShareGroupDescribeRequest (Version: 1) => GroupIds IncludeAuthorizedOperations TAG_BUFFER
 *     GroupIds => COMPACT_ARRAY<COMPACT_STRING>
 *     IncludeAuthorizedOperations => BOOL
 *
 *   ShareGroupDescribeResponse (Version: 1) => ThrottleTimeMs [Groups] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Groups => ErrorCode ErrorMessage GroupId GroupState GroupEpoch AssignmentEpoch AssignorName [Members] AuthorizedOperations TAG_BUFFER (COMPACT_ARRAY<DescribedGroup>)
 *       ErrorCode => INT16
 *       ErrorMessage => COMPACT_NULLABLE_STRING
 *       GroupId => COMPACT_STRING
 *       GroupState => COMPACT_STRING
 *       GroupEpoch => INT32
 *       AssignmentEpoch => INT32
 *       AssignorName => COMPACT_STRING
 *       Members => MemberId RackId MemberEpoch ClientId ClientHost SubscribedTopicNames Assignment TAG_BUFFER (COMPACT_ARRAY<Member>)
 *         MemberId => COMPACT_STRING
 *         RackId => COMPACT_NULLABLE_STRING
 *         MemberEpoch => INT32
 *         ClientId => COMPACT_STRING
 *         ClientHost => COMPACT_STRING
 *         SubscribedTopicNames => COMPACT_ARRAY<COMPACT_STRING>
 *         Assignment => [TopicPartitions] TAG_BUFFER
 *           TopicPartitions => TopicId TopicName Partitions TAG_BUFFER (COMPACT_ARRAY<TopicPartitions>)
 *             TopicId => UUID
 *             TopicName => COMPACT_STRING
 *             Partitions => COMPACT_ARRAY<INT32>
 *       AuthorizedOperations => INT32
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import { readCompactStringItem, readInt32Item, writeCompactStringItem, writeInt32Item } from '../items.js';
import type {
  ShareGroupDescribeAssignment,
  ShareGroupDescribeDescribedGroup,
  ShareGroupDescribeMember,
  ShareGroupDescribeRequest,
  ShareGroupDescribeResponse,
  ShareGroupDescribeTopicPartitions,
} from './types.js';

function writeShareGroupDescribeRequest(w: Writer, s: ShareGroupDescribeRequest): void {
  w.compactArray(s.groupIds, writeCompactStringItem);
  w.bool(s.includeAuthorizedOperations);
  w.taggedFields();
}

function readShareGroupDescribeRequest(r: Reader): ShareGroupDescribeRequest {
  const groupIds = r.readCompactArray(readCompactStringItem);
  const includeAuthorizedOperations = r.readBool();
  r.readTaggedFields();
  return { groupIds, includeAuthorizedOperations };
}

function writeShareGroupDescribeTopicPartitions(w: Writer, s: ShareGroupDescribeTopicPartitions): void {
  w.uuid(s.topicId);
  w.compactString(s.topicName);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

function readShareGroupDescribeTopicPartitions(r: Reader): ShareGroupDescribeTopicPartitions {
  const topicId = r.readUuid();
  const topicName = r.readCompactString();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicId, topicName, partitions };
}

function writeShareGroupDescribeAssignment(w: Writer, s: ShareGroupDescribeAssignment): void {
  w.compactArray(s.topicPartitions, writeShareGroupDescribeTopicPartitions);
  w.taggedFields();
}

function readShareGroupDescribeAssignment(r: Reader): ShareGroupDescribeAssignment {
  const topicPartitions = r.readCompactArray(readShareGroupDescribeTopicPartitions);
  r.readTaggedFields();
  return { topicPartitions };
}

function writeShareGroupDescribeMember(w: Writer, s: ShareGroupDescribeMember): void {
  w.compactString(s.memberId);
  w.compactNullableString(s.rackId);
  w.int32(s.memberEpoch);
  w.compactString(s.clientId);
  w.compactString(s.clientHost);
  w.compactArray(s.subscribedTopicNames, writeCompactStringItem);
  writeShareGroupDescribeAssignment(w, s.assignment);
  w.taggedFields();
}

function readShareGroupDescribeMember(r: Reader): ShareGroupDescribeMember {
  const memberId = r.readCompactString();
  const rackId = r.readCompactNullableString();
  const memberEpoch = r.readInt32();
  const clientId = r.readCompactString();
  const clientHost = r.readCompactString();
  const subscribedTopicNames = r.readCompactArray(readCompactStringItem);
  const assignment = readShareGroupDescribeAssignment(r);
  r.readTaggedFields();
  return { memberId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, assignment };
}

function writeShareGroupDescribeDescribedGroup(w: Writer, s: ShareGroupDescribeDescribedGroup): void {
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.compactString(s.groupId);
  w.compactString(s.groupState);
  w.int32(s.groupEpoch);
  w.int32(s.assignmentEpoch);
  w.compactString(s.assignorName);
  w.compactArray(s.members, writeShareGroupDescribeMember);
  w.int32(s.authorizedOperations);
  w.taggedFields();
}

function readShareGroupDescribeDescribedGroup(r: Reader): ShareGroupDescribeDescribedGroup {
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const groupId = r.readCompactString();
  const groupState = r.readCompactString();
  const groupEpoch = r.readInt32();
  const assignmentEpoch = r.readInt32();
  const assignorName = r.readCompactString();
  const members = r.readCompactArray(readShareGroupDescribeMember);
  const authorizedOperations = r.readInt32();
  r.readTaggedFields();
  return {
    errorCode,
    errorMessage,
    groupId,
    groupState,
    groupEpoch,
    assignmentEpoch,
    assignorName,
    members,
    authorizedOperations,
  };
}

function writeShareGroupDescribeResponse(w: Writer, s: ShareGroupDescribeResponse): void {
  w.int32(s.throttleTimeMs);
  w.compactArray(s.groups, writeShareGroupDescribeDescribedGroup);
  w.taggedFields();
}

function readShareGroupDescribeResponse(r: Reader): ShareGroupDescribeResponse {
  const throttleTimeMs = r.readInt32();
  const groups = r.readCompactArray(readShareGroupDescribeDescribedGroup);
  r.readTaggedFields();
  return { throttleTimeMs, groups };
}

export const shareGroupDescribeV1: ApiCodec<ShareGroupDescribeRequest, ShareGroupDescribeResponse> = {
  name: 'ShareGroupDescribe',
  apiKey: 77,
  version: 1,
  flexible: true,
  encodeRequest: writeShareGroupDescribeRequest,
  decodeRequest: readShareGroupDescribeRequest,
  encodeResponse: writeShareGroupDescribeResponse,
  decodeResponse: readShareGroupDescribeResponse,
};
