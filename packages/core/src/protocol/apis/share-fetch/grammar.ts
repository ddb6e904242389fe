/**
 * ShareFetch v1 and v2 (flexible) in one grammar: v2 adds ShareAcquireMode and IsRenewAck to the request
 * (KIP-1206, KIP-1222); the response is the same in both. Checked byte for byte against kafka-clients 4.4.0
 * (test/protocol/apis/golden.test.ts). v1.ts / v2.ts bind the version and carry each version's own grammar.
 * Structs shared with other APIs (NodeEndpoint, LeaderIdAndEpoch, ...) are encoded by ../structs.ts.
 *
 *   ShareFetchRequest (Version: 1-2) => GroupId MemberId ShareSessionEpoch MaxWaitMs MinBytes MaxBytes MaxRecords BatchSize ShareAcquireMode(v2+) IsRenewAck(v2+) [Topics] [ForgottenTopicsData] TAG_BUFFER
 *     GroupId => COMPACT_NULLABLE_STRING
 *     MemberId => COMPACT_NULLABLE_STRING
 *     ShareSessionEpoch => INT32
 *     MaxWaitMs => INT32
 *     MinBytes => INT32
 *     MaxBytes => INT32
 *     MaxRecords => INT32
 *     BatchSize => INT32
 *     ShareAcquireMode => INT8 (v2+)
 *     IsRenewAck => BOOL (v2+)
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchTopic>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex [AcknowledgementBatches] TAG_BUFFER (COMPACT_ARRAY<FetchPartition>)
 *         PartitionIndex => INT32
 *         AcknowledgementBatches => FirstOffset LastOffset AcknowledgeTypes TAG_BUFFER (COMPACT_ARRAY<AcknowledgementBatch>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           AcknowledgeTypes => COMPACT_ARRAY<INT8>
 *     ForgottenTopicsData => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<ForgottenTopic>)
 *       TopicId => UUID
 *       Partitions => COMPACT_ARRAY<INT32>
 *
 *   ShareFetchResponse (Version: 1-2) => ThrottleTimeMs ErrorCode ErrorMessage AcquisitionLockTimeoutMs [Responses] [NodeEndpoints] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     AcquisitionLockTimeoutMs => INT32
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<ShareFetchableTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode ErrorMessage AcknowledgeErrorCode AcknowledgeErrorMessage CurrentLeader Records [AcquiredRecords] TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 *         AcknowledgeErrorCode => INT16
 *         AcknowledgeErrorMessage => COMPACT_NULLABLE_STRING
 *         CurrentLeader => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *         Records => COMPACT_RECORDS
 *         AcquiredRecords => FirstOffset LastOffset DeliveryCount TAG_BUFFER (COMPACT_ARRAY<AcquiredRecords>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           DeliveryCount => INT16
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
  readForgottenTopic,
  readLeaderIdAndEpoch,
  readNodeEndpoint,
  writeAcknowledgeTopic,
  writeForgottenTopic,
  writeLeaderIdAndEpoch,
  writeNodeEndpoint,
} from '../structs.js';
import type {
  ShareFetchAcquiredRecords,
  ShareFetchPartitionData,
  ShareFetchRequest,
  ShareFetchResponse,
  ShareFetchableTopicResponse,
} from './types.js';

function writeShareFetchRequest(w: Writer, s: ShareFetchRequest, version: number): void {
  w.compactNullableString(s.groupId);
  w.compactNullableString(s.memberId);
  w.int32(s.shareSessionEpoch);
  w.int32(s.maxWaitMs);
  w.int32(s.minBytes);
  w.int32(s.maxBytes);
  w.int32(s.maxRecords);
  w.int32(s.batchSize);
  if (version >= 2) {
    w.int8(s.shareAcquireMode ?? 0);
    w.bool(s.isRenewAck ?? false);
  }
  w.compactArray(s.topics, writeAcknowledgeTopic);
  w.compactArray(s.forgottenTopicsData, writeForgottenTopic);
  w.taggedFields();
}

function readShareFetchRequest(r: Reader, version: number): ShareFetchRequest {
  const groupId = r.readCompactNullableString();
  const memberId = r.readCompactNullableString();
  const shareSessionEpoch = r.readInt32();
  const maxWaitMs = r.readInt32();
  const minBytes = r.readInt32();
  const maxBytes = r.readInt32();
  const maxRecords = r.readInt32();
  const batchSize = r.readInt32();
  // v1 has neither field: leave them out rather than invent defaults.
  const shareAcquireMode = version >= 2 ? r.readInt8() : undefined;
  const isRenewAck = version >= 2 ? r.readBool() : undefined;
  const topics = r.readCompactArray(readAcknowledgeTopic);
  const forgottenTopicsData = r.readCompactArray(readForgottenTopic);
  r.readTaggedFields();
  const out: ShareFetchRequest = {
    groupId,
    memberId,
    shareSessionEpoch,
    maxWaitMs,
    minBytes,
    maxBytes,
    maxRecords,
    batchSize,
    topics,
    forgottenTopicsData,
  };
  if (shareAcquireMode !== undefined) out.shareAcquireMode = shareAcquireMode;
  if (isRenewAck !== undefined) out.isRenewAck = isRenewAck;
  return out;
}

function writeShareFetchAcquiredRecords(w: Writer, s: ShareFetchAcquiredRecords): void {
  w.int64(s.firstOffset);
  w.int64(s.lastOffset);
  w.int16(s.deliveryCount);
  w.taggedFields();
}

function readShareFetchAcquiredRecords(r: Reader): ShareFetchAcquiredRecords {
  const firstOffset = r.readInt64();
  const lastOffset = r.readInt64();
  const deliveryCount = r.readInt16();
  r.readTaggedFields();
  return { firstOffset, lastOffset, deliveryCount };
}

function writeShareFetchPartitionData(w: Writer, s: ShareFetchPartitionData): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.int16(s.acknowledgeErrorCode);
  w.compactNullableString(s.acknowledgeErrorMessage);
  writeLeaderIdAndEpoch(w, s.currentLeader);
  w.compactBytes(s.records);
  w.compactArray(s.acquiredRecords, writeShareFetchAcquiredRecords);
  w.taggedFields();
}

function readShareFetchPartitionData(r: Reader): ShareFetchPartitionData {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const acknowledgeErrorCode = r.readInt16();
  const acknowledgeErrorMessage = r.readCompactNullableString();
  const currentLeader = readLeaderIdAndEpoch(r);
  const records = r.readCompactBytes();
  const acquiredRecords = r.readCompactArray(readShareFetchAcquiredRecords);
  r.readTaggedFields();
  return {
    partitionIndex,
    errorCode,
    errorMessage,
    acknowledgeErrorCode,
    acknowledgeErrorMessage,
    currentLeader,
    records,
    acquiredRecords,
  };
}

function writeShareFetchableTopicResponse(w: Writer, s: ShareFetchableTopicResponse): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeShareFetchPartitionData);
  w.taggedFields();
}

function readShareFetchableTopicResponse(r: Reader): ShareFetchableTopicResponse {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readShareFetchPartitionData);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeShareFetchResponse(w: Writer, s: ShareFetchResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.int32(s.acquisitionLockTimeoutMs);
  w.compactArray(s.responses, writeShareFetchableTopicResponse);
  w.compactArray(s.nodeEndpoints, writeNodeEndpoint);
  w.taggedFields();
}

function readShareFetchResponse(r: Reader): ShareFetchResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const acquisitionLockTimeoutMs = r.readInt32();
  const responses = r.readCompactArray(readShareFetchableTopicResponse);
  const nodeEndpoints = r.readCompactArray(readNodeEndpoint);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, errorMessage, acquisitionLockTimeoutMs, responses, nodeEndpoints };
}

/** The codec of one ShareFetch version; the response grammar does not depend on it. */
export function shareFetchCodec(version: 1 | 2): ApiCodec<ShareFetchRequest, ShareFetchResponse> {
  return {
    name: 'ShareFetch',
    apiKey: 78,
    version,
    flexible: true,
    encodeRequest: (w, req) => writeShareFetchRequest(w, req, version),
    decodeRequest: (r) => readShareFetchRequest(r, version),
    encodeResponse: writeShareFetchResponse,
    decodeResponse: readShareFetchResponse,
  };
}
