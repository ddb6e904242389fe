/**
 * ListOffsets v7 and v11 (flexible) in one grammar: v10 added TimeoutMs to the request (KIP-1075); v8-v11
 * otherwise only widen the special timestamps a broker accepts, which we do not send. Checked byte for byte
 * against kafka-clients 4.4.0 (test/protocol/apis/golden.test.ts). v7.ts / v11.ts bind the version and carry
 * each version's own grammar.
 *
 *   ListOffsetsRequest (Version: 7, 11) => ReplicaId IsolationLevel [Topics] TimeoutMs(v10+) TAG_BUFFER
 *     ReplicaId => INT32
 *     IsolationLevel => INT8
 *     Topics => Name [Partitions] TAG_BUFFER (COMPACT_ARRAY<ListOffsetsTopic>)
 *       Name => COMPACT_STRING
 *       Partitions => PartitionIndex CurrentLeaderEpoch Timestamp TAG_BUFFER (COMPACT_ARRAY<ListOffsetsPartition>)
 *         PartitionIndex => INT32
 *         CurrentLeaderEpoch => INT32
 *         Timestamp => INT64
 *     TimeoutMs => INT32 (v10+)
 *
 *   ListOffsetsResponse (Version: 7, 11) => ThrottleTimeMs [Topics] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Topics => Name [Partitions] TAG_BUFFER (COMPACT_ARRAY<ListOffsetsTopicResponse>)
 *       Name => COMPACT_STRING
 *       Partitions => PartitionIndex ErrorCode Timestamp Offset LeaderEpoch TAG_BUFFER (COMPACT_ARRAY<ListOffsetsPartitionResponse>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         Timestamp => INT64
 *         Offset => INT64
 *         LeaderEpoch => INT32
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  ListOffsetsPartition,
  ListOffsetsPartitionResponse,
  ListOffsetsRequest,
  ListOffsetsResponse,
  ListOffsetsTopic,
  ListOffsetsTopicResponse,
} from './types.js';

function writeListOffsetsPartition(w: Writer, s: ListOffsetsPartition): void {
  w.int32(s.partitionIndex);
  w.int32(s.currentLeaderEpoch);
  w.int64(s.timestamp);
  w.taggedFields();
}

function readListOffsetsPartition(r: Reader): ListOffsetsPartition {
  const partitionIndex = r.readInt32();
  const currentLeaderEpoch = r.readInt32();
  const timestamp = r.readInt64();
  r.readTaggedFields();
  return { partitionIndex, currentLeaderEpoch, timestamp };
}

function writeListOffsetsTopic(w: Writer, s: ListOffsetsTopic): void {
  w.compactString(s.name);
  w.compactArray(s.partitions, writeListOffsetsPartition);
  w.taggedFields();
}

function readListOffsetsTopic(r: Reader): ListOffsetsTopic {
  const name = r.readCompactString();
  const partitions = r.readCompactArray(readListOffsetsPartition);
  r.readTaggedFields();
  return { name, partitions };
}

function writeListOffsetsRequest(w: Writer, s: ListOffsetsRequest, version: number): void {
  w.int32(s.replicaId);
  w.int8(s.isolationLevel);
  w.compactArray(s.topics, writeListOffsetsTopic);
  if (version >= 10) w.int32(s.timeoutMs ?? 0);
  w.taggedFields();
}

function readListOffsetsRequest(r: Reader, version: number): ListOffsetsRequest {
  const replicaId = r.readInt32();
  const isolationLevel = r.readInt8();
  const topics = r.readCompactArray(readListOffsetsTopic);
  if (version < 10) {
    r.readTaggedFields();
    return { replicaId, isolationLevel, topics };
  }
  const timeoutMs = r.readInt32();
  r.readTaggedFields();
  return { replicaId, isolationLevel, topics, timeoutMs };
}

function writeListOffsetsPartitionResponse(w: Writer, s: ListOffsetsPartitionResponse): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.int64(s.timestamp);
  w.int64(s.offset);
  w.int32(s.leaderEpoch);
  w.taggedFields();
}

function readListOffsetsPartitionResponse(r: Reader): ListOffsetsPartitionResponse {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const timestamp = r.readInt64();
  const offset = r.readInt64();
  const leaderEpoch = r.readInt32();
  r.readTaggedFields();
  return { partitionIndex, errorCode, timestamp, offset, leaderEpoch };
}

function writeListOffsetsTopicResponse(w: Writer, s: ListOffsetsTopicResponse): void {
  w.compactString(s.name);
  w.compactArray(s.partitions, writeListOffsetsPartitionResponse);
  w.taggedFields();
}

function readListOffsetsTopicResponse(r: Reader): ListOffsetsTopicResponse {
  const name = r.readCompactString();
  const partitions = r.readCompactArray(readListOffsetsPartitionResponse);
  r.readTaggedFields();
  return { name, partitions };
}

function writeListOffsetsResponse(w: Writer, s: ListOffsetsResponse): void {
  w.int32(s.throttleTimeMs);
  w.compactArray(s.topics, writeListOffsetsTopicResponse);
  w.taggedFields();
}

function readListOffsetsResponse(r: Reader): ListOffsetsResponse {
  const throttleTimeMs = r.readInt32();
  const topics = r.readCompactArray(readListOffsetsTopicResponse);
  r.readTaggedFields();
  return { throttleTimeMs, topics };
}

/** The codec of one ListOffsets version; the response grammar does not depend on it. */
export function listOffsetsCodec(version: 7 | 11): ApiCodec<ListOffsetsRequest, ListOffsetsResponse> {
  return {
    name: 'ListOffsets',
    apiKey: 2,
    version,
    flexible: true,
    encodeRequest: (w, req) => writeListOffsetsRequest(w, req, version),
    decodeRequest: (r) => readListOffsetsRequest(r, version),
    encodeResponse: writeListOffsetsResponse,
    decodeResponse: readListOffsetsResponse,
  };
}
