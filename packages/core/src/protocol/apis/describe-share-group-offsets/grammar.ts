/**
 * DescribeShareGroupOffsets v0 and v1 (flexible) in one grammar: v1 adds each partition's Lag to the
 * response (KIP-1226); the request is the same in both. Checked byte for byte against kafka-clients 4.4.0
 * (test/protocol/apis/golden.test.ts). v0.ts / v1.ts bind the version and carry each version's own grammar.
 *
 *   DescribeShareGroupOffsetsRequest (Version: 0-1) => [Groups] TAG_BUFFER
 *     Groups => GroupId [Topics] TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsRequestGroup>)
 *       GroupId => COMPACT_STRING
 *       Topics => TopicName Partitions TAG_BUFFER (COMPACT_NULLABLE_ARRAY<DescribeShareGroupOffsetsRequestTopic>)
 *         TopicName => COMPACT_STRING
 *         Partitions => COMPACT_ARRAY<INT32>
 *
 *   DescribeShareGroupOffsetsResponse (Version: 0-1) => ThrottleTimeMs [Groups] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Groups => GroupId [Topics] ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponseGroup>)
 *       GroupId => COMPACT_STRING
 *       Topics => TopicName TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponseTopic>)
 *         TopicName => COMPACT_STRING
 *         TopicId => UUID
 *         Partitions => PartitionIndex StartOffset LeaderEpoch Lag(v1+) ErrorCode ErrorMessage TAG_BUFFER (COMPACT_ARRAY<DescribeShareGroupOffsetsResponsePartition>)
 *           PartitionIndex => INT32
 *           StartOffset => INT64
 *           LeaderEpoch => INT32
 *           Lag => INT64 (v1+)
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

/**
 * The response functions of one version. Lag sits three arrays deep, so each version gets its own set,
 * built once per codec (no closure per call or per field).
 */
function responseGrammar(version: number) {
  const hasLag = version >= 1;

  function writePartition(w: Writer, s: DescribeShareGroupOffsetsResponsePartition): void {
    w.int32(s.partitionIndex);
    w.int64(s.startOffset);
    w.int32(s.leaderEpoch);
    if (hasLag) w.int64(s.lag ?? -1);
    w.int16(s.errorCode);
    w.compactNullableString(s.errorMessage);
    w.taggedFields();
  }

  function readPartition(r: Reader): DescribeShareGroupOffsetsResponsePartition {
    const partitionIndex = r.readInt32();
    const startOffset = r.readInt64();
    const leaderEpoch = r.readInt32();
    if (!hasLag) {
      const errorCode = r.readInt16();
      const errorMessage = r.readCompactNullableString();
      r.readTaggedFields();
      return { partitionIndex, startOffset, leaderEpoch, errorCode, errorMessage };
    }
    const lag = r.readInt64();
    const errorCode = r.readInt16();
    const errorMessage = r.readCompactNullableString();
    r.readTaggedFields();
    return { partitionIndex, startOffset, leaderEpoch, lag, errorCode, errorMessage };
  }

  function writeTopic(w: Writer, s: DescribeShareGroupOffsetsResponseTopic): void {
    w.compactString(s.topicName);
    w.uuid(s.topicId);
    w.compactArray(s.partitions, writePartition);
    w.taggedFields();
  }

  function readTopic(r: Reader): DescribeShareGroupOffsetsResponseTopic {
    const topicName = r.readCompactString();
    const topicId = r.readUuid();
    const partitions = r.readCompactArray(readPartition);
    r.readTaggedFields();
    return { topicName, topicId, partitions };
  }

  function writeGroup(w: Writer, s: DescribeShareGroupOffsetsResponseGroup): void {
    w.compactString(s.groupId);
    w.compactArray(s.topics, writeTopic);
    w.int16(s.errorCode);
    w.compactNullableString(s.errorMessage);
    w.taggedFields();
  }

  function readGroup(r: Reader): DescribeShareGroupOffsetsResponseGroup {
    const groupId = r.readCompactString();
    const topics = r.readCompactArray(readTopic);
    const errorCode = r.readInt16();
    const errorMessage = r.readCompactNullableString();
    r.readTaggedFields();
    return { groupId, topics, errorCode, errorMessage };
  }

  function encodeResponse(w: Writer, s: DescribeShareGroupOffsetsResponse): void {
    w.int32(s.throttleTimeMs);
    w.compactArray(s.groups, writeGroup);
    w.taggedFields();
  }

  function decodeResponse(r: Reader): DescribeShareGroupOffsetsResponse {
    const throttleTimeMs = r.readInt32();
    const groups = r.readCompactArray(readGroup);
    r.readTaggedFields();
    return { throttleTimeMs, groups };
  }

  return { encodeResponse, decodeResponse };
}

/** The codec of one DescribeShareGroupOffsets version. */
export function describeShareGroupOffsetsCodec(
  version: 0 | 1,
): ApiCodec<DescribeShareGroupOffsetsRequest, DescribeShareGroupOffsetsResponse> {
  const { encodeResponse, decodeResponse } = responseGrammar(version);
  return {
    name: 'DescribeShareGroupOffsets',
    apiKey: 90,
    version,
    flexible: true,
    encodeRequest: writeDescribeShareGroupOffsetsRequest,
    decodeRequest: readDescribeShareGroupOffsetsRequest,
    encodeResponse,
    decodeResponse,
  };
}
