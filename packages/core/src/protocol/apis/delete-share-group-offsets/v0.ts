/**
 * DeleteShareGroupOffsets v0 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   DeleteShareGroupOffsetsRequest (Version: 0) => GroupId [Topics] TAG_BUFFER
 *     GroupId => COMPACT_STRING
 *     Topics => TopicName TAG_BUFFER (COMPACT_ARRAY<DeleteShareGroupOffsetsRequestTopic>)
 *       TopicName => COMPACT_STRING
 *
 *   DeleteShareGroupOffsetsResponse (Version: 0) => ThrottleTimeMs ErrorCode ErrorMessage [Responses] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     Responses => TopicName TopicId ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<DeleteShareGroupOffsetsResponseTopic>)
 *       TopicName => COMPACT_STRING
 *       TopicId => UUID
 *       ErrorCode => INT16
 *       ErrorMessage => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  DeleteShareGroupOffsetsRequest,
  DeleteShareGroupOffsetsRequestTopic,
  DeleteShareGroupOffsetsResponse,
  DeleteShareGroupOffsetsResponseTopic,
} from './types.js';

function writeDeleteShareGroupOffsetsRequestTopic(w: Writer, s: DeleteShareGroupOffsetsRequestTopic): void {
  w.compactString(s.topicName);
  w.taggedFields();
}

function readDeleteShareGroupOffsetsRequestTopic(r: Reader): DeleteShareGroupOffsetsRequestTopic {
  const topicName = r.readCompactString();
  r.readTaggedFields();
  return { topicName };
}

function writeDeleteShareGroupOffsetsRequest(w: Writer, s: DeleteShareGroupOffsetsRequest): void {
  w.compactString(s.groupId);
  w.compactArray(s.topics, writeDeleteShareGroupOffsetsRequestTopic);
  w.taggedFields();
}

function readDeleteShareGroupOffsetsRequest(r: Reader): DeleteShareGroupOffsetsRequest {
  const groupId = r.readCompactString();
  const topics = r.readCompactArray(readDeleteShareGroupOffsetsRequestTopic);
  r.readTaggedFields();
  return { groupId, topics };
}

function writeDeleteShareGroupOffsetsResponseTopic(w: Writer, s: DeleteShareGroupOffsetsResponseTopic): void {
  w.compactString(s.topicName);
  w.uuid(s.topicId);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.taggedFields();
}

function readDeleteShareGroupOffsetsResponseTopic(r: Reader): DeleteShareGroupOffsetsResponseTopic {
  const topicName = r.readCompactString();
  const topicId = r.readUuid();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { topicName, topicId, errorCode, errorMessage };
}

function writeDeleteShareGroupOffsetsResponse(w: Writer, s: DeleteShareGroupOffsetsResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.compactArray(s.responses, writeDeleteShareGroupOffsetsResponseTopic);
  w.taggedFields();
}

function readDeleteShareGroupOffsetsResponse(r: Reader): DeleteShareGroupOffsetsResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const responses = r.readCompactArray(readDeleteShareGroupOffsetsResponseTopic);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, errorMessage, responses };
}

export const deleteShareGroupOffsetsV0: ApiCodec<
  DeleteShareGroupOffsetsRequest,
  DeleteShareGroupOffsetsResponse
> = {
  name: 'DeleteShareGroupOffsets',
  apiKey: 92,
  version: 0,
  flexible: true,
  encodeRequest: writeDeleteShareGroupOffsetsRequest,
  decodeRequest: readDeleteShareGroupOffsetsRequest,
  encodeResponse: writeDeleteShareGroupOffsetsResponse,
  decodeResponse: readDeleteShareGroupOffsetsResponse,
};
