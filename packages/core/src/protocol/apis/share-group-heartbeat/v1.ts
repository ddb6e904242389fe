/**
 * ShareGroupHeartbeat v1 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   ShareGroupHeartbeatRequest (Version: 1) => GroupId MemberId MemberEpoch RackId SubscribedTopicNames TAG_BUFFER
 *     GroupId => COMPACT_STRING
 *     MemberId => COMPACT_STRING
 *     MemberEpoch => INT32
 *     RackId => COMPACT_NULLABLE_STRING
 *     SubscribedTopicNames => COMPACT_NULLABLE_ARRAY<COMPACT_STRING>
 *
 *   ShareGroupHeartbeatResponse (Version: 1) => ThrottleTimeMs ErrorCode ErrorMessage MemberId MemberEpoch HeartbeatIntervalMs Assignment TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     MemberId => COMPACT_NULLABLE_STRING
 *     MemberEpoch => INT32
 *     HeartbeatIntervalMs => INT32
 *     Assignment => [TopicPartitions] TAG_BUFFER (nullable: INT8 -1 | 1 then struct)
 *       TopicPartitions => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<TopicPartitions>)
 *         TopicId => UUID
 *         Partitions => COMPACT_ARRAY<INT32>
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import { readCompactStringItem, readInt32Item, writeCompactStringItem, writeInt32Item } from '../items.js';
import type {
  ShareGroupHeartbeatAssignment,
  ShareGroupHeartbeatRequest,
  ShareGroupHeartbeatResponse,
  ShareGroupHeartbeatTopicPartitions,
} from './types.js';

function writeShareGroupHeartbeatRequest(w: Writer, s: ShareGroupHeartbeatRequest): void {
  w.compactString(s.groupId);
  w.compactString(s.memberId);
  w.int32(s.memberEpoch);
  w.compactNullableString(s.rackId);
  w.compactArray(s.subscribedTopicNames, writeCompactStringItem);
  w.taggedFields();
}

function readShareGroupHeartbeatRequest(r: Reader): ShareGroupHeartbeatRequest {
  const groupId = r.readCompactString();
  const memberId = r.readCompactString();
  const memberEpoch = r.readInt32();
  const rackId = r.readCompactNullableString();
  const subscribedTopicNames = r.readCompactNullableArray(readCompactStringItem);
  r.readTaggedFields();
  return { groupId, memberId, memberEpoch, rackId, subscribedTopicNames };
}

function writeShareGroupHeartbeatTopicPartitions(w: Writer, s: ShareGroupHeartbeatTopicPartitions): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

function readShareGroupHeartbeatTopicPartitions(r: Reader): ShareGroupHeartbeatTopicPartitions {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeShareGroupHeartbeatAssignment(w: Writer, s: ShareGroupHeartbeatAssignment): void {
  w.compactArray(s.topicPartitions, writeShareGroupHeartbeatTopicPartitions);
  w.taggedFields();
}

function readShareGroupHeartbeatAssignment(r: Reader): ShareGroupHeartbeatAssignment {
  const topicPartitions = r.readCompactArray(readShareGroupHeartbeatTopicPartitions);
  r.readTaggedFields();
  return { topicPartitions };
}

function writeShareGroupHeartbeatResponse(w: Writer, s: ShareGroupHeartbeatResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.compactNullableString(s.memberId);
  w.int32(s.memberEpoch);
  w.int32(s.heartbeatIntervalMs);
  if (s.assignment === null) w.int8(-1);
  else {
    w.int8(1);
    writeShareGroupHeartbeatAssignment(w, s.assignment);
  }
  w.taggedFields();
}

function readShareGroupHeartbeatResponse(r: Reader): ShareGroupHeartbeatResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const memberId = r.readCompactNullableString();
  const memberEpoch = r.readInt32();
  const heartbeatIntervalMs = r.readInt32();
  const assignment = r.readInt8() < 0 ? null : readShareGroupHeartbeatAssignment(r);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, errorMessage, memberId, memberEpoch, heartbeatIntervalMs, assignment };
}

export const shareGroupHeartbeatV1: ApiCodec<ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse> = {
  name: 'ShareGroupHeartbeat',
  apiKey: 76,
  version: 1,
  flexible: true,
  encodeRequest: writeShareGroupHeartbeatRequest,
  decodeRequest: readShareGroupHeartbeatRequest,
  encodeResponse: writeShareGroupHeartbeatResponse,
  decodeResponse: readShareGroupHeartbeatResponse,
};
