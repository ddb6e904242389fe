/**
 * Fetch v13 and v18 (flexible) in one grammar. v13 is the first version with topic ids (KIP-516) and is
 * served by every Kafka 4.x broker; v18 is the highest Kafka 4.4 serves. Between them: v15 moved ReplicaId
 * out of the body into the tagged ReplicaState (KIP-903), v16 added the response's tagged NodeEndpoints
 * (KIP-951), v17 the partition's tagged ReplicaDirectoryId (KIP-853), v18 its tagged HighWatermark
 * (KIP-1166). Checked byte for byte against kafka-clients 4.4.0 (test/protocol/apis/golden.test.ts).
 * v13.ts / v18.ts bind the version and carry each version's own grammar.
 * Structs shared with other APIs (NodeEndpoint, LeaderIdAndEpoch, ...) are encoded by ../structs.ts.
 * This file encodes the request; ./response-grammar.ts the response.
 *
 *   FetchRequest (Version: 13, 18) => ReplicaId(v13) MaxWaitMs MinBytes MaxBytes IsolationLevel SessionId SessionEpoch [Topics] [ForgottenTopicsData] RackId TAG_BUFFER
 *     ReplicaId => INT32 (v13 only)
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
 *         ReplicaDirectoryId (tag 0, v17+) => UUID
 *         HighWatermark (tag 1, v18+) => INT64
 *     ForgottenTopicsData => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<ForgottenTopic>)
 *       TopicId => UUID
 *       Partitions => COMPACT_ARRAY<INT32>
 *     RackId => COMPACT_STRING
 *     ClusterId (tag 0) => COMPACT_NULLABLE_STRING
 *     ReplicaState (tag 1, v15+) => ReplicaId ReplicaEpoch TAG_BUFFER
 *       ReplicaId => INT32
 *       ReplicaEpoch => INT64
 *
 *   FetchResponse (Version: 13, 18) => ThrottleTimeMs ErrorCode SessionId [Responses] TAG_BUFFER
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
 *     NodeEndpoints (tag 0, v16+) => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import { type TaggedField, Writer } from '../../writer.js';
import { readForgottenTopic, writeForgottenTopic } from '../structs.js';
import type { FetchPartition, FetchReplicaState, FetchRequest, FetchResponse, FetchTopic } from './types.js';
import { readFetchResponse, writeFetchResponse } from './response-grammar.js';

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

/**
 * The request functions of one version. A partition's tags depend on the version two arrays deep, so each
 * version gets its own set, built once per codec (no closure per call or per field).
 */
function requestGrammar(version: number) {
  const replicaIdInBody = version < 15;
  const replicaStateTag = version >= 15;
  const replicaDirectoryIdTag = version >= 17;
  const highWatermarkTag = version >= 18;

  function writePartition(w: Writer, s: FetchPartition): void {
    w.int32(s.partition);
    w.int32(s.currentLeaderEpoch);
    w.int64(s.fetchOffset);
    w.int32(s.lastFetchedEpoch);
    w.int64(s.logStartOffset);
    w.int32(s.partitionMaxBytes);
    const tags: TaggedField[] = [];
    if (replicaDirectoryIdTag && s.replicaDirectoryId !== undefined) {
      const tw = new Writer(32);
      tw.uuid(s.replicaDirectoryId);
      tags.push({ tag: 0, data: tw.toBuffer() });
    }
    if (highWatermarkTag && s.highWatermark !== undefined) {
      const tw = new Writer(32);
      tw.int64(s.highWatermark);
      tags.push({ tag: 1, data: tw.toBuffer() });
    }
    w.taggedFields(tags);
  }

  function readPartition(r: Reader): FetchPartition {
    const partition = r.readInt32();
    const currentLeaderEpoch = r.readInt32();
    const fetchOffset = r.readInt64();
    const lastFetchedEpoch = r.readInt32();
    const logStartOffset = r.readInt64();
    const partitionMaxBytes = r.readInt32();
    let replicaDirectoryId: string | undefined;
    let highWatermark: number | undefined;
    r.readTaggedFields((tag, t) => {
      if (tag === 0 && replicaDirectoryIdTag) replicaDirectoryId = t.readUuid();
      if (tag === 1 && highWatermarkTag) highWatermark = t.readInt64();
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

  function writeTopic(w: Writer, s: FetchTopic): void {
    w.uuid(s.topicId);
    w.compactArray(s.partitions, writePartition);
    w.taggedFields();
  }

  function readTopic(r: Reader): FetchTopic {
    const topicId = r.readUuid();
    const partitions = r.readCompactArray(readPartition);
    r.readTaggedFields();
    return { topicId, partitions };
  }

  function encodeRequest(w: Writer, s: FetchRequest): void {
    if (replicaIdInBody) w.int32(s.replicaId ?? -1);
    w.int32(s.maxWaitMs);
    w.int32(s.minBytes);
    w.int32(s.maxBytes);
    w.int8(s.isolationLevel);
    w.int32(s.sessionId);
    w.int32(s.sessionEpoch);
    w.compactArray(s.topics, writeTopic);
    w.compactArray(s.forgottenTopicsData, writeForgottenTopic);
    w.compactString(s.rackId);
    const tags: TaggedField[] = [];
    if (s.clusterId !== undefined) {
      const tw = new Writer(32);
      tw.compactNullableString(s.clusterId);
      tags.push({ tag: 0, data: tw.toBuffer() });
    }
    if (replicaStateTag && s.replicaState !== undefined) {
      const tw = new Writer(32);
      writeFetchReplicaState(tw, s.replicaState);
      tags.push({ tag: 1, data: tw.toBuffer() });
    }
    w.taggedFields(tags);
  }

  function decodeRequest(r: Reader): FetchRequest {
    const replicaId = replicaIdInBody ? r.readInt32() : undefined;
    const maxWaitMs = r.readInt32();
    const minBytes = r.readInt32();
    const maxBytes = r.readInt32();
    const isolationLevel = r.readInt8();
    const sessionId = r.readInt32();
    const sessionEpoch = r.readInt32();
    const topics = r.readCompactArray(readTopic);
    const forgottenTopicsData = r.readCompactArray(readForgottenTopic);
    const rackId = r.readCompactString();
    let clusterId: string | null | undefined;
    let replicaState: FetchReplicaState | undefined;
    r.readTaggedFields((tag, t) => {
      if (tag === 0) clusterId = t.readCompactNullableString();
      if (tag === 1 && replicaStateTag) replicaState = readFetchReplicaState(t);
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
    if (replicaId !== undefined) out.replicaId = replicaId;
    if (clusterId !== undefined) out.clusterId = clusterId;
    if (replicaState !== undefined) out.replicaState = replicaState;
    return out;
  }

  return { encodeRequest, decodeRequest };
}

/** The codec of one Fetch version. */
export function fetchCodec(version: 13 | 18): ApiCodec<FetchRequest, FetchResponse> {
  const { encodeRequest, decodeRequest } = requestGrammar(version);
  return {
    name: 'Fetch',
    apiKey: 1,
    version,
    flexible: true,
    encodeRequest,
    decodeRequest,
    encodeResponse: (w, res) => writeFetchResponse(w, res, version),
    decodeResponse: (r) => readFetchResponse(r, version),
  };
}
