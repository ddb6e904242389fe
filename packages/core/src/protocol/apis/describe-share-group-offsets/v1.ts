/**
 * DescribeShareGroupOffsets v1 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   DescribeShareGroupOffsetsRequest (Version: 1) => [Groups] TAG_BUFFER
 *     Groups => GroupId [Topics] TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsRequestGroup>)
 *       GroupId => COMPACT_STRING
 *       Topics => TopicName Partitions TAG_BUFFER (COMPACT_NULLABLE_ARRAY<DescribeShareGroupOffsetsRequestTopic>)
 *         TopicName => COMPACT_STRING
 *         Partitions => COMPACT_ARRAY<INT32>
 *
 *   DescribeShareGroupOffsetsResponse (Version: 1) => ThrottleTimeMs [Groups] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Groups => GroupId [Topics] ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponseGroup>)
 *       GroupId => COMPACT_STRING
 *       Topics => TopicName TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponseTopic>)
 *         TopicName => COMPACT_STRING
 *         TopicId => UUID
 *         Partitions => PartitionIndex StartOffset LeaderEpoch Lag ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponsePartition>)
 *           PartitionIndex => INT32
 *           StartOffset => INT64
 *           LeaderEpoch => INT32
 *           Lag => INT64
 *           ErrorCode => INT16
 *           ErrorMessage => COMPACT_NULLABLE_STRING
 *       ErrorCode => INT16
 *       ErrorMessage => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import { readInt32Item, writeInt32Item } from '../items.js';
import type {
  DescribeShareGroupOffsetsRequest,
  DescribeShareGroupOffsetsRequestGroup,
  DescribeShareGroupOffsetsRequestTopic,
  DescribeShareGroupOffsetsResponse,
  DescribeShareGroupOffsetsResponseGroup,
  DescribeShareGroupOffsetsResponsePartition,
  DescribeShareGroupOffsetsResponseTopic,
} from './types.js';

function writeDescribeShareGroupOffsetsRequestTopic(
  w: Writer,
  s: DescribeShareGroupOffsetsRequestTopic,
): void {
  w.compactString(s.topicName);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsRequestTopic(r: Reader): DescribeShareGroupOffsetsRequestTopic {
  const topicName = r.readCompactString();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicName, partitions };
}

function writeDescribeShareGroupOffsetsRequestGroup(
  w: Writer,
  s: DescribeShareGroupOffsetsRequestGroup,
): void {
  w.compactString(s.groupId);
  w.compactArray(s.topics, writeDescribeShareGroupOffsetsRequestTopic);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsRequestGroup(r: Reader): DescribeShareGroupOffsetsRequestGroup {
  const groupId = r.readCompactString();
  const topics = r.readCompactNullableArray(readDescribeShareGroupOffsetsRequestTopic);
  r.readTaggedFields();
  return { groupId, topics };
}

function writeDescribeShareGroupOffsetsRequest(w: Writer, s: DescribeShareGroupOffsetsRequest): void {
  w.compactArray(s.groups, writeDescribeShareGroupOffsetsRequestGroup);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsRequest(r: Reader): DescribeShareGroupOffsetsRequest {
  const groups = r.readCompactArray(readDescribeShareGroupOffsetsRequestGroup);
  r.readTaggedFields();
  return { groups };
}

function writeDescribeShareGroupOffsetsResponsePartition(
  w: Writer,
  s: DescribeShareGroupOffsetsResponsePartition,
): void {
  w.int32(s.partitionIndex);
  w.int64(s.startOffset);
  w.int32(s.leaderEpoch);
  w.int64(s.lag ?? -1);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsResponsePartition(
  r: Reader,
): DescribeShareGroupOffsetsResponsePartition {
  const partitionIndex = r.readInt32();
  const startOffset = r.readInt64();
  const leaderEpoch = r.readInt32();
  const lag = r.readInt64();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { partitionIndex, startOffset, leaderEpoch, lag, errorCode, errorMessage };
}

function writeDescribeShareGroupOffsetsResponseTopic(
  w: Writer,
  s: DescribeShareGroupOffsetsResponseTopic,
): void {
  w.compactString(s.topicName);
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeDescribeShareGroupOffsetsResponsePartition);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsResponseTopic(r: Reader): DescribeShareGroupOffsetsResponseTopic {
  const topicName = r.readCompactString();
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readDescribeShareGroupOffsetsResponsePartition);
  r.readTaggedFields();
  return { topicName, topicId, partitions };
}

function writeDescribeShareGroupOffsetsResponseGroup(
  w: Writer,
  s: DescribeShareGroupOffsetsResponseGroup,
): void {
  w.compactString(s.groupId);
  w.compactArray(s.topics, writeDescribeShareGroupOffsetsResponseTopic);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsResponseGroup(r: Reader): DescribeShareGroupOffsetsResponseGroup {
  const groupId = r.readCompactString();
  const topics = r.readCompactArray(readDescribeShareGroupOffsetsResponseTopic);
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { groupId, topics, errorCode, errorMessage };
}

function writeDescribeShareGroupOffsetsResponse(w: Writer, s: DescribeShareGroupOffsetsResponse): void {
  w.int32(s.throttleTimeMs);
  w.compactArray(s.groups, writeDescribeShareGroupOffsetsResponseGroup);
  w.taggedFields();
}

function readDescribeShareGroupOffsetsResponse(r: Reader): DescribeShareGroupOffsetsResponse {
  const throttleTimeMs = r.readInt32();
  const groups = r.readCompactArray(readDescribeShareGroupOffsetsResponseGroup);
  r.readTaggedFields();
  return { throttleTimeMs, groups };
}

export const describeShareGroupOffsetsV1: ApiCodec<
  DescribeShareGroupOffsetsRequest,
  DescribeShareGroupOffsetsResponse
> = {
  name: 'DescribeShareGroupOffsets',
  apiKey: 90,
  version: 1,
  flexible: true,
  encodeRequest: writeDescribeShareGroupOffsetsRequest,
  decodeRequest: readDescribeShareGroupOffsetsRequest,
  encodeResponse: writeDescribeShareGroupOffsetsResponse,
  decodeResponse: readDescribeShareGroupOffsetsResponse,
};
