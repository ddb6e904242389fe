/**
 * ShareAcknowledge v1 and v2 (flexible) in one grammar: v2 adds IsRenewAck to the request and
 * AcquisitionLockTimeoutMs to the response (KIP-1222). Checked byte for byte against kafka-clients 4.4.0
 * (test/protocol/apis/golden.test.ts). v1.ts / v2.ts bind the version and carry each version's own grammar.
 * Structs shared with other APIs (NodeEndpoint, LeaderIdAndEpoch, ...) are encoded by ../structs.ts.
 *
 *   ShareAcknowledgeRequest (Version: 1-2) => GroupId MemberId ShareSessionEpoch IsRenewAck(v2+) [Topics] TAG_BUFFER
 *     GroupId => COMPACT_NULLABLE_STRING
 *     MemberId => COMPACT_NULLABLE_STRING
 *     ShareSessionEpoch => INT32
 *     IsRenewAck => BOOL (v2+)
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<AcknowledgeTopic>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex [AcknowledgementBatches] TAG_BUFFER (COMPACT_ARRAY<AcknowledgePartition>)
 *         PartitionIndex => INT32
 *         AcknowledgementBatches => FirstOffset LastOffset AcknowledgeTypes TAG_BUFFER (COMPACT_ARRAY<AcknowledgementBatch>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           AcknowledgeTypes => COMPACT_ARRAY<INT8>
 *
 *   ShareAcknowledgeResponse (Version: 1-2) => ThrottleTimeMs ErrorCode ErrorMessage AcquisitionLockTimeoutMs(v2+) [Responses] [NodeEndpoints] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     AcquisitionLockTimeoutMs => INT32 (v2+)
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<ShareAcknowledgeTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode ErrorMessage CurrentLeader TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 *         CurrentLeader => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *     NodeEndpoints => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import {
  readAcknowledgeTopic,
  readLeaderIdAndEpoch,
  readNodeEndpoint,
  writeAcknowledgeTopic,
  writeLeaderIdAndEpoch,
  writeNodeEndpoint,
} from '../structs.js';
import type {
  ShareAcknowledgePartitionData,
  ShareAcknowledgeRequest,
  ShareAcknowledgeResponse,
  ShareAcknowledgeTopicResponse,
} from './types.js';

function writeShareAcknowledgeRequest(w: Writer, s: ShareAcknowledgeRequest, version: number): void {
  w.compactNullableString(s.groupId);
  w.compactNullableString(s.memberId);
  w.int32(s.shareSessionEpoch);
  if (version >= 2) w.bool(s.isRenewAck ?? false);
  w.compactArray(s.topics, writeAcknowledgeTopic);
  w.taggedFields();
}

function readShareAcknowledgeRequest(r: Reader, version: number): ShareAcknowledgeRequest {
  const groupId = r.readCompactNullableString();
  const memberId = r.readCompactNullableString();
  const shareSessionEpoch = r.readInt32();
  if (version < 2) {
    const topics = r.readCompactArray(readAcknowledgeTopic);
    r.readTaggedFields();
    return { groupId, memberId, shareSessionEpoch, topics };
  }
  const isRenewAck = r.readBool();
  const topics = r.readCompactArray(readAcknowledgeTopic);
  r.readTaggedFields();
  return { groupId, memberId, shareSessionEpoch, isRenewAck, topics };
}

function writeShareAcknowledgePartitionData(w: Writer, s: ShareAcknowledgePartitionData): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  writeLeaderIdAndEpoch(w, s.currentLeader);
  w.taggedFields();
}

function readShareAcknowledgePartitionData(r: Reader): ShareAcknowledgePartitionData {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const currentLeader = readLeaderIdAndEpoch(r);
  r.readTaggedFields();
  return { partitionIndex, errorCode, errorMessage, currentLeader };
}

function writeShareAcknowledgeTopicResponse(w: Writer, s: ShareAcknowledgeTopicResponse): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeShareAcknowledgePartitionData);
  w.taggedFields();
}

function readShareAcknowledgeTopicResponse(r: Reader): ShareAcknowledgeTopicResponse {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readShareAcknowledgePartitionData);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeShareAcknowledgeResponse(w: Writer, s: ShareAcknowledgeResponse, version: number): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  if (version >= 2) w.int32(s.acquisitionLockTimeoutMs ?? 0);
  w.compactArray(s.responses, writeShareAcknowledgeTopicResponse);
  w.compactArray(s.nodeEndpoints, writeNodeEndpoint);
  w.taggedFields();
}

function readShareAcknowledgeResponse(r: Reader, version: number): ShareAcknowledgeResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  // v1 has no AcquisitionLockTimeoutMs: the field is left out (one object shape per version).
  if (version < 2) {
    const responses = r.readCompactArray(readShareAcknowledgeTopicResponse);
    const nodeEndpoints = r.readCompactArray(readNodeEndpoint);
    r.readTaggedFields();
    return { throttleTimeMs, errorCode, errorMessage, responses, nodeEndpoints };
  }
  const acquisitionLockTimeoutMs = r.readInt32();
  const responses = r.readCompactArray(readShareAcknowledgeTopicResponse);
  const nodeEndpoints = r.readCompactArray(readNodeEndpoint);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, errorMessage, acquisitionLockTimeoutMs, responses, nodeEndpoints };
}

/** The codec of one ShareAcknowledge version. */
export function shareAcknowledgeCodec(
  version: 1 | 2,
): ApiCodec<ShareAcknowledgeRequest, ShareAcknowledgeResponse> {
  return {
    name: 'ShareAcknowledge',
    apiKey: 79,
    version,
    flexible: true,
    encodeRequest: (w, req) => writeShareAcknowledgeRequest(w, req, version),
    decodeRequest: (r) => readShareAcknowledgeRequest(r, version),
    encodeResponse: (w, res) => writeShareAcknowledgeResponse(w, res, version),
    decodeResponse: (r) => readShareAcknowledgeResponse(r, version),
  };
}
