/**
 * ShareFetch v1 and v2 (flexible) in one grammar: v2 adds ShareAcquireMode and IsRenewAck to the request
 * (KIP-1206, KIP-1222); the response is the same in both. Checked byte for byte against kafka-clients 4.4.0
 * (test/protocol/apis/golden.test.ts). v1.ts / v2.ts bind the version and carry each version's own grammar.
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
import { readInt32Item, readInt8Item, writeInt32Item, writeInt8Item } from '../items.js';
import type {
  ShareFetchAcknowledgementBatch,
  ShareFetchAcquiredRecords,
  ShareFetchFetchPartition,
  ShareFetchFetchTopic,
  ShareFetchForgottenTopic,
  ShareFetchLeaderIdAndEpoch,
  ShareFetchNodeEndpoint,
  ShareFetchPartitionData,
  ShareFetchRequest,
  ShareFetchResponse,
  ShareFetchableTopicResponse,
} from './types.js';

function writeShareFetchAcknowledgementBatch(w: Writer, s: ShareFetchAcknowledgementBatch): void {
  w.int64(s.firstOffset);
  w.int64(s.lastOffset);
  w.compactArray(s.acknowledgeTypes, writeInt8Item);
  w.taggedFields();
}

function readShareFetchAcknowledgementBatch(r: Reader): ShareFetchAcknowledgementBatch {
  const firstOffset = r.readInt64();
  const lastOffset = r.readInt64();
  const acknowledgeTypes = r.readCompactArray(readInt8Item);
  r.readTaggedFields();
  return { firstOffset, lastOffset, acknowledgeTypes };
}

function writeShareFetchFetchPartition(w: Writer, s: ShareFetchFetchPartition): void {
  w.int32(s.partitionIndex);
  w.compactArray(s.acknowledgementBatches, writeShareFetchAcknowledgementBatch);
  w.taggedFields();
}

function readShareFetchFetchPartition(r: Reader): ShareFetchFetchPartition {
  const partitionIndex = r.readInt32();
  const acknowledgementBatches = r.readCompactArray(readShareFetchAcknowledgementBatch);
  r.readTaggedFields();
  return { partitionIndex, acknowledgementBatches };
}

function writeShareFetchFetchTopic(w: Writer, s: ShareFetchFetchTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeShareFetchFetchPartition);
  w.taggedFields();
}

function readShareFetchFetchTopic(r: Reader): ShareFetchFetchTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readShareFetchFetchPartition);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeShareFetchForgottenTopic(w: Writer, s: ShareFetchForgottenTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

function readShareFetchForgottenTopic(r: Reader): ShareFetchForgottenTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicId, partitions };
}

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
  w.compactArray(s.topics, writeShareFetchFetchTopic);
  w.compactArray(s.forgottenTopicsData, writeShareFetchForgottenTopic);
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
  const topics = r.readCompactArray(readShareFetchFetchTopic);
  const forgottenTopicsData = r.readCompactArray(readShareFetchForgottenTopic);
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

function writeShareFetchLeaderIdAndEpoch(w: Writer, s: ShareFetchLeaderIdAndEpoch): void {
  w.int32(s.leaderId);
  w.int32(s.leaderEpoch);
  w.taggedFields();
}

function readShareFetchLeaderIdAndEpoch(r: Reader): ShareFetchLeaderIdAndEpoch {
  const leaderId = r.readInt32();
  const leaderEpoch = r.readInt32();
  r.readTaggedFields();
  return { leaderId, leaderEpoch };
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
  writeShareFetchLeaderIdAndEpoch(w, s.currentLeader);
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
  const currentLeader = readShareFetchLeaderIdAndEpoch(r);
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

function writeShareFetchNodeEndpoint(w: Writer, s: ShareFetchNodeEndpoint): void {
  w.int32(s.nodeId);
  w.compactString(s.host);
  w.int32(s.port);
  w.compactNullableString(s.rack);
  w.taggedFields();
}

function readShareFetchNodeEndpoint(r: Reader): ShareFetchNodeEndpoint {
  const nodeId = r.readInt32();
  const host = r.readCompactString();
  const port = r.readInt32();
  const rack = r.readCompactNullableString();
  r.readTaggedFields();
  return { nodeId, host, port, rack };
}

function writeShareFetchResponse(w: Writer, s: ShareFetchResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.int32(s.acquisitionLockTimeoutMs);
  w.compactArray(s.responses, writeShareFetchableTopicResponse);
  w.compactArray(s.nodeEndpoints, writeShareFetchNodeEndpoint);
  w.taggedFields();
}

function readShareFetchResponse(r: Reader): ShareFetchResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const acquisitionLockTimeoutMs = r.readInt32();
  const responses = r.readCompactArray(readShareFetchableTopicResponse);
  const nodeEndpoints = r.readCompactArray(readShareFetchNodeEndpoint);
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
