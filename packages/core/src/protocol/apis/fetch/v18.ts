/**
 * Fetch v18 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   FetchRequest (Version: 18) => MaxWaitMs MinBytes MaxBytes IsolationLevel SessionId SessionEpoch [Topics] [ForgottenTopicsData] RackId TAG_BUFFER
 *     MaxWaitMs => INT32
 *     MinBytes => INT32
 *     MaxBytes => INT32
 *     IsolationLevel => INT8
 *     SessionId => INT32
 *     SessionEpoch => INT32
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchTopic>)
 *       TopicId => UUID
 *       Partitions => Partition CurrentLeaderEpoch FetchOffset LastFetchedEpoch LogStartOffset PartitionMaxBytes TAG_BUFFER (COMPACT_ARRAY<FetchPartition>)
 *         Partition => INT32
 *         CurrentLeaderEpoch => INT32
 *         FetchOffset => INT64
 *         LastFetchedEpoch => INT32
 *         LogStartOffset => INT64
 *         PartitionMaxBytes => INT32
 *         ReplicaDirectoryId (tag 0) => UUID
 *         HighWatermark (tag 1) => INT64
 *     ForgottenTopicsData => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<ForgottenTopic>)
 *       TopicId => UUID
 *       Partitions => COMPACT_ARRAY<INT32>
 *     RackId => COMPACT_STRING
 *     ClusterId (tag 0) => COMPACT_NULLABLE_STRING
 *     ReplicaState (tag 1) => ReplicaId ReplicaEpoch TAG_BUFFER
 *       ReplicaId => INT32
 *       ReplicaEpoch => INT64
 *
 *   FetchResponse (Version: 18) => ThrottleTimeMs ErrorCode SessionId [Responses] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     SessionId => INT32
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchableTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode HighWatermark LastStableOffset LogStartOffset [AbortedTransactions] PreferredReadReplica Records TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         HighWatermark => INT64
 *         LastStableOffset => INT64
 *         LogStartOffset => INT64
 *         AbortedTransactions => ProducerId FirstOffset TAG_BUFFER (COMPACT_NULLABLE_ARRAY<AbortedTransaction>)
 *           ProducerId => INT64
 *           FirstOffset => INT64
 *         PreferredReadReplica => INT32
 *         Records => COMPACT_NULLABLE_RECORDS
 *         DivergingEpoch (tag 0) => Epoch EndOffset TAG_BUFFER
 *           Epoch => INT32
 *           EndOffset => INT64
 *         CurrentLeader (tag 1) => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *         SnapshotId (tag 2) => EndOffset Epoch TAG_BUFFER
 *           EndOffset => INT64
 *           Epoch => INT32
 *     NodeEndpoints (tag 0) => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import { type TaggedField, Writer } from '../../writer.js';
import { readInt32Item, writeInt32Item } from '../items.js';
import type {
  FetchAbortedTransaction,
  FetchEpochEndOffset,
  FetchForgottenTopic,
  FetchLeaderIdAndEpoch,
  FetchNodeEndpoint,
  FetchPartition,
  FetchPartitionData,
  FetchReplicaState,
  FetchRequest,
  FetchResponse,
  FetchSnapshotId,
  FetchTopic,
  FetchableTopicResponse,
} from './types.js';

function writeFetchReplicaState(w: Writer, s: FetchReplicaState): void {
  w.int32(s.replicaId);
  w.int64(s.replicaEpoch);
  w.taggedFields();
}

function readFetchReplicaState(r: Reader): FetchReplicaState {
  const replicaId = r.readInt32();
  const replicaEpoch = r.readInt64();
  r.readTaggedFields();
  return { replicaId, replicaEpoch };
}

function writeFetchPartition(w: Writer, s: FetchPartition): void {
  w.int32(s.partition);
  w.int32(s.currentLeaderEpoch);
  w.int64(s.fetchOffset);
  w.int32(s.lastFetchedEpoch);
  w.int64(s.logStartOffset);
  w.int32(s.partitionMaxBytes);
  const tags: TaggedField[] = [];
  if (s.replicaDirectoryId !== undefined) {
    const tw = new Writer(32);
    tw.uuid(s.replicaDirectoryId);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  if (s.highWatermark !== undefined) {
    const tw = new Writer(32);
    tw.int64(s.highWatermark);
    tags.push({ tag: 1, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

function readFetchPartition(r: Reader): FetchPartition {
  const partition = r.readInt32();
  const currentLeaderEpoch = r.readInt32();
  const fetchOffset = r.readInt64();
  const lastFetchedEpoch = r.readInt32();
  const logStartOffset = r.readInt64();
  const partitionMaxBytes = r.readInt32();
  let replicaDirectoryId: string | undefined;
  let highWatermark: number | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0) replicaDirectoryId = t.readUuid();
    if (tag === 1) highWatermark = t.readInt64();
  });
  const out: FetchPartition = {
    partition,
    currentLeaderEpoch,
    fetchOffset,
    lastFetchedEpoch,
    logStartOffset,
    partitionMaxBytes,
  };
  if (replicaDirectoryId !== undefined) out.replicaDirectoryId = replicaDirectoryId;
  if (highWatermark !== undefined) out.highWatermark = highWatermark;
  return out;
}

function writeFetchTopic(w: Writer, s: FetchTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeFetchPartition);
  w.taggedFields();
}

function readFetchTopic(r: Reader): FetchTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readFetchPartition);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeFetchForgottenTopic(w: Writer, s: FetchForgottenTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

function readFetchForgottenTopic(r: Reader): FetchForgottenTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeFetchRequest(w: Writer, s: FetchRequest): void {
  w.int32(s.maxWaitMs);
  w.int32(s.minBytes);
  w.int32(s.maxBytes);
  w.int8(s.isolationLevel);
  w.int32(s.sessionId);
  w.int32(s.sessionEpoch);
  w.compactArray(s.topics, writeFetchTopic);
  w.compactArray(s.forgottenTopicsData, writeFetchForgottenTopic);
  w.compactString(s.rackId);
  const tags: TaggedField[] = [];
  if (s.clusterId !== undefined) {
    const tw = new Writer(32);
    tw.compactNullableString(s.clusterId);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  if (s.replicaState !== undefined) {
    const tw = new Writer(32);
    writeFetchReplicaState(tw, s.replicaState);
    tags.push({ tag: 1, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

function readFetchRequest(r: Reader): FetchRequest {
  const maxWaitMs = r.readInt32();
  const minBytes = r.readInt32();
  const maxBytes = r.readInt32();
  const isolationLevel = r.readInt8();
  const sessionId = r.readInt32();
  const sessionEpoch = r.readInt32();
  const topics = r.readCompactArray(readFetchTopic);
  const forgottenTopicsData = r.readCompactArray(readFetchForgottenTopic);
  const rackId = r.readCompactString();
  let clusterId: string | null | undefined;
  let replicaState: FetchReplicaState | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0) clusterId = t.readCompactNullableString();
    if (tag === 1) replicaState = readFetchReplicaState(t);
  });
  const out: FetchRequest = {
    maxWaitMs,
    minBytes,
    maxBytes,
    isolationLevel,
    sessionId,
    sessionEpoch,
    topics,
    forgottenTopicsData,
    rackId,
  };
  if (clusterId !== undefined) out.clusterId = clusterId;
  if (replicaState !== undefined) out.replicaState = replicaState;
  return out;
}

function writeFetchEpochEndOffset(w: Writer, s: FetchEpochEndOffset): void {
  w.int32(s.epoch);
  w.int64(s.endOffset);
  w.taggedFields();
}

function readFetchEpochEndOffset(r: Reader): FetchEpochEndOffset {
  const epoch = r.readInt32();
  const endOffset = r.readInt64();
  r.readTaggedFields();
  return { epoch, endOffset };
}

function writeFetchLeaderIdAndEpoch(w: Writer, s: FetchLeaderIdAndEpoch): void {
  w.int32(s.leaderId);
  w.int32(s.leaderEpoch);
  w.taggedFields();
}

function readFetchLeaderIdAndEpoch(r: Reader): FetchLeaderIdAndEpoch {
  const leaderId = r.readInt32();
  const leaderEpoch = r.readInt32();
  r.readTaggedFields();
  return { leaderId, leaderEpoch };
}

function writeFetchSnapshotId(w: Writer, s: FetchSnapshotId): void {
  w.int64(s.endOffset);
  w.int32(s.epoch);
  w.taggedFields();
}

function readFetchSnapshotId(r: Reader): FetchSnapshotId {
  const endOffset = r.readInt64();
  const epoch = r.readInt32();
  r.readTaggedFields();
  return { endOffset, epoch };
}

function writeFetchAbortedTransaction(w: Writer, s: FetchAbortedTransaction): void {
  w.int64(s.producerId);
  w.int64(s.firstOffset);
  w.taggedFields();
}

function readFetchAbortedTransaction(r: Reader): FetchAbortedTransaction {
  const producerId = r.readInt64();
  const firstOffset = r.readInt64();
  r.readTaggedFields();
  return { producerId, firstOffset };
}

function writeFetchPartitionData(w: Writer, s: FetchPartitionData): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.int64(s.highWatermark);
  w.int64(s.lastStableOffset);
  w.int64(s.logStartOffset);
  w.compactArray(s.abortedTransactions, writeFetchAbortedTransaction);
  w.int32(s.preferredReadReplica);
  w.compactNullableBytes(s.records);
  const tags: TaggedField[] = [];
  if (s.divergingEpoch !== undefined) {
    const tw = new Writer(32);
    writeFetchEpochEndOffset(tw, s.divergingEpoch);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  if (s.currentLeader !== undefined) {
    const tw = new Writer(32);
    writeFetchLeaderIdAndEpoch(tw, s.currentLeader);
    tags.push({ tag: 1, data: tw.toBuffer() });
  }
  if (s.snapshotId !== undefined) {
    const tw = new Writer(32);
    writeFetchSnapshotId(tw, s.snapshotId);
    tags.push({ tag: 2, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

function readFetchPartitionData(r: Reader): FetchPartitionData {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const highWatermark = r.readInt64();
  const lastStableOffset = r.readInt64();
  const logStartOffset = r.readInt64();
  const abortedTransactions = r.readCompactNullableArray(readFetchAbortedTransaction);
  const preferredReadReplica = r.readInt32();
  const records = r.readCompactNullableBytes();
  let divergingEpoch: FetchEpochEndOffset | undefined;
  let currentLeader: FetchLeaderIdAndEpoch | undefined;
  let snapshotId: FetchSnapshotId | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0) divergingEpoch = readFetchEpochEndOffset(t);
    if (tag === 1) currentLeader = readFetchLeaderIdAndEpoch(t);
    if (tag === 2) snapshotId = readFetchSnapshotId(t);
  });
  const out: FetchPartitionData = {
    partitionIndex,
    errorCode,
    highWatermark,
    lastStableOffset,
    logStartOffset,
    abortedTransactions,
    preferredReadReplica,
    records,
  };
  if (divergingEpoch !== undefined) out.divergingEpoch = divergingEpoch;
  if (currentLeader !== undefined) out.currentLeader = currentLeader;
  if (snapshotId !== undefined) out.snapshotId = snapshotId;
  return out;
}

function writeFetchableTopicResponse(w: Writer, s: FetchableTopicResponse): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeFetchPartitionData);
  w.taggedFields();
}

function readFetchableTopicResponse(r: Reader): FetchableTopicResponse {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readFetchPartitionData);
  r.readTaggedFields();
  return { topicId, partitions };
}

function writeFetchNodeEndpoint(w: Writer, s: FetchNodeEndpoint): void {
  w.int32(s.nodeId);
  w.compactString(s.host);
  w.int32(s.port);
  w.compactNullableString(s.rack);
  w.taggedFields();
}

function readFetchNodeEndpoint(r: Reader): FetchNodeEndpoint {
  const nodeId = r.readInt32();
  const host = r.readCompactString();
  const port = r.readInt32();
  const rack = r.readCompactNullableString();
  r.readTaggedFields();
  return { nodeId, host, port, rack };
}

function writeFetchResponse(w: Writer, s: FetchResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.int32(s.sessionId);
  w.compactArray(s.responses, writeFetchableTopicResponse);
  const tags: TaggedField[] = [];
  if (s.nodeEndpoints !== undefined) {
    const tw = new Writer(32);
    tw.compactArray(s.nodeEndpoints, writeFetchNodeEndpoint);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

function readFetchResponse(r: Reader): FetchResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const sessionId = r.readInt32();
  const responses = r.readCompactArray(readFetchableTopicResponse);
  let nodeEndpoints: FetchNodeEndpoint[] | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0) nodeEndpoints = t.readCompactArray(readFetchNodeEndpoint);
  });
  const out: FetchResponse = { throttleTimeMs, errorCode, sessionId, responses };
  if (nodeEndpoints !== undefined) out.nodeEndpoints = nodeEndpoints;
  return out;
}

export const fetchV18: ApiCodec<FetchRequest, FetchResponse> = {
  name: 'Fetch',
  apiKey: 1,
  version: 18,
  flexible: true,
  encodeRequest: writeFetchRequest,
  decodeRequest: readFetchRequest,
  encodeResponse: writeFetchResponse,
  decodeResponse: readFetchResponse,
};
