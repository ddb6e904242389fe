/**
 * AlterShareGroupOffsets v0 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   AlterShareGroupOffsetsRequest (Version: 0) => GroupId [Topics] TAG_BUFFER
 *     GroupId => COMPACT_STRING
 *     Topics => TopicName [Partitions] TAG_BUFFER (COMPACT_ARRAY<AlterShareGroupOffsetsRequestTopic>)
 *       TopicName => COMPACT_STRING
 *       Partitions => PartitionIndex StartOffset TAG_BUFFER (COMPACT_ARRAY<AlterShareGroupOffsetsRequestPartition>)
 *         PartitionIndex => INT32
 *         StartOffset => INT64
 *
 *   AlterShareGroupOffsetsResponse (Version: 0) => ThrottleTimeMs ErrorCode ErrorMessage [Responses] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     Responses => TopicName TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<AlterShareGroupOffsetsResponseTopic>)
 *       TopicName => COMPACT_STRING
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<AlterShareGroupOffsetsResponsePartition>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  AlterShareGroupOffsetsRequest,
  AlterShareGroupOffsetsRequestPartition,
  AlterShareGroupOffsetsRequestTopic,
  AlterShareGroupOffsetsResponse,
  AlterShareGroupOffsetsResponsePartition,
  AlterShareGroupOffsetsResponseTopic,
} from './types.js';

function writeAlterShareGroupOffsetsRequestPartition(
  w: Writer,
  s: AlterShareGroupOffsetsRequestPartition,
): void {
  w.int32(s.partitionIndex);
  w.int64(s.startOffset);
  w.taggedFields();
}

function readAlterShareGroupOffsetsRequestPartition(r: Reader): AlterShareGroupOffsetsRequestPartition {
  const partitionIndex = r.readInt32();
  const startOffset = r.readInt64();
  r.readTaggedFields();
  return { partitionIndex, startOffset };
}

function writeAlterShareGroupOffsetsRequestTopic(w: Writer, s: AlterShareGroupOffsetsRequestTopic): void {
  w.compactString(s.topicName);
  w.compactArray(s.partitions, writeAlterShareGroupOffsetsRequestPartition);
  w.taggedFields();
}

function readAlterShareGroupOffsetsRequestTopic(r: Reader): AlterShareGroupOffsetsRequestTopic {
  const topicName = r.readCompactString();
  const partitions = r.readCompactArray(readAlterShareGroupOffsetsRequestPartition);
  r.readTaggedFields();
  return { topicName, partitions };
}

function writeAlterShareGroupOffsetsRequest(w: Writer, s: AlterShareGroupOffsetsRequest): void {
  w.compactString(s.groupId);
  w.compactArray(s.topics, writeAlterShareGroupOffsetsRequestTopic);
  w.taggedFields();
}

function readAlterShareGroupOffsetsRequest(r: Reader): AlterShareGroupOffsetsRequest {
  const groupId = r.readCompactString();
  const topics = r.readCompactArray(readAlterShareGroupOffsetsRequestTopic);
  r.readTaggedFields();
  return { groupId, topics };
}

function writeAlterShareGroupOffsetsResponsePartition(
  w: Writer,
  s: AlterShareGroupOffsetsResponsePartition,
): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.taggedFields();
}

function readAlterShareGroupOffsetsResponsePartition(r: Reader): AlterShareGroupOffsetsResponsePartition {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { partitionIndex, errorCode, errorMessage };
}

function writeAlterShareGroupOffsetsResponseTopic(w: Writer, s: AlterShareGroupOffsetsResponseTopic): void {
  w.compactString(s.topicName);
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeAlterShareGroupOffsetsResponsePartition);
  w.taggedFields();
}

function readAlterShareGroupOffsetsResponseTopic(r: Reader): AlterShareGroupOffsetsResponseTopic {
  const topicName = r.readCompactString();
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readAlterShareGroupOffsetsResponsePartition);
  r.readTaggedFields();
  return { topicName, topicId, partitions };
}

function writeAlterShareGroupOffsetsResponse(w: Writer, s: AlterShareGroupOffsetsResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.compactArray(s.responses, writeAlterShareGroupOffsetsResponseTopic);
  w.taggedFields();
}

function readAlterShareGroupOffsetsResponse(r: Reader): AlterShareGroupOffsetsResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const responses = r.readCompactArray(readAlterShareGroupOffsetsResponseTopic);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, errorMessage, responses };
}

export const alterShareGroupOffsetsV0: ApiCodec<
  AlterShareGroupOffsetsRequest,
  AlterShareGroupOffsetsResponse
> = {
  name: 'AlterShareGroupOffsets',
  apiKey: 91,
  version: 0,
  flexible: true,
  encodeRequest: writeAlterShareGroupOffsetsRequest,
  decodeRequest: readAlterShareGroupOffsetsRequest,
  encodeResponse: writeAlterShareGroupOffsetsResponse,
  decodeResponse: readAlterShareGroupOffsetsResponse,
};
