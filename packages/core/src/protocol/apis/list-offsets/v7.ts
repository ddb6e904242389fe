/**
 * ListOffsets v7 (flexible) — the grammar it implements (Kafka 4.4.0 message JSON); encoded/decoded by ./grammar.ts.
 *
 *   ListOffsetsRequest (Version: 7) => ReplicaId IsolationLevel [Topics] TAG_BUFFER
 *     ReplicaId => INT32
 *     IsolationLevel => INT8
 *     Topics => Name [Partitions] TAG_BUFFER (COMPACT_ARRAY<ListOffsetsTopic>)
 *       Name => COMPACT_STRING
 *       Partitions => PartitionIndex CurrentLeaderEpoch Timestamp TAG_BUFFER (COMPACT_ARRAY<ListOffsetsPartition>)
 *         PartitionIndex => INT32
 *         CurrentLeaderEpoch => INT32
 *         Timestamp => INT64
 *
 *   ListOffsetsResponse (Version: 7) => ThrottleTimeMs [Topics] TAG_BUFFER
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
import { listOffsetsCodec } from './grammar.js';

export const listOffsetsV7 = listOffsetsCodec(7);
