/**
 * DescribeShareGroupOffsets v1 (flexible) — the grammar it implements (Kafka 4.4.0 message JSON); encoded/decoded by ./grammar.ts.
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
import { describeShareGroupOffsetsCodec } from './grammar.js';

export const describeShareGroupOffsetsV1 = describeShareGroupOffsetsCodec(1);
